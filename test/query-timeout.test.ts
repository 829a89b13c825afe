/**
 * `aadlog query --timeout S`: a runaway statement is stopped (SQLite cannot be interrupted
 * from JavaScript, so it runs in a child process that is killed), with exit status 124 and
 * the rows printed by then whole; a query that ends in time prints exactly what it prints
 * without the option, and everything else (named queries, --param, errors, a closed pipe)
 * behaves the same through the child.
 */

import {spawn, spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {timeoutSeconds} from '../src/cli/query-command.js';
import {cli, projectRoot, samplesDir, tempDir} from './helpers.js';

const db = path.join(tempDir(), 'timeout.db');
test.before(() => {
	const run = cli(['analyze', '--db', db, samplesDir]);
	if (run.status !== 0) throw new Error(run.stderr);
});

const bin = path.join(projectRoot, 'bin', 'aadlog');
const neverEnds = 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT count(*) FROM c';
/** Rows without end, as fast as SQLite makes them. */
const endlessRows = 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT x, printf(\'row %d, "quoted"\', x) AS label FROM c';
/** The same rows, each made slower by a subquery: a few chunks in a few seconds, not tens of MB. */
const pacedRows = `${endlessRows} WHERE (SELECT count(*) FROM (WITH RECURSIVE k(y) AS (SELECT 1 UNION ALL SELECT y + 1 FROM k WHERE y < 3000 + x % 2) SELECT y FROM k)) > 0`;
/** A few rows a second: far less than a chunk of text before the time is up. */
const slowRows =
	'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT x FROM c WHERE (SELECT count(*) FROM (WITH RECURSIVE k(y) AS (SELECT 1 UNION ALL SELECT y + 1 FROM k WHERE y < 1000000 + x % 2) SELECT y FROM k)) > 0';
/** Several 64 KiB chunks of output, so the result crosses the processes in more than one piece. */
const manyRows =
	'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60) SELECT e.id, e.time, e.kind, e.app_name, n.i FROM events e, n ORDER BY e.id, n.i';

/** Query children of this worktree's build still running. */
function runningChildren(): string[] {
	const ps = spawnSync('ps', ['-eo', 'pid,args'], {encoding: 'utf8'});
	return ps.stdout.split('\n').filter((line) => line.includes(path.join(projectRoot, 'dist', 'query', 'query-child.js')));
}

// Serial: no other test of this file has a query child running when the leftovers are counted,
// and no spawnSync of another test blocks the event loop while these wait for output.
test.serial('a query that never ends stops after --timeout with exit status 124 and says why', (t) => {
	const started = Date.now();
	const run = cli(['query', '--db', db, '--timeout', '0.5', neverEnds], {timeout: 30_000});
	const seconds = (Date.now() - started) / 1000;
	t.is(run.status, 124, run.stderr);
	t.true(seconds < 5, `took ${seconds} s`);
	t.regex(run.stderr, /query stopped after 0\.5 s \(--timeout\)/);
	t.is(run.stdout, '');
	t.deepEqual(runningChildren(), []);
});

test.serial('a closed stdout ends a timed query with status 0 and stops its child', async (t) => {
	const child = spawn(process.execPath, [bin, 'query', '--db', db, '--timeout', '60', '--csv', endlessRows], {stdio: ['ignore', 'pipe', 'pipe']});
	let stderr = '';
	child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	await Promise.race([new Promise((resolve) => child.stdout.once('data', resolve)), exited]);
	child.stdout.destroy(); // as `| head -1` does
	t.is(await exited, 0, stderr);
	t.is(stderr, '');
	await new Promise((resolve) => setTimeout(resolve, 300)); // the kill is delivered, the killed child reaped
	t.deepEqual(runningChildren(), []);
});

test.serial('SIGTERM stops a timed query and its child, with status 130', async (t) => {
	const child = spawn(process.execPath, [bin, 'query', '--db', db, '--timeout', '60', neverEnds], {stdio: ['ignore', 'pipe', 'pipe']});
	let stderr = '';
	child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	// Long enough for the query child to be running its statement.
	await Promise.race([new Promise((resolve) => setTimeout(resolve, 1500)), exited]);
	child.kill('SIGTERM');
	t.is(await exited, 130, stderr);
	t.regex(stderr, /query stopped by a signal/);
	await new Promise((resolve) => setTimeout(resolve, 300));
	t.deepEqual(runningChildren(), []);
});

/** Resident memory of a process and of its children, in MB, from /proc. */
function residentMb(pid: number): number[] {
	const children = spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], {encoding: 'utf8'})
		.stdout.trim()
		.split(/\s+/)
		.filter(Boolean);
	return [String(pid), ...children].map((p) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0) / 1024);
}

/** Whether a process runs (a zombie, killed and not yet reaped, does not). */
function running(pid: string): boolean {
	try {
		return !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
	} catch {
		return false;
	}
}

test.serial('a query child whose parent was killed with SIGKILL stops too', async (t) => {
	const parent = spawn(process.execPath, [bin, 'query', '--db', db, '--timeout', '60', neverEnds], {stdio: 'ignore'});
	const exited = new Promise((resolve) => parent.on('exit', resolve));
	let children: string[] = [];
	for (let waited = 0; children.length === 0 && waited < 10_000; waited += 100) {
		await new Promise((resolve) => setTimeout(resolve, 100));
		children = spawnSync('ps', ['-o', 'pid=', '--ppid', String(parent.pid)], {encoding: 'utf8'})
			.stdout.trim()
			.split(/\s+/)
			.filter(Boolean);
	}
	t.is(children.length, 1, 'the query child started');
	await new Promise((resolve) => setTimeout(resolve, 500)); // inside SQLite by now
	parent.kill('SIGKILL');
	await exited;
	let stillRunning = true;
	for (let waited = 0; stillRunning && waited < 5000; waited += 100) {
		await new Promise((resolve) => setTimeout(resolve, 100));
		stillRunning = running(children[0]);
	}
	if (stillRunning) process.kill(Number(children[0]), 'SIGKILL'); // a failed check must not leave it burning a core
	t.false(stillRunning, `query child ${children[0]} runs on`);
});

test.serial('a stdout nobody reads holds the query back: neither process buffers the rows', async (t) => {
	const child = spawn(process.execPath, [bin, 'query', '--db', db, '--timeout', '60', '--jsonl', endlessRows], {stdio: ['ignore', 'pipe', 'pipe']});
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	child.stdout.pause();
	// Unread for 4 s: 56 and 63 MB resident; with no limit on the chunks in flight, 151 and 88 MB and growing.
	await new Promise((resolve) => setTimeout(resolve, 4000));
	const memory = residentMb(child.pid ?? 0);
	child.kill('SIGTERM');
	child.stdout.resume();
	t.is(await exited, 130);
	t.is(memory.length, 2, 'the command and its query child');
	for (const mb of memory) t.true(mb < 100, `resident ${memory.map((m) => m.toFixed(0)).join(' and ')} MB`);
});

test.serial('a slow query prints its rows as they come, so a stop keeps those made before it', async (t) => {
	const timed = cli(['query', '--db', db, '--timeout', '4', '--csv', slowRows], {timeout: 30_000});
	t.is(timed.status, 124, timed.stderr);
	const lines = timed.stdout.split('\r\n');
	t.is(lines.shift(), 'x');
	t.is(lines.pop(), '');
	t.true(lines.length > 0, 'rows made before the stop are printed');
	t.deepEqual(
		lines,
		lines.map((_, i) => String(i + 1)),
	);
	// Without --timeout too: the first rows show within a second or so, not when 64 KiB have piled up.
	const child = spawn(process.execPath, [bin, 'query', '--db', db, '--csv', slowRows], {stdio: ['ignore', 'pipe', 'ignore']});
	const first = new Promise<string>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(d.toString())));
	const shown = await Promise.race([first, new Promise<undefined>((resolve) => setTimeout(resolve, 8000))]);
	child.kill('SIGKILL');
	t.regex(shown ?? '', /^x\r\n1\r\n/);
});

test('what a stopped --json query printed is one valid array of its first rows, whole', (t) => {
	const run = cli(['query', '--db', db, '--timeout', '4', '--json', pacedRows], {timeout: 30_000});
	t.is(run.status, 124, run.stderr);
	const rows = JSON.parse(run.stdout) as Array<{x: number; label: string}>;
	t.true(Array.isArray(rows) && rows.length > 0, 'rows were printed before the stop');
	// Compared as one text: a deep comparison of thousands of rows takes AVA seconds.
	t.is(JSON.stringify(rows), JSON.stringify(rows.map((_, i) => ({x: i + 1, label: `row ${i + 1}, "quoted"`}))));
});

test('a stopped --csv or --jsonl query printed whole rows only', (t) => {
	const csv = cli(['query', '--db', db, '--timeout', '4', '--csv', pacedRows], {timeout: 30_000});
	t.is(csv.status, 124, csv.stderr);
	const lines = csv.stdout.split('\r\n');
	t.is(lines.pop(), '', 'ends with a whole line');
	t.is(lines.shift(), 'x,label');
	t.is(lines.join('\n'), lines.map((_, i) => `${i + 1},"row ${i + 1}, ""quoted"""`).join('\n'));
	const jsonl = cli(['query', '--db', db, '--timeout', '4', '--jsonl', pacedRows], {timeout: 30_000});
	t.is(jsonl.status, 124, jsonl.stderr);
	t.true(jsonl.stdout.endsWith('\n'));
	const parsed = jsonl.stdout
		.trimEnd()
		.split('\n')
		.map((line) => JSON.parse(line) as unknown);
	t.is(JSON.stringify(parsed), JSON.stringify(parsed.map((_, i) => ({x: i + 1, label: `row ${i + 1}, "quoted"`}))));
});

test('a query that ends in time prints with --timeout what it prints without, in every format', (t) => {
	for (const format of [[], ['--csv'], ['--json'], ['--jsonl']]) {
		const plain = cli(['query', '--db', db, ...format, manyRows]);
		t.is(plain.status, 0, plain.stderr);
		t.true(plain.stdout.length > 3 * 64 * 1024, `${format}: a result of several chunks`);
		const timed = cli(['query', '--db', db, '--timeout', '60', ...format, manyRows]);
		t.is(timed.status, 0, timed.stderr);
		t.is(timed.stderr, '');
		t.true(timed.stdout === plain.stdout, `${format.join('') || 'table'}: same output`);
	}
});

test('named queries, their arguments and windows, and --param work through the timed child', (t) => {
	for (const args of [
		['top-causes'],
		['--csv', 'by-ip', '--since', '2020-01-01T00:00:00Z'],
		['--jsonl', 'correlation', '5e51a478-8116-4992-a9ac-243dcc16fe0f'],
	]) {
		const plain = cli(['query', '--db', db, ...args]);
		t.is(plain.status, 0, plain.stderr);
		t.not(plain.stdout, '');
		const timed = cli(['query', '--db', db, '--timeout', '30', ...args]);
		t.is(timed.status, 0, timed.stderr);
		t.is(timed.stdout, plain.stdout, args.join(' '));
	}
	const param = cli([
		'query',
		'--db',
		db,
		'--timeout',
		'30',
		'--jsonl',
		'--param',
		'key=9223372036854775001',
		'--param',
		'b=x y',
		'SELECT :key AS key, typeof(:key) AS t, :b AS b',
	]);
	t.is(param.stdout, '{"key":9223372036854775001,"t":"integer","b":"x y"}\n', param.stderr);
});

test('errors from the timed child are the same one-line errors and exit statuses', (t) => {
	const badSql = cli(['query', '--db', db, '--timeout', '30', 'SELECT nope FROM events']);
	t.is(badSql.status, 1);
	t.regex(badSql.stderr, /^aadlog: SQL: no such column: nope\n$/);
	const writes = cli(['query', '--db', db, '--timeout', '30', 'DELETE FROM events']);
	t.is(writes.status, 1);
	t.regex(writes.stderr, /statements that return rows/);
	const missingParam = cli(['query', '--db', db, '--timeout', '30', 'SELECT :since']);
	t.is(missingParam.status, 1);
	t.regex(missingParam.stderr, /since/);
	const noDb = cli(['query', '--db', path.join(tempDir(), 'none.db'), '--timeout', '30', 'SELECT 1']);
	t.is(noDb.status, 3);
	t.regex(noDb.stderr, /none\.db: cannot open the database/);
});

test('--timeout takes seconds above 0, a decimal too', (t) => {
	for (const value of ['0', '-1', 'abc', '', '1e3', '5s', '99999999']) {
		const run = cli(['query', '--db', db, `--timeout=${value}`, 'SELECT 1']);
		t.is(run.status, 1, value);
		t.regex(run.stderr, /--timeout .*: give the seconds, a number above 0/, value);
	}
	t.deepEqual(['0.5', '.25', '30', '600.125'].map(timeoutSeconds), [0.5, 0.25, 30, 600.125]);
	t.regex(cli(['query', '--help']).stdout, /--timeout S +stop the query after S seconds/);
});
