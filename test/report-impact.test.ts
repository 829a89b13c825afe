/**
 * Causes in impact order on the samples: no info-level or interrupt-only cause above a
 * high-level failure cause, and interrupt-only causes in their own section.
 */
import path from 'node:path';
import test from 'ava';
import {byImpact} from '../src/report/impact.js';
import {cli, samplesDir, tempDir} from './helpers.js';

const rank: Record<string, number> = {critical: 0, high: 1, medium: 2, low: 3, info: 4};

test('the JSON report ranks causes by level and keeps interrupt-only causes apart', (t) => {
	const db = path.join(tempDir(), 'r.db');
	t.is(cli(['analyze', '--db', db, samplesDir]).status, 0);
	const report = JSON.parse(cli(['report', '--db', db, '--format', 'json']).stdout);
	const causes = report.causes as Array<{cause: string; level: string; failures: number; interrupts: number}>;
	t.true(causes.length > 0);
	for (const c of causes) t.true(c.failures > 0, `${c.cause} has failures`);
	for (let i = 1; i < causes.length; i++) t.true(rank[causes[i - 1].level] <= rank[causes[i].level], `${causes[i - 1].cause} before ${causes[i].cause}`);
	t.is(causes[0].level, 'high');
	const steps = report.expectedSteps as Array<{cause: string; failures: number}>;
	t.true(steps.some((s) => s.cause === 'mfa-required'));
	for (const s of steps) t.is(s.failures, 0);
});

test('the text report lists high-level failures first and interrupts under expected steps', (t) => {
	const db = path.join(tempDir(), 'r.db');
	t.is(cli(['analyze', '--db', db, samplesDir]).status, 0);
	const text = cli(['report', '--db', db]).stdout;
	const steps = text.indexOf('Expected steps (interrupts)');
	t.true(steps > 0);
	t.true(text.indexOf('client-secret-expired') < text.indexOf('mfa-required'));
	t.true(text.indexOf('mfa-required') > steps);
	t.true(text.indexOf('account-locked') < text.indexOf('client-secret-invalid'));
});

test('byImpact: level, then users, apps, failures, then new or rising', (t) => {
	const base = {cause: 'a', level: 'medium', users: 1, apps: 1, failures: 1};
	t.true(byImpact({...base, level: 'high'}, {...base, cause: 'b', users: 100, failures: 1000}) < 0);
	t.true(byImpact({...base, users: 2}, {...base, cause: 'b', apps: 9}) < 0);
	t.true(byImpact({...base, apps: 2}, {...base, cause: 'b', failures: 9}) < 0);
	t.true(byImpact({...base, cause: 'z', rising: true}, {...base}) < 0);
});

test('analyze --json: causes by impact with level, failures and interrupts; interrupt-only causes apart', (t) => {
	const db = path.join(tempDir(), 'a.db');
	const out = JSON.parse(cli(['analyze', '--json', '--db', db, samplesDir]).stdout);
	const causes = out.causes as Array<{cause: string; level: string; failures: number; interrupts: number}>;
	for (const c of causes) t.true(c.failures > 0, c.cause);
	for (let i = 1; i < causes.length; i++) t.true(rank[causes[i - 1].level] <= rank[causes[i].level], `${causes[i - 1].cause} before ${causes[i].cause}`);
	t.true((out.expectedSteps as Array<{cause: string; failures: number; interrupts: number}>).some((s) => s.cause === 'mfa-required' && s.interrupts > 0));
});

test('the analyze summary puts interrupt-only causes under expected steps', (t) => {
	const db = path.join(tempDir(), 'a.db');
	const text = cli(['analyze', '--db', db, samplesDir]).stdout;
	const steps = text.indexOf('Expected steps (interrupts)');
	t.true(steps > 0);
	t.true(text.indexOf('mfa-required') > steps);
	t.true(text.indexOf('client-secret-expired') < steps);
});

test('report --json is --format json; with another --format it is a usage error', (t) => {
	const db = path.join(tempDir(), 'j.db');
	t.is(cli(['analyze', '--db', db, samplesDir]).status, 0);
	const json = cli(['report', '--db', db, '--json']);
	t.is(json.status, 0);
	t.true(Array.isArray(JSON.parse(json.stdout).causes));
	t.is(cli(['report', '--db', db, '--json', '--format', 'html']).status, 1);
});

test('every report starts with "Do this today": the actions of the top failure causes, who acts, users, since when', (t) => {
	const db = path.join(tempDir(), 'd.db');
	t.is(cli(['analyze', '--db', db, samplesDir]).status, 0);
	const report = JSON.parse(cli(['report', '--db', db, '--format', 'json']).stdout);
	const todo = report.doToday as Array<{cause: string; action: string; who: string; users: number; firstSeen: string}>;
	t.true(todo.length > 0 && todo.length <= 5);
	t.deepEqual(
		todo.map((a) => a.cause),
		report.causes.slice(0, todo.length).map((c: {cause: string}) => c.cause),
	);
	const locked = todo.find((a) => a.cause === 'account-locked');
	t.regex(locked?.action ?? '', /^Wait for the lockout/, 'the action, not the diagnosis');
	t.is(locked?.who, 'admin');
	t.truthy(locked?.firstSeen);
	for (const format of ['text', 'md', 'html']) {
		const out = cli(['report', '--db', db, '--format', format]).stdout;
		const at = out.indexOf('Do this today');
		t.true(at > 0 && at < out.indexOf('Wait for the lockout') && at < out.search(/Top root causes|id="causes"/), format);
	}
});

test('what is new since the last run survives an idle re-run that stores nothing', (t) => {
	const db = path.join(tempDir(), 'n.db');
	t.is(cli(['analyze', '--db', db, path.join(samplesDir, 'signin-single.json')]).status, 0);
	t.is(cli(['analyze', '--db', db, path.join(samplesDir, 'story-signins.jsonl')]).status, 0);
	t.is(cli(['analyze', '--db', db, path.join(samplesDir, 'story-signins.jsonl')]).status, 0);
	const report = JSON.parse(cli(['report', '--db', db, '--format', 'json']).stdout);
	t.is(report.news.lastRun.id, 2, 'the last run that stored events');
	t.true(report.news.newCauses.includes('client-secret-expired'));
	t.regex(cli(['report', '--db', db]).stdout, /new cause: client-secret-expired/);
});

test('the text report says "1 user" and "1 app", not "1 users"', (t) => {
	const db = path.join(tempDir(), 'p.db');
	t.is(cli(['analyze', '--db', db, samplesDir]).status, 0);
	const text = cli(['report', '--db', db]).stdout;
	t.notRegex(text, /(?<![\d,])1 (users|apps|failures|interrupts)\b/);
	t.regex(text, /(?<![\d,])1 app\b/);
});
