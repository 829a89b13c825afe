/**
 * People query the database while the nightly run writes it: `aadlog query` and `aadlog
 * report` work during an analyze (WAL: readers see the last committed batch), and two
 * analyze runs on one database serialize batch by batch, both complete, nothing is lost.
 */

import {spawn} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import Database from 'better-sqlite3';
import {bigSigninFile} from './big-input.js';
import {projectRoot, tempDir} from './helpers.js';
import {checkRollup, currentRollup} from './rollup-check.js';

const bin = path.join(projectRoot, 'bin', 'aadlog');

/** Async (a synchronous spawn would block the polling below). */
function aadlog(args: string[]): Promise<{code: number | null; stdout: string; stderr: string}> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, [bin, ...args], {env: {...process.env, NO_COLOR: '1'}});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
		child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
		child.on('exit', (code) => resolve({code, stdout, stderr}));
	});
}

test('queries and reports during a run, and two runs at once on one database', async (t) => {
	t.timeout(240_000);
	const dir = tempDir();
	const db = path.join(dir, 'shared.db');
	const first = bigSigninFile(60_000, 0, dir);
	const second = bigSigninFile(60_000, 100_000, dir);
	// Create and migrate the file first, so the readers below never race the creation.
	const empty = path.join(dir, 'empty.jsonl');
	writeFileSync(empty, '');
	t.is((await aadlog(['analyze', '--db', db, empty])).code, 0);

	const runA = aadlog(['analyze', '--db', db, first]);
	const runB = aadlog(['analyze', '--db', db, second]);
	let finished = false;
	void Promise.all([runA, runB]).then(() => (finished = true));

	const counts: number[] = [];
	let reports = 0;
	while (!finished) {
		const query = await aadlog(['query', '--db', db, '--json', 'select count(*) AS n from events']);
		t.is(query.code, 0, query.stderr);
		counts.push((JSON.parse(query.stdout) as Array<{n: number}>)[0].n);
		if (counts.length % 3 === 0) {
			const report = await aadlog(['report', '--db', db, '--format', 'json']);
			t.is(report.code, 0, report.stderr);
			const data = JSON.parse(report.stdout) as {totals: Record<string, number>; causes: Array<{events: number}>};
			const {events, signins, app, failure, interrupt} = data.totals;
			t.is(events, signins + app);
			t.true(data.causes.reduce((sum, c) => sum + c.events, 0) <= failure + interrupt, 'one snapshot: causes never outnumber failures');
			reports++;
		}
	}
	const [a, b] = await Promise.all([runA, runB]);
	t.is(a.code, 0, a.stderr);
	t.is(b.code, 0, b.stderr);
	t.true(counts.length >= 3, `queried ${counts.length} times during the runs`);
	t.true(reports >= 1);
	t.deepEqual(
		[...counts].sort((x, y) => x - y),
		counts,
		'readers only ever see the count grow',
	);
	t.true(
		counts.some((n) => n > 0 && n < 120_000),
		`a reader saw a run in progress (${counts.join(', ')})`,
	);
	const sql = new Database(db, {readonly: true});
	t.is(sql.prepare('SELECT count(*) FROM events').pluck().get(), 120_000);
	t.is(sql.pragma('integrity_check', {simple: true}), 'ok');
	t.is(sql.prepare("SELECT count(*) FROM runs WHERE status = 'complete'").pluck().get(), 3);
	sql.close();
	const rollup = checkRollup(db);
	t.deepEqual(rollup, currentRollup(rollup), "two writers kept the reports' rollup exact");
});

test('first runs started at once on a new database all succeed: creating the schema is safe under concurrency', async (t) => {
	t.timeout(120_000);
	const dir = tempDir();
	const db = path.join(dir, 'fresh.db');
	const runs = 6;
	// Each run reads its own sign-ins (distinct ids), so the totals show that none was lost.
	const files = Array.from({length: runs}, (_, r) => {
		const file = path.join(dir, `signins-${r}.jsonl`);
		const lines = Array.from({length: 20}, (_, i) =>
			JSON.stringify({
				id: `00000000-0000-4000-8000-${String(r * 100 + i).padStart(12, '0')}`,
				createdDateTime: '2026-11-19T08:00:00Z',
				status: {errorCode: i % 2 === 0 ? 0 : 50126},
			}),
		);
		writeFileSync(file, lines.join('\n') + '\n');
		return file;
	});
	const results = await Promise.all(files.map((file) => aadlog(['analyze', '--json', '--db', db, file])));
	for (const result of results) t.is(result.code, 0, result.stderr);
	const sql = new Database(db, {readonly: true});
	t.is(sql.prepare('SELECT count(*) FROM events').pluck().get(), runs * 20);
	t.is(sql.prepare("SELECT count(*) FROM runs WHERE status = 'complete'").pluck().get(), runs);
	t.is(sql.prepare("SELECT count(*) FROM causes WHERE cause = 'wrong-credentials'").pluck().get(), 1);
	sql.close();
});
