import test from 'ava';
import path from 'node:path';
import {appendFileSync, rmSync} from 'node:fs';
import Database from 'better-sqlite3';
import {analyze, type AnalyzeOptions, type AnalyzeResult} from '../src/pipeline.js';
import {resolveInputs} from '../src/read/inputs.js';
import {defaultReadLimits} from '../src/read/record.js';
import {loadKnowledge} from '../src/classify/knowledge.js';
import {Pseudonymizer} from '../src/privacy/pseudonymizer.js';
import {byCount} from '../src/aggregate/run-summary.js';
import {cli, databaseWith, samplesDir, tempDir} from './helpers.js';
import {appLogWithTokens, bigSigninFile} from './big-input.js';
import {checkRollup, consistentRollup} from './rollup-check.js';

const knowledge = loadKnowledge();

async function run(db: string, readers: number, inputs: string[], extra: Partial<AnalyzeOptions> = {}): Promise<AnalyzeResult> {
	return analyze({inputs: await resolveInputs(inputs), db, knowledge, limits: defaultReadLimits, version: 'test', writerThread: true, readers, ...extra});
}

/**
 * Every row the store writes, by what identifies it rather than by row id: reader threads
 * store the same rows as one thread does, in another order.
 */
function dump(file: string): Record<string, unknown[]> {
	const db = new Database(file, {readonly: true});
	const all = (sql: string): unknown[] => db.prepare(sql).all();
	const tables = {
		events: all(`SELECT s.path, e.* FROM events e JOIN sources s ON s.id = e.source_id ORDER BY e.record_key`).map((row) => {
			const {id, source_id, ...rest} = row as Record<string, unknown>;
			return rest;
		}),
		eventCauses: all('SELECT e.record_key, c.rank, c.cause_id, c.evidence FROM event_causes c JOIN events e ON e.id = c.event_id ORDER BY 1, 2'),
		tokens: all('SELECT * FROM tokens ORDER BY fingerprint'),
		eventTokens: all('SELECT e.record_key, t.fingerprint, t.seconds_past_exp, t.expired_at_use FROM event_tokens t JOIN events e ON e.id = t.event_id ORDER BY 1, 2'),
		rejects: all('SELECT s.path, r.line, r.item, r.reason, r.excerpt, r.reject_key FROM rejects r JOIN sources s ON s.id = r.source_id ORDER BY r.reject_key'),
		correlations: all('SELECT a.record_key, b.record_key, c.via FROM correlations c JOIN events a ON a.id = c.app_event_id JOIN events b ON b.id = c.signin_event_id ORDER BY 1, 2'),
		sources: all('SELECT path, format, gzip, bytes, records, rejected, complete, content_hash, read_bytes, read_lines FROM sources ORDER BY path'),
		runs: all('SELECT id, status, records, rejected, stored, duplicates, bytes, skipped FROM runs ORDER BY id'),
		rollup: all('SELECT * FROM event_rollup ORDER BY day, run_id, kind, outcome, cause_id, app_id, app_name'),
	};
	db.close();
	return tables;
}

/** What the run reports: the summary's totals, counts, causes and distinct counts. */
function reported(result: AnalyzeResult): unknown {
	const {summary} = result;
	return {
		records: summary.records,
		rejected: summary.rejected,
		firstReject: summary.firstReject,
		outcomes: summary.outcomes,
		kinds: summary.kinds,
		codes: summary.topCodes(),
		causes: summary.topCauses().map((c) => ({...c, codes: byCount(c.codes)})),
		distinct: summary.distinct,
		tokens: summary.tokens,
		stored: result.stored,
		duplicates: result.duplicates,
		joins: result.joins,
		nightly: result.nightly,
		interrupted: result.interrupted,
	};
}

async function inputs(): Promise<string[]> {
	// Every sample (sign-ins of every shape, app logs whose failures join sign-ins), 12,000
	// sign-ins (batches queue in the writer), app logs with tokens, and a file with a broken record.
	return [samplesDir, bigSigninFile(12_000, 0, tempDir()), ...(await appLogWithTokens(tempDir()))];
}

for (const pseudonymize of [false, true]) {
	test(`reader threads store and report exactly what one thread does${pseudonymize ? ', with --pseudonymize' : ''}`, async (t) => {
		const dir = tempDir();
		const files = await inputs();
		const extra = pseudonymize ? {pseudonymizer: new Pseudonymizer(Buffer.from('a key of sixteen bytes or more'))} : {};
		const [one, several] = [path.join(dir, 'one.db'), path.join(dir, 'several.db')];
		const a = await run(one, 0, files, extra);
		const b = await run(several, 2, files, extra);
		t.true(b.stored > 12_000 && b.joins.matched > 0 && b.summary.rejected > 0, 'sign-ins, joined app failures and rejects were all read');
		t.deepEqual(reported(b), reported(a));
		const [left, right] = [dump(one), dump(several)];
		for (const table of Object.keys(left)) t.deepEqual(right[table], left[table], table);
		const rollup = checkRollup(several);
		t.deepEqual(rollup, consistentRollup(rollup));
	});
}

test('with reader threads, a nightly run skips what it read before and resumes a grown file, in the inputs\' order', async (t) => {
	const db = path.join(tempDir(), 'nightly.db');
	const dir = tempDir();
	const files = [bigSigninFile(3000, 0, dir), bigSigninFile(3000, 3000, dir), bigSigninFile(3000, 6000, dir)];
	const first = await run(db, 2, files);
	t.is(first.stored, 9000);
	appendFileSync(files[1], '{"id": "00000000-0000-4000-8000-999999999999", "createdDateTime": "2026-11-21T00:00:00Z", "status": {"errorCode": 50126}}\n');
	const second = await run(db, 2, files);
	t.deepEqual(second.nightly.skipped, [files[0], files[2]]);
	t.is(second.nightly.resumed.length, 1);
	t.is(second.nightly.resumed[0].path, files[1]);
	t.is(second.stored, 1);
	t.is(second.duplicates, 0, 'only the appended line was read');
});

test('a file gone between listing and reading is a reject naming it, as in one thread', async (t) => {
	const dir = tempDir();
	const files = [bigSigninFile(2000, 0, dir), bigSigninFile(2000, 2000, dir), bigSigninFile(2000, 4000, dir)];
	const resolved = await resolveInputs(files);
	rmSync(files[1]);
	const results = [];
	for (const readers of [0, 2]) {
		results.push(await analyze({inputs: resolved, db: path.join(tempDir(), 'gone.db'), knowledge, limits: defaultReadLimits, version: 'test', writerThread: true, readers}));
	}
	const [one, several] = results.map(reported);
	t.deepEqual(several, one);
	t.is(results[1].stored, 4000);
	t.regex(results[1].summary.firstReject!.file, /signins-2000\.jsonl/);
});

test('with reader threads, a write that fails mid-run fails the run with the database error', async (t) => {
	const file = databaseWith("CREATE TRIGGER refuse BEFORE INSERT ON events WHEN NEW.line = 6000 BEGIN SELECT RAISE(ABORT, 'the disk is full (test)'); END", 'midway.db');
	const dir = tempDir();
	const error = await t.throwsAsync(run(file, 2, [bigSigninFile(30_000, 0, dir), bigSigninFile(30_000, 30_000, dir)]));
	t.regex(error!.message, /the disk is full \(test\)/);
	const check = new Database(file, {readonly: true});
	const runRow = check.prepare('SELECT status, stored FROM runs').get() as {status: string; stored: number};
	t.is(runRow.status, 'failed');
	t.is(runRow.stored, check.prepare('SELECT count(*) FROM events').pluck().get() as number, 'the run counts what is in the database');
	check.close();
});

test('with reader threads, a signal stops the run between records; the next run stores the rest, each event once', async (t) => {
	const db = path.join(tempDir(), 'stopped.db');
	const dir = tempDir();
	const files = [bigSigninFile(20_000, 0, dir), bigSigninFile(20_000, 20_000, dir), bigSigninFile(20_000, 40_000, dir)];
	const stop = new AbortController();
	let records = 0;
	const first = await run(db, 2, files, {signal: stop.signal, onRecord: () => ++records === 15_000 && stop.abort()});
	t.true(first.interrupted);
	t.true(first.stored < 60_000, `stopped early (${first.stored} stored)`);
	const check = new Database(db, {readonly: true});
	t.is(check.prepare('SELECT status FROM runs').pluck().get(), 'interrupted');
	// One reader may have finished its file before the other began: not every file is complete.
	t.true((check.prepare('SELECT count(*) FROM sources WHERE complete = 1').pluck().get() as number) < 3, 'the run did not read every file to its end');
	check.close();
	const second = await run(db, 2, files);
	t.false(second.interrupted);
	t.is(first.stored + second.stored, 60_000);
});

test('aadlog analyze --readers: several files at once from the command line; a bad count is a usage error', (t) => {
	const db = path.join(tempDir(), 'cli.db');
	const result = cli(['analyze', '--json', '--readers', '2', '--db', db, path.join(samplesDir, 'story-signins.jsonl'), path.join(samplesDir, 'story-expenses-app.log')]);
	t.is(result.status, 0, result.stderr);
	const json = JSON.parse(result.stdout) as {records: number; joins: {matched: number}};
	t.true(json.records > 0);
	const serial = cli(['analyze', '--json', '--db', path.join(tempDir(), 'serial.db'), path.join(samplesDir, 'story-signins.jsonl'), path.join(samplesDir, 'story-expenses-app.log')]);
	t.deepEqual({...json, db: ''}, {...(JSON.parse(serial.stdout) as object), db: ''});
	const bad = cli(['analyze', '--readers', 'two', '--db', db, samplesDir]);
	t.is(bad.status, 1);
	t.regex(bad.stderr, /--readers must be a whole number/);
});

test('with reader threads and a slow writer (batches queue behind it), every event of every reader is stored and counted', async (t) => {
	// Each insert counts to 3,000 first: the writer falls behind, so readers finish with batches still queued.
	const file = databaseWith('CREATE TRIGGER slow AFTER INSERT ON events BEGIN SELECT count(*) FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000) SELECT x FROM c); END', 'slow.db');
	const dir = tempDir();
	const result = await run(file, 2, [bigSigninFile(6000, 0, dir), bigSigninFile(6000, 6000, dir)]);
	t.is(result.stored, 12_000);
	const check = new Database(file, {readonly: true});
	t.is(check.prepare('SELECT count(*) FROM events').pluck().get(), 12_000);
	t.is(check.prepare('SELECT stored FROM runs').pluck().get(), 12_000, 'the run row counts every event');
	t.is(check.prepare('SELECT count(*) FROM sources WHERE complete = 1').pluck().get(), 2);
	check.close();
});
