/**
 * An expected failure is one line naming the file and what to do; a stack trace only
 * with --debug or AADLOG_DEBUG=1.
 */

import {spawnSync} from 'node:child_process';
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {cli, samplesDir, tempDir} from './helpers.js';

const stackLine = /^\s+at /m;

function analyzed(): string {
	const db = path.join(tempDir(), 'ok.db');
	const result = cli(['analyze', '--quiet', '--db', db, path.join(samplesDir, 'signin-single.json')]);
	if (result.status !== 0) throw new Error(result.stderr);
	return db;
}

function assertOneLine(t: import('ava').ExecutionContext, result: ReturnType<typeof cli>, names: string | RegExp, status: number): void {
	t.is(result.status, status, result.stderr);
	t.false(stackLine.test(result.stderr), `a stack trace: ${result.stderr}`);
	t.false(/internal error/.test(result.stderr), result.stderr);
	t.is(result.stderr.trimEnd().split('\n').length, 1, result.stderr);
	t.true(typeof names === 'string' ? result.stderr.includes(names) : names.test(result.stderr), `says ${String(names)}: ${result.stderr}`);
}

test('--db on a file that is not SQLite: one line saying so, exit 3', (t) => {
	const file = path.join(tempDir(), 'notes.txt');
	writeFileSync(file, 'these are notes, not a database\n'.repeat(200));
	assertOneLine(t, cli(['query', '--db', file, 'select 1']), /notes\.txt: not a SQLite database/, 3);
	assertOneLine(t, cli(['report', '--db', file]), /notes\.txt: not a SQLite database/, 3);
	assertOneLine(t, cli(['analyze', '--db', file, path.join(samplesDir, 'signin-single.json')]), /notes\.txt: not a SQLite database/, 3);
});

test('--db on a folder: one line naming it, exit 3', (t) => {
	const dir = tempDir();
	assertOneLine(t, cli(['analyze', '--db', dir, path.join(samplesDir, 'signin-single.json')]), dir, 3);
});

test('--db in a folder that cannot be written: one line, exit 3', (t) => {
	const db = analyzed();
	const folder = path.dirname(db);
	// Root ignores file modes; an immutable folder (chattr +i) stops root too. Where chattr is missing, nothing to check.
	if (spawnSync('chattr', ['+i', folder]).status !== 0) {
		t.log('chattr +i is not available here');
		t.pass();
		return;
	}
	try {
		assertOneLine(t, cli(['analyze', '--db', db, path.join(samplesDir, 'signin-graph-beta.jsonl')]), /database/, 3);
	} finally {
		spawnSync('chattr', ['-i', folder]);
	}
});

test('report --out into a missing folder or under a file: one line naming the path, exit 1', (t) => {
	const db = analyzed();
	const missing = path.join(tempDir(), 'no-such-folder', 'report.html');
	assertOneLine(t, cli(['report', '--db', db, '--format', 'html', '--out', missing]), missing, 1);
	const file = path.join(tempDir(), 'a-file');
	writeFileSync(file, 'x');
	const under = path.join(file, 'report.txt');
	assertOneLine(t, cli(['report', '--db', db, '--out', under]), under, 1);
	const folder = tempDir();
	mkdirSync(path.join(folder, 'sub'));
	assertOneLine(t, cli(['report', '--db', db, '--out', path.join(folder, 'sub')]), path.join(folder, 'sub'), 1);
});

test('--debug and AADLOG_DEBUG=1 add the stack trace', (t) => {
	const file = path.join(tempDir(), 'notes.txt');
	writeFileSync(file, 'not a database\n'.repeat(200));
	const flag = cli(['query', '--debug', '--db', file, 'select 1']);
	t.is(flag.status, 3, flag.stderr);
	t.true(stackLine.test(flag.stderr), flag.stderr);
	const env = cli(['query', '--db', file, 'select 1'], {env: {AADLOG_DEBUG: '1'}});
	t.is(env.status, 3, env.stderr);
	t.true(stackLine.test(env.stderr), env.stderr);
});
