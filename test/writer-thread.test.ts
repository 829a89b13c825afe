import path from 'node:path';
import test from 'ava';
import Database from 'better-sqlite3';
import {loadKnowledge} from '../src/classify/knowledge.js';
import {type AnalyzeOptions, analyze} from '../src/pipeline.js';
import {resolveInputs} from '../src/read/inputs.js';
import {defaultReadLimits} from '../src/read/record.js';
import {openDatabase} from '../src/store/database.js';
import {EventStore} from '../src/store/event-store.js';
import {WriterThread} from '../src/store/writer-thread.js';
import {appLogWithTokens, bigSigninFile} from './big-input.js';
import {cli, databaseWith, samplesDir, tempDir} from './helpers.js';
import {checkRollup, consistentRollup} from './rollup-check.js';

const knowledge = loadKnowledge();

type WriterUse = AnalyzeOptions['writerThread'];
/** The writer thread from the start, never, or once this thread has stored 2,500 events (growing-sink.ts). */
const writerUses: Array<[string, WriterUse]> = [
	['writer thread', true],
	['this thread', false],
	['writer thread after 2,500 events', {afterEvents: 2500}],
];

async function run(db: string, writerThread: WriterUse, inputs: string[], extra: Partial<AnalyzeOptions> = {}) {
	return analyze({inputs: await resolveInputs(inputs), db, knowledge, limits: defaultReadLimits, version: 'test', writerThread, ...extra});
}

/** Every row the store writes, minus what differs between any two runs (clock, pid). */
function dump(file: string): Record<string, unknown[]> {
	const db = new Database(file, {readonly: true});
	const all = (sql: string): unknown[] => db.prepare(sql).all();
	const tables = {
		events: all('SELECT * FROM events ORDER BY id'),
		eventCauses: all('SELECT * FROM event_causes ORDER BY event_id, rank'),
		tokens: all('SELECT * FROM tokens ORDER BY fingerprint'),
		eventTokens: all('SELECT * FROM event_tokens ORDER BY event_id, fingerprint'),
		eventCaPolicies: all('SELECT * FROM event_ca_policies ORDER BY event_id, position'),
		rejects: all('SELECT * FROM rejects ORDER BY id'),
		correlations: all('SELECT * FROM correlations ORDER BY 1, 2'),
		sources: all('SELECT id, run_id, path, format, records, rejected, complete, content_hash FROM sources ORDER BY id'),
		runs: all('SELECT id, status, records, rejected, stored, duplicates, bytes FROM runs ORDER BY id'),
	};
	db.close();
	return tables;
}

test('the writer thread, from the start or taking over mid-run, stores exactly what the in-thread writer stores, over every sample and several batches', async (t) => {
	const dir = tempDir();
	// 12,000 sign-ins: three batches, so batches queue behind each other in the writer thread.
	const inputs = [samplesDir, bigSigninFile(12_000, 0, tempDir()), ...(await appLogWithTokens(tempDir()))];
	const inThread = path.join(dir, 'in-thread.db');
	const a = await run(inThread, false, inputs);
	const left = dump(inThread);
	t.true(
		left.eventCauses.length > 1000 && left.rejects.length > 0 && left.tokens.length > 0 && left.correlations.length > 0 && left.eventCaPolicies.length > 0,
		'every table has rows to compare',
	);
	for (const [name, use] of writerUses.filter(([, use]) => use !== false)) {
		const threaded = path.join(dir, `${name}.db`);
		const b = await run(threaded, use, inputs);
		t.true(b.stored > 12_000, 'the samples and the generated file were stored');
		t.deepEqual({stored: b.stored, duplicates: b.duplicates, joins: b.joins}, {stored: a.stored, duplicates: a.duplicates, joins: a.joins}, name);
		const right = dump(threaded);
		for (const table of Object.keys(left)) t.deepEqual(right[table], left[table], `${name}: ${table}`);

		// Read again whole: every event is a duplicate, counted by the writer thread (and by this one before it took over).
		const again = await run(threaded, use, inputs, {reread: true});
		t.is(again.stored, 0, name);
		t.is(again.duplicates, b.stored + b.duplicates, name);
	}
});

for (const raise of ['ABORT', 'ROLLBACK']) {
	test(`an error in the writer thread (RAISE(${raise})) fails the run with the database error, and nothing of the failed batch is stored`, async (t) => {
		// ROLLBACK ends the transaction itself, like a full disk does: the error must still be the real one.
		const file = databaseWith(`CREATE TRIGGER refuse BEFORE INSERT ON events BEGIN SELECT RAISE(${raise}, 'the disk is full (test)'); END`, 'broken.db');
		const error = await t.throwsAsync(run(file, true, [path.join(samplesDir, 'signin-graph-page.json')]));
		t.is((error as {code?: string}).code, 'ERR_DB');
		t.regex(error!.message, /the disk is full \(test\)/);
		const check = new Database(file, {readonly: true});
		t.is(check.prepare('SELECT count(*) FROM events').pluck().get(), 0);
		t.is(check.prepare('SELECT status FROM runs').pluck().get(), 'failed');
		check.close();
	});
}

for (const [name, writerThread] of writerUses) {
	test(`a write that fails mid-run (${name}): the run stops reading and counts exactly what was committed`, async (t) => {
		const file = databaseWith(
			"CREATE TRIGGER refuse BEFORE INSERT ON events WHEN NEW.line = 6000 BEGIN SELECT RAISE(ABORT, 'the disk is full (test)'); END",
			'midway.db',
		);
		const input = bigSigninFile(60_000, 0, tempDir());
		await t.throwsAsync(run(file, writerThread, [input]), {message: /the disk is full \(test\)/});
		const check = new Database(file, {readonly: true});
		const committed = check.prepare('SELECT count(*) FROM events').pluck().get() as number;
		const runRow = check.prepare('SELECT status, stored, records FROM runs').get() as {status: string; stored: number; records: number};
		check.close();
		t.is(runRow.status, 'failed');
		t.true(committed < 6000, `no event from line 6000 on (${committed})`);
		t.is(runRow.stored, committed, 'the run counts what is in the database');
		t.true(runRow.records < 30_000, `reading stopped soon after the failure (${runRow.records} of 60000 read)`);
		const rollup = checkRollup(file);
		t.deepEqual(rollup, consistentRollup(rollup), "the reports' rollup holds exactly the committed events up to its watermark");
	});
}

test('a database that fails to start the run does not leave the writer thread holding the process', (t) => {
	const file = path.join(tempDir(), 'locked.db');
	openDatabase(file).close();
	const holder = new Database(file);
	holder.exec('BEGIN IMMEDIATE'); // another writer holds the lock past the busy timeout (5 s)
	try {
		const result = cli(['analyze', '--db', file, path.join(samplesDir, 'signin-graph-page.json')], {env: {AADLOG_WRITER_THREAD: '1'}, timeout: 30_000});
		t.is(result.signal, null, 'it ended by itself');
		t.is(result.status, 3, result.stderr);
		t.regex(result.stderr, /locked/);
	} finally {
		holder.exec('ROLLBACK');
		holder.close();
	}
});

test("'' (a private temporary database) is written in this thread even when the writer thread is asked for", async (t) => {
	const result = await run('', true, [path.join(samplesDir, 'signin-graph-page.json')]);
	t.true(result.stored > 0);
});

test("a new source's id comes without waiting for the writer thread, even one still starting: provisional, its row queued before the rows that carry it, and the writer gives them the stored id (over two syncs)", async (t) => {
	const file = path.join(tempDir(), 'sources.db');
	const db = openDatabase(file);
	const handed: string[] = [];
	class WatchedThread extends WriterThread {
		override openSource(row: unknown[]): number {
			handed.push(`open ${row[1] as string}`);
			return super.openSource(row);
		}
	}
	const thread = new WatchedThread(file);
	const store = new EventStore(db, thread);
	store.beginRun({inputs: ['a', 'b'], version: 'test', causes: []});
	const first = store.beginSource({path: 'a'});
	t.true(first < 0, 'provisional');
	store.endSource(first, {gzip: false, bytes: 10, records: 1, rejected: 0});
	store.flush();
	const second = store.beginSource({path: 'b'});
	t.true(second < 0 && second !== first, 'provisional, another one');
	store.endSource(second, {gzip: false, bytes: 20, records: 2, rejected: 0});
	store.completeSources([first, second]);
	await store.close();
	t.deepEqual(handed, ['open a', 'open b']);
	const check = openDatabase(file);
	const rows = check.prepare('SELECT id, path, records, complete FROM sources ORDER BY id').all();
	check.close();
	t.deepEqual(rows, [
		{id: 1, path: 'a', records: 1, complete: 1},
		{id: 2, path: 'b', records: 2, complete: 1},
	]);
});
