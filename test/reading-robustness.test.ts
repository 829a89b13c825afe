/**
 * "Nothing lost, nothing leaked" for reading: any single record, however hostile, costs
 * at most itself (a reject with file and line) and the next record is read. Every input
 * shape (deep nesting, a cut first line, CR-only or BOM-less UTF-16 text, links in a
 * folder, pipes and devices named as files) goes through the built CLI.
 */

import {spawn, spawnSync} from 'node:child_process';
import {mkdirSync, readdirSync, readlinkSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {gzipSync} from 'node:zlib';
import test from 'ava';
import Database from 'better-sqlite3';
import {cli, projectRoot, tempDir} from './helpers.js';

const bin = path.join(projectRoot, 'bin', 'aadlog');

/** A Graph sign-in; `n` makes each one a distinct record. */
function signin(n: number): string {
	return JSON.stringify({
		id: `7f3e2d1c-0b9a-4876-a5f4-${String(n).padStart(12, '0')}`,
		createdDateTime: '2026-11-19T08:12:31Z',
		userPrincipalName: 'zoe@contoso.com',
		appId: 'c3a7e9f4-5b6a-4d8c-9e2f-4a3b5c6d7e8f',
		appDisplayName: 'Contoso Orders Worker',
		correlationId: '5c1f0e7a-3b2d-4c8e-9a61-7d2e4f8b0c13',
		status: {errorCode: 50126, failureReason: 'Error validating credentials due to invalid username or password.'},
	});
}

function signins(count: number, from = 1): string[] {
	return Array.from({length: count}, (_, i) => signin(from + i));
}

interface Stored {
	status: number | null;
	stderr: string;
	signins: number;
	events: number;
	rejects: Array<{line: number; reason: string}>;
}

function stored(db: string, status: number | null, stderr: string): Stored {
	const sql = new Database(db, {readonly: true});
	const events = sql.prepare('SELECT count(*) FROM events').pluck().get() as number;
	const signinCount = sql.prepare("SELECT count(*) FROM events WHERE kind = 'signin'").pluck().get() as number;
	const rejects = sql.prepare('SELECT line, reason FROM rejects ORDER BY id').all() as Array<{line: number; reason: string}>;
	sql.close();
	return {status, stderr, signins: signinCount, events, rejects};
}

function analyzeCli(args: string[], input?: string | Buffer): Stored {
	const db = path.join(tempDir(), 'r.db');
	const run = cli(['analyze', '--quiet', '--db', db, ...args], {input, timeout: 60_000});
	return stored(db, run.status, run.stderr);
}

function writeInput(name: string, content: string | Buffer): string {
	const file = path.join(tempDir(), name);
	writeFileSync(file, content);
	return file;
}

const deepArray = '['.repeat(10_000) + ']'.repeat(10_000);
// A \u escape: the extractor re-serializes such a value to scan it for tokens.
const deepObject = '{"note":"\\u0041","a":' + '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_001);

for (const [name, deep] of [
	['array', deepArray],
	['object', deepObject],
] as const) {
	test(`JSON Lines: a line of 10,000 nested brackets (${name}) is one reject, every line after it is stored`, (t) => {
		const lines = [signin(1), deep, ...signins(3, 2)];
		const r = analyzeCli([writeInput('deep.jsonl', lines.join('\n') + '\n')]);
		t.is(r.status, 2, r.stderr);
		t.deepEqual(
			r.rejects.map((x) => x.line),
			[2],
			JSON.stringify(r.rejects),
		);
		t.is(r.signins, 4);
	});
}

for (const [name, wrap] of [
	['a JSON array document', (items: string[]) => `[${items.join(',\n')}]\n`],
	['a {"records":[...]} envelope', (items: string[]) => `{"records":[${items.join(',\n')}]}\n`],
] as const) {
	test(`${name}: an element of 10,000 nested brackets is one reject, every element after it is stored`, (t) => {
		const r = analyzeCli([writeInput('deep.json', wrap([signin(1), deepArray, deepObject, ...signins(3, 2)]))]);
		t.is(r.status, 2, r.stderr);
		t.deepEqual(
			r.rejects.map((x) => x.line),
			[2, 3],
			JSON.stringify(r.rejects),
		);
		t.is(r.signins, 4);
	});
}

/** What `split -b` leaves: the export starts in the middle of a record. */
function cutExport(records: number): string {
	const whole = signins(records).join('\n') + '\n';
	return whole.slice(whole.indexOf('"userPrincipalName"'));
}

test('JSON Lines whose first line is a partial record: JSON Lines with one reject (file, gzip, standard input)', (t) => {
	const text = cutExport(500);
	for (const [how, r] of [
		['file', analyzeCli([writeInput('part.jsonl', text)])],
		['gzip', analyzeCli([writeInput('part.jsonl.gz', gzipSync(text))])],
		['stdin', analyzeCli([], text)],
	] as const) {
		t.is(r.status, 2, `${how}: ${r.stderr}`);
		t.deepEqual(
			r.rejects.map((x) => x.line),
			[1],
			`${how}: ${JSON.stringify(r.rejects.slice(0, 3))}`,
		);
		t.is(r.signins, 499, how);
		t.is(r.events, 499, how);
	}
});

test('a text log with a few JSON lines stays text', (t) => {
	const lines = Array.from({length: 40}, (_, i) =>
		i % 10 === 3 ? signin(i) : `2026-11-19 08:12:${String(i % 60).padStart(2, '0')} INFO worker started job ${i}`,
	);
	const r = analyzeCli([writeInput('app.log', lines.join('\n') + '\n')]);
	t.is(r.status, 0, r.stderr);
	t.is(r.signins, 0);
	t.is(r.events, 40);
});

test('links in a folder are followed (to files and folders), a loop ends, and what was skipped is said on stderr', (t) => {
	const root = tempDir();
	const pods = path.join(root, 'pods');
	mkdirSync(pods);
	writeFileSync(path.join(pods, 'a.log'), signins(2, 1).join('\n') + '\n');
	writeFileSync(path.join(pods, 'b.log'), signins(3, 10).join('\n') + '\n');
	const containers = path.join(root, 'containers');
	mkdirSync(containers);
	symlinkSync(path.join(pods, 'a.log'), path.join(containers, 'a.log'));
	symlinkSync(path.join(root, 'missing.log'), path.join(containers, 'broken.log'));
	writeFileSync(path.join(containers, 'export.zip'), 'PK');
	writeFileSync(path.join(containers, 'notes.md'), '# notes'); // expected beside an export: skipped without a word
	const linked = path.join(containers, 'more');
	symlinkSync(pods, linked); // a link to a folder
	symlinkSync(containers, path.join(pods, 'up')); // and a loop back
	const db = path.join(tempDir(), 'l.db');
	const run = cli(['analyze', '--json', '--db', db, containers], {timeout: 30_000});
	t.is(run.status, 0, run.stderr);
	t.notThrows(() => JSON.parse(run.stdout), 'stdout holds only the JSON summary');
	const r = stored(db, run.status, run.stderr);
	t.is(r.signins, 5, 'a.log once (linked twice), b.log through the folder link');
	// pods/a.log was listed through its link; pods/up leads back to containers (a loop).
	const expected = `skipped 4 files in ${containers}: 1 broken link (broken.log), 1 to unpack first (export.zip), 1 file listed already (a.log), 1 folder listed already (up)`;
	t.true(run.stderr.includes(expected), run.stderr);
});

test('CR-only line endings are read line by line', (t) => {
	const r = analyzeCli([writeInput('mac.jsonl', signins(20).join('\r') + '\r')]);
	t.is(r.status, 0, `${r.stderr} ${JSON.stringify(r.rejects)}`);
	t.is(r.signins, 20);
});

test('CR-only text log: one event per line', (t) => {
	const lines = Array.from({length: 12}, (_, i) => `2026-11-19 08:12:${String(i).padStart(2, '0')} ERROR AADSTS700016: app ${i} not found`);
	const r = analyzeCli([writeInput('mac.log', lines.join('\r') + '\r')]);
	t.is(r.status, 0, `${r.stderr} ${JSON.stringify(r.rejects)}`);
	t.is(r.events, 12);
});

for (const [name, encode] of [
	['UTF-16 LE without a BOM', (s: string) => Buffer.from(s, 'utf16le')],
	['UTF-16 BE without a BOM', (s: string) => Buffer.from(s, 'utf16le').swap16()],
	['UTF-16 LE with a BOM', (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')])],
	['UTF-16 BE with a BOM', (s: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(s, 'utf16le').swap16()])],
] as const) {
	test(`${name}: its records are read`, (t) => {
		const r = analyzeCli([writeInput('ps.jsonl', encode(signins(15).join('\r\n') + '\r\n'))]);
		t.is(r.status, 0, `${r.stderr} ${JSON.stringify(r.rejects)}`);
		t.is(r.signins, 15);
	});
}

test('aadlog analyze /dev/stdin reads piped input as a stream', (t) => {
	const r = analyzeCli(['/dev/stdin'], signins(30).join('\n') + '\n');
	t.is(r.status, 0, r.stderr);
	t.is(r.signins, 30);
});

test('process substitution <(...) is read as a stream', (t) => {
	const dir = tempDir();
	const file = writeInput('in.jsonl', signins(25).join('\n') + '\n');
	const db = path.join(dir, 'p.db');
	const run = spawnSync('bash', ['-c', `"${process.execPath}" "${bin}" analyze --quiet --db "${db}" <(cat "${file}")`], {encoding: 'utf8', timeout: 60_000});
	const r = stored(db, run.status, run.stderr);
	t.is(r.status, 0, r.stderr);
	t.is(r.signins, 25);
});

/** Starts the CLI in the background; resolves with its exit code and stderr. */
function startCli(args: string[]): {done: Promise<{code: number | null; stderr: string; ms: number}>; kill: (signal: NodeJS.Signals) => void; pid: number} {
	const started = Date.now();
	const child = spawn(process.execPath, [bin, 'analyze', '--quiet', ...args], {stdio: ['ignore', 'pipe', 'pipe'], env: {...process.env, NO_COLOR: '1'}});
	let stderr = '';
	child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
	child.stdout.resume();
	const done = new Promise<{code: number | null; stderr: string; ms: number}>((resolve) =>
		child.on('exit', (code) => resolve({code, stderr, ms: Date.now() - started})),
	);
	return {done, kill: (signal) => child.kill(signal), pid: child.pid!};
}

/** Waits until process `pid` holds `file` open: it is then past start-up, its signal handlers set. */
async function untilOpened(pid: number, file: string): Promise<void> {
	for (let waited = 0; waited < 30_000; waited += 50) {
		try {
			if (readdirSync(`/proc/${pid}/fd`).some((fd) => readlinkSafe(`/proc/${pid}/fd/${fd}`) === file)) return;
		} catch {
			return; // exited already: the assertions say how
		}
		await sleep(50);
	}
}

function readlinkSafe(link: string): string | undefined {
	try {
		return readlinkSync(link);
	} catch {
		return undefined;
	}
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function mkfifo(name: string): string {
	const fifo = path.join(tempDir(), name);
	const made = spawnSync('mkfifo', [fifo]);
	if (made.status !== 0) throw new Error(`mkfifo failed: ${made.stderr}`);
	return fifo;
}

test('a FIFO with a writer is read as a stream', async (t) => {
	t.timeout(60_000);
	const fifo = mkfifo('in.fifo');
	const db = path.join(tempDir(), 'f.db');
	const run = startCli(['--db', db, fifo]);
	// The writer comes after the reader has opened the FIFO, and writes in two bursts.
	await sleep(300);
	const writer = spawn('bash', ['-c', `printf '%s\\n' "$0" > "$1"; sleep 0.3`, signins(10).join('\n'), fifo]);
	await new Promise((resolve) => writer.on('exit', resolve));
	const {code, stderr} = await run.done;
	t.is(code, 0, stderr);
	t.is(stored(db, code, stderr).signins, 10);
});

test('a FIFO with no writer stops on SIGTERM with exit 130 within a couple of seconds', async (t) => {
	t.timeout(30_000);
	const fifo = mkfifo('quiet.fifo');
	const db = path.join(tempDir(), 'q.db');
	const run = startCli(['--db', db, fifo]);
	await untilOpened(run.pid, fifo); // started and waiting on the FIFO
	await sleep(300);
	const signalled = Date.now();
	run.kill('SIGTERM');
	const timer = setTimeout(() => run.kill('SIGKILL'), 10_000);
	const {code, stderr} = await run.done;
	clearTimeout(timer);
	t.is(code, 130, stderr);
	t.true(Date.now() - signalled < 2500, `${Date.now() - signalled} ms after the signal`);
});

test('a stream that never ends (a FIFO fed forever) stops on SIGINT with exit 130, what was read committed', async (t) => {
	t.timeout(60_000);
	const fifo = mkfifo('busy.fifo');
	const db = path.join(tempDir(), 'b.db');
	const run = startCli(['--db', db, fifo]);
	const line = signin(7);
	const writer = spawn('bash', ['-c', `while :; do printf '%s\\n' "$0"; done > "$1"`, line, fifo], {stdio: 'ignore'});
	await untilOpened(run.pid, fifo);
	await sleep(1000);
	const signalled = Date.now();
	run.kill('SIGINT');
	const timer = setTimeout(() => run.kill('SIGKILL'), 10_000);
	const {code, stderr} = await run.done;
	clearTimeout(timer);
	writer.kill('SIGKILL');
	t.is(code, 130, stderr);
	t.true(Date.now() - signalled < 2500, `${Date.now() - signalled} ms after the signal`);
	t.true(stored(db, code, stderr).signins >= 1, 'what was read is committed');
});

test('/dev/zero: its NULs are one reject (binary content) and the run ends by itself, in bounded memory', async (t) => {
	t.timeout(30_000);
	const db = path.join(tempDir(), 'z.db');
	const run = startCli(['--db', db, '/dev/zero']);
	const timer = setTimeout(() => run.kill('SIGKILL'), 10_000);
	const {code, stderr, ms} = await run.done;
	clearTimeout(timer);
	t.is(code, 2, stderr);
	t.true(ms < 5000, `${ms} ms`);
	const r = stored(db, code, stderr);
	t.is(r.events, 0);
	t.deepEqual(
		r.rejects.map((x) => x.reason),
		['binary content (control bytes such as NUL): not a log file'],
	);
});
