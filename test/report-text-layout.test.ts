/**
 * The text report as a terminal shows it: lines fit 80 columns without cutting a word,
 * counts read as English ("1 sign-in") with thousands separators, and a joined pair's id is
 * labelled as the correlation id it is.
 */

import {writeFileSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {wrapped} from '../src/report/report-text.js';
import {cli, samplesDir, tempDir} from './helpers.js';

const signin = (n: number, code: number): string =>
	JSON.stringify({
		id: `10000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
		createdDateTime: `2026-11-20T08:${String(Math.floor(n / 60) % 60).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}Z`,
		userPrincipalName: 'one@contoso.com',
		appId: 'app-1',
		appDisplayName: 'Contoso Expenses Web',
		status: {errorCode: code},
	});

const reportOf = (lines: string[]): string => {
	const dir = tempDir();
	const input = path.join(dir, 's.jsonl');
	writeFileSync(input, lines.join('\n') + '\n');
	const db = path.join(dir, 'r.db');
	const run = cli(['analyze', '--db', db, input]);
	if (run.status !== 0) throw new Error(run.stderr);
	return cli(['report', '--db', db]).stdout;
};

test('one sign-in is "1 event (1 sign-in" and "1 user · 1 app"', (t) => {
	const text = reportOf([signin(1, 50126)]);
	t.regex(text, /1 event \(1 sign-in, 0 app\)/);
	t.regex(text, /1 user · 1 app\b/);
	t.notRegex(text, /\b1 (sign-ins|users|apps|events)\b/);
});

test('counts of a thousand or more carry a thousands separator', (t) => {
	const text = reportOf(Array.from({length: 1200}, (_, i) => signin(i + 1, 50126)));
	t.regex(text, /1,200 events \(1,200 sign-ins/);
	t.regex(text, /\b1,200 failures\b/);
});

test('the report on the samples fits 80 columns and loses no word', (t) => {
	const db = path.join(tempDir(), 's.db');
	t.is(cli(['analyze', '--db', db, samplesDir]).status, 0);
	const text = cli(['report', '--db', db]).stdout;
	for (const line of text.split('\n')) if (line.length > 80) t.false(line.trim().includes(' '), `over 80 columns: ${line}`);
	t.regex(text, /joined by \w+;\s+correlation id\s+[0-9a-f-]{36}/);
	t.notRegex(text, /\(trace_id [0-9a-f-]{36}\)/);
});

test('wrapping keeps every word whole and in order', (t) => {
	const line = `          fix: ${'word '.repeat(30)}https://login.microsoftonline.com/${'x'.repeat(90)} end`;
	const lines = wrapped(line, 80);
	t.true(lines.length > 1);
	t.deepEqual(lines.join(' ').split(/\s+/).filter(Boolean), line.split(/\s+/).filter(Boolean));
	for (const l of lines.slice(1)) t.true(l.startsWith('            '));
	for (const l of lines) t.true(l.length <= 80 || !l.trim().includes(' '));
});

test('the analyze summary wraps cause titles at words to fit 80 columns', (t) => {
	const run = cli(['analyze', '--db', ':memory:', samplesDir]);
	t.is(run.status, 0);
	const section = run.stdout.slice(run.stdout.indexOf('Top causes'), run.stdout.indexOf('Top codes'));
	t.true(section.length > 0);
	for (const line of section.split('\n')) t.true(line.length <= 80, `over 80 columns: ${line}`);
	t.regex(section, /account-locked +Account locked out after too many failed\n +attempts/);
});

const analyzeOf = (lines: string[]): string => {
	const input = path.join(tempDir(), 's.jsonl');
	writeFileSync(input, lines.join('\n') + '\n');
	const run = cli(['analyze', '--db', ':memory:', input]);
	if (run.status !== 0) throw new Error(run.stderr);
	return run.stdout;
};

test('the analyze summary fits 80 columns on every line, not only the cause titles', (t) => {
	const run = cli(['analyze', '--db', ':memory:', samplesDir]);
	t.is(run.status, 0);
	for (const line of run.stdout.split('\n')) t.true(line.length <= 80 || !line.trim().includes(' '), `over 80 columns: ${line}`);
	t.regex(run.stdout, /^aadlog · 181 records read \(95 sign-ins, 86 app; 37 in 10 incidents\),\n +154 new/m);
});

test('the analyze summary counts in English with thousands separators', (t) => {
	t.regex(analyzeOf([signin(1, 50126)]), /^aadlog · 1 record read \(1 sign-in, 0 app\), 1 new/m);
	const many = analyzeOf(Array.from({length: 1200}, (_, i) => signin(i + 1, 50126)));
	t.regex(many, /^aadlog · 1,200 records read \(1,200 sign-ins, 0 app\),\s+1,200 new/m);
	t.regex(many, /failure 1,200\b/);
	t.regex(many, /\b1,200 +AADSTS50126\b/);
});

test('a "Do this today" action wraps under its own text, not under its number', (t) => {
	const db = path.join(tempDir(), 'todo.db');
	t.is(cli(['analyze', '--db', db, samplesDir]).status, 0);
	const text = cli(['report', '--db', db]).stdout;
	const lines = text.split('\n');
	const first = lines.findIndex((l) => /^ {2}1\. /.test(l));
	t.true(first >= 0);
	t.regex(lines[first + 1], /^ {5}\S/, 'the continuation starts where the action does');
	t.deepEqual(wrapped('  1. one two three', 12, 5), ['  1. one two', '     three']);
});
