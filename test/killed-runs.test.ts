/**
 * Killed runs: SIGKILL at random points of a large analyze, several times over one
 * database. After each kill the file passes PRAGMA integrity_check and the reports' rollup
 * is right (if behind); running the same
 * command again then gives exactly the totals of an uninterrupted run. SIGTERM stops
 * cleanly: what is complete is committed, exit 130, and it says so.
 * More kills with AADLOG_LONG_TESTS=1.
 */

import {spawn} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import Database from 'better-sqlite3';
import {bigSigninFile} from './big-input.js';
import {cli, projectRoot, tempDir} from './helpers.js';
import {checkRollup, consistentRollup, currentRollup} from './rollup-check.js';

const bin = path.join(projectRoot, 'bin', 'aadlog');
const kills = process.env.AADLOG_LONG_TESTS === '1' ? 12 : 3;
// Serial: a synchronous cli() in a test running beside these would block the timers that send the signals.

/** Starts analyze and sends `signal` after `afterMs`; resolves with the exit code, the signal and stderr. */
function runAndSignal(
	args: string[],
	signal: NodeJS.Signals,
	afterMs: number,
	env: Record<string, string> = {},
): Promise<{code: number | null; signal: NodeJS.Signals | null; stderr: string}> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, [bin, ...args], {stdio: ['ignore', 'ignore', 'pipe'], env: {...process.env, ...env}});
		let stderr = '';
		child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
		const timer = setTimeout(() => child.kill(signal), afterMs);
		child.on('exit', (code, sig) => {
			clearTimeout(timer);
			resolve({code, signal: sig, stderr});
		});
	});
}

/** Events committed so far (0 before the database exists). */
function storedIn(file: string): number {
	try {
		const db = new Database(file, {readonly: true, fileMustExist: true});
		try {
			return db.prepare('SELECT count(*) FROM events').pluck().get() as number;
		} finally {
			db.close();
		}
	} catch {
		return 0;
	}
}

const totals = (file: string): unknown => {
	const db = new Database(file, {readonly: true});
	const result = {
		events: db.prepare('SELECT count(*) FROM events').pluck().get(),
		byCause: db.prepare('SELECT c.cause, count(*) AS n FROM events e JOIN causes c ON c.id = e.cause_id GROUP BY c.cause ORDER BY c.cause').all(),
		byOutcome: db.prepare('SELECT outcome, count(*) AS n FROM events GROUP BY outcome ORDER BY outcome').all(),
		rejects: db.prepare('SELECT count(*) FROM rejects').pluck().get(),
	};
	db.close();
	return result;
};

const integrity = (file: string): string => {
	const db = new Database(file, {readonly: true});
	try {
		return db.pragma('integrity_check', {simple: true}) as string;
	} finally {
		db.close();
	}
};

/** One input and its uninterrupted run, shared by both tests (made once: 60,000 sign-ins take seconds). */
let shared: {dir: string; input: string; reference: string; ms: number} | undefined;
function fixture(): {dir: string; input: string; reference: string; ms: number} {
	if (!shared) {
		const dir = tempDir();
		const input = bigSigninFile(60_000, 0, dir);
		const reference = path.join(dir, 'reference.db');
		const started = Date.now();
		const run = cli(['analyze', '--db', reference, input]);
		if (run.status !== 0) throw new Error(run.stderr);
		shared = {dir, input, reference, ms: Date.now() - started};
	}
	return shared;
}

test.serial('SIGKILL at random points: the database stays consistent and a re-run gives the uninterrupted totals', async (t) => {
	t.timeout(300_000);
	const {dir, input, reference, ms} = fixture();

	const killed = path.join(dir, 'killed.db');
	let wasKilled = 0;
	const leftRunning = new Set<number>();
	for (let i = 0; i < kills; i++) {
		// Within the first 15-65% of an uninterrupted run's time (this machine's speed, not a guess): the
		// first run is always killed mid-way. Later ones resume where the last stopped, and may finish first.
		const at = Math.floor(ms * (0.15 + Math.random() * 0.5));
		// Every other run commits in this thread: both writers must leave whole batches behind.
		const run = await runAndSignal(['analyze', '--db', killed, input], 'SIGKILL', at, {AADLOG_WRITER_THREAD: i % 2 === 0 ? '1' : '0'});
		if (!existsSync(killed)) continue; // killed before it created the file: nothing written, nothing to check
		if (run.signal === 'SIGKILL') wasKilled++;
		else t.log(`run ${i} ended by itself before the kill at ${at} ms: exit ${run.code} ${run.stderr.slice(0, 300)}`);
		t.is(integrity(killed), 'ok', `after a kill at ${at} ms`);
		// A run killed after it recorded itself is left 'running' (killed before that, it left nothing).
		const db = new Database(killed, {readonly: true});
		const migrated = db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'runs'").pluck().get() === 1; // killed while creating it: no tables yet
		if (migrated) for (const id of db.prepare("SELECT id FROM runs WHERE status = 'running'").pluck().all() as number[]) leftRunning.add(id);
		const rollup = db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'rollup_state'").pluck().get() === 1;
		db.close();
		if (rollup) {
			const check = checkRollup(killed);
			t.deepEqual(check, consistentRollup(check), `the reports' rollup after a kill at ${at} ms`);
		}
	}
	t.true(wasKilled > 0, 'at least one run was really killed mid-way');
	const again = cli(['analyze', '--db', killed, input]);
	t.is(again.status, 0, again.stderr);
	t.deepEqual(totals(killed), totals(reference));
	const rollup = checkRollup(killed);
	t.deepEqual(rollup, currentRollup(rollup), 'the re-run caught the rollup up');
	const db = new Database(killed, {readonly: true});
	const statuses = db.prepare('SELECT status, count(*) AS n FROM runs GROUP BY status ORDER BY status').all() as Array<{status: string; n: number}>;
	db.close();
	t.is(statuses.find((s) => s.status === 'killed')?.n ?? 0, leftRunning.size, 'runs whose process died are marked killed, not left running');
	t.falsy(statuses.find((s) => s.status === 'running'));
});

test.serial('SIGTERM stops cleanly: exit 130, says so, commits what is complete; a re-run completes the totals', async (t) => {
	t.timeout(120_000);
	const {dir, input, reference} = fixture();
	const stopped = path.join(dir, 'stopped.db');
	// Deterministic: half the records go in on standard input, then the pipe goes quiet. Once
	// they are committed the signal is sent: the run must stop without waiting for more input.
	const lines = readFileSync(input, 'utf8').split('\n');
	const half = Math.floor(lines.length / 2);
	const child = spawn(process.execPath, [bin, 'analyze', '--db', stopped, '-'], {stdio: ['pipe', 'ignore', 'pipe']});
	let stderr = '';
	child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	child.stdin.on('error', () => {}); // it stops reading (and closes its end) before the second half is sent
	child.stdin.write(lines.slice(0, half).join('\n') + '\n');
	while (storedIn(stopped) < half) await new Promise((resolve) => setTimeout(resolve, 50));
	child.kill('SIGTERM');
	const code = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('still running 20 s after the signal'), 20_000))]);
	child.stdin.end(lines.slice(half).join('\n')); // too late: it must not be read
	t.is(code, 130, stderr);
	t.regex(stderr, /stopped by a signal; what was read is committed/);
	t.is(integrity(stopped), 'ok');
	const partial = new Database(stopped, {readonly: true});
	t.is(partial.prepare('SELECT status FROM runs').pluck().get(), 'interrupted');
	const stored = partial.prepare('SELECT count(*) FROM events').pluck().get() as number;
	partial.close();
	t.is(stored, half, 'the first half, and nothing after the signal');
	t.is(cli(['analyze', '--db', stopped, input]).status, 0);
	t.deepEqual(totals(stopped), totals(reference));
});
