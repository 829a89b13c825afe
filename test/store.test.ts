import path from 'node:path';
import test from 'ava';
import Database from 'better-sqlite3';
import {loadKnowledge} from '../src/classify/knowledge.js';
import {analyze} from '../src/pipeline.js';
import {resolveInputs} from '../src/read/inputs.js';
import {defaultReadLimits} from '../src/read/record.js';
import {openDatabase} from '../src/store/database.js';
import {currentSchema, migrations} from '../src/store/schema.js';
import {cli, databaseAtVersion, memoryInput, samplesDir, tempDir} from './helpers.js';

const knowledge = loadKnowledge();

const g = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const signins = [0, 50126, 50126, 50076, 53003, 0]
	.map((code, i) =>
		JSON.stringify({
			id: g(i),
			createdDateTime: `2026-11-19T08:0${i}:00Z`,
			correlationId: g(100 + i),
			userPrincipalName: `u${i % 3}@contoso.com`,
			appId: `app-${i % 2}`,
			status: {errorCode: code},
		}),
	)
	.join('\n');

const run = (db: string, text = signins, label = 'signins.jsonl') =>
	analyze({inputs: [memoryInput(label, text)], db, knowledge, limits: defaultReadLimits, version: 'test'});

test('events, causes and sources land in SQLite; successes are stored too', async (t) => {
	const db = path.join(tempDir(), 'a.db');
	const result = await run(db);
	t.is(result.stored, 6);
	const sql = new Database(db, {readonly: true});
	const outcomes = sql.prepare('select outcome, count(*) n from events group by outcome order by outcome').all();
	t.deepEqual(outcomes, [
		{outcome: 'failure', n: 3},
		{outcome: 'interrupt', n: 1},
		{outcome: 'success', n: 2},
	]);
	const summary = sql.prepare("select cause, events from cause_summary where cause = 'wrong-credentials'").get();
	t.deepEqual(summary, {cause: 'wrong-credentials', events: 2});
	const source = sql.prepare('select path, format, records, complete from sources').get();
	t.deepEqual(source, {path: 'signins.jsonl', format: 'jsonl', records: 6, complete: 1});
	const evidence = sql
		.prepare("select ec.evidence from event_causes ec join causes c on c.id = ec.cause_id where c.cause = 'wrong-credentials' limit 1")
		.pluck()
		.get();
	t.is(evidence, 'codes.aadsts=50126');
	sql.close();
});

test('running the same input again does not double-count', async (t) => {
	const db = path.join(tempDir(), 'b.db');
	await run(db);
	const again = await run(db, signins, 'same-content-other-name.jsonl');
	t.is(again.stored, 0);
	t.is(again.duplicates, 6);
	t.is(again.summary.records, 6, 'the run summary still describes what was read');
	const sql = new Database(db, {readonly: true});
	t.is(sql.prepare('select count(*) from events').pluck().get(), 6);
	t.deepEqual(sql.prepare('select stored, duplicates, status from runs order by id').all(), [
		{stored: 6, duplicates: 0, status: 'complete'},
		{stored: 0, duplicates: 6, status: 'complete'},
	]);
	sql.close();
});

test('identical text lines at different places are different records; re-reading them is not', async (t) => {
	const db = path.join(tempDir(), 'c.db');
	const log = 'fail: AADSTS50126 for user\nfail: AADSTS50126 for user\n';
	t.is((await run(db, log, 'app.log')).stored, 2);
	t.is((await run(db, log, 'app.log')).stored, 0);
});

test('rejected records are kept with file, line and reason', async (t) => {
	const db = path.join(tempDir(), 'd.db');
	const result = await run(db, '{"status":{"errorCode":0},"createdDateTime":"2026-11-19T00:00:00Z"}\n{"broken": \n', 'bad.jsonl');
	t.is(result.summary.rejected, 1);
	const sql = new Database(db, {readonly: true});
	const reject = sql.prepare('select line, reason, excerpt from rejects').get() as {line: number; reason: string; excerpt: string};
	t.is(reject.line, 2);
	t.regex(reject.reason, /invalid JSON/);
	t.is(reject.excerpt, '{"broken": ');
	sql.close();
});

test('every table and view column in the schema carries a comment, in the migrations and in a new database', (t) => {
	const schema = [...migrations, currentSchema()].join('\n');
	const tables = [...schema.matchAll(/CREATE TABLE (\w+) \(([\s\S]*?)\n\)/g)];
	t.true(tables.length >= 6);
	// Columns added later: ALTER TABLE ... ADD COLUMN name TYPE /* comment */
	for (const [line, table, column] of schema.matchAll(/ALTER TABLE (\w+) ADD COLUMN (\w+)[^\n]*/g)) {
		if (!/\/\*.+\*\//.test(line)) t.fail(`${table}.${column} has no comment`);
	}
	for (const [, table, body] of tables) {
		for (const line of body.split('\n')) {
			const column = /^\s+([a-z_]+)\s+(INTEGER|TEXT|REAL)/.exec(line);
			if (column && !line.includes('--')) {
				t.fail(`${table}.${column[1]} has no comment`);
			}
		}
	}
});

test('the schema version is recorded and reopening applies no migration twice', async (t) => {
	const db = path.join(tempDir(), 'e.db');
	await run(db);
	await run(db);
	const sql = new Database(db, {readonly: true});
	t.is(sql.pragma('user_version', {simple: true}), migrations.length);
	t.is(sql.pragma('journal_mode', {simple: true}), 'wal');
	sql.close();
});

test('record keys stay the MD5 prefix they always were: databases written before keep de-duplicating', async (t) => {
	const {recordKey} = await import('../src/util/hash.js');
	const {createHash} = await import('node:crypto');
	for (const text of ['{"id":"x"}', '12\nfail: AADSTS50126', 'zoë']) t.is(recordKey(text), createHash('md5').update(text).digest().readBigInt64LE(0));
	t.is(recordKey('{"id":"x"}'), 8183861281784041855n, 'openssl md5 -binary | head -c 8 | od -t d8');
});

test('every stored failure has a cause: reports count failures through the cause index', async (t) => {
	const db = path.join(tempDir(), 'causes.db');
	await analyze({inputs: await resolveInputs([samplesDir]), db, knowledge, limits: defaultReadLimits, version: 'test'});
	const sql = new Database(db, {readonly: true});
	t.true((sql.prepare("SELECT count(*) FROM events WHERE outcome = 'failure'").pluck().get() as number) > 50);
	t.is(sql.prepare("SELECT count(*) FROM events WHERE outcome = 'failure' AND cause_id IS NULL").pluck().get(), 0);
	sql.close();
});

test('upgrading a database with events to schema 11 samples statistics for the day-led id indexes, so a lookup by id probes day by day', (t) => {
	const file = path.join(tempDir(), 'old.db');
	const old = databaseAtVersion(file, 10); // the schema before migration 11, the day-led indexes
	const insert = old.prepare(
		"INSERT INTO events (record_key, run_id, source_id, line, time, kind, outcome, correlation_id, request_id) VALUES (?, 1, 1, ?, ?, 'signin', 'success', ?, ?)",
	);
	old.transaction(() => {
		for (let i = 0; i < 3000; i++) insert.run(i + 1, i + 1, new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString(), `c-${i}`, `r-${i}`);
	})();
	old.exec('ANALYZE'); // statistics of the old indexes: the new ones must not go without
	old.close();
	const db = openDatabase(file);
	t.is(db.pragma('user_version', {simple: true}), migrations.length);
	const stats = db
		.prepare("SELECT idx FROM sqlite_stat1 WHERE idx IN ('events_by_correlation', 'events_by_request_id', 'events_by_uti') ORDER BY idx")
		.pluck()
		.all();
	t.deepEqual(stats, ['events_by_correlation', 'events_by_request_id', 'events_by_uti']);
	const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT id FROM events WHERE correlation_id = 'c-7'").all() as Array<{detail: string}>)
		.map((r) => r.detail)
		.join(' | ');
	t.regex(plan, /events_by_correlation \(ANY\(<expr>\) AND correlation_id=\?\)/);
	t.is(db.prepare("SELECT line FROM events WHERE correlation_id = 'c-7'").pluck().get(), 8);
	db.close();
});

test('analyze says so before it upgrades an existing database (rebuilding indexes of millions of events takes a minute)', (t) => {
	const file = path.join(tempDir(), 'older.db');
	const old = new Database(file);
	for (const m of migrations.slice(0, 10)) old.exec(m);
	old.pragma('user_version = 10');
	old.close();
	const result = cli(['analyze', '--db', file, path.join(samplesDir, 'signin-single.json')]);
	t.is(result.status, 0, result.stderr);
	t.regex(result.stderr, new RegExp(`upgrading .*older\\.db from schema 10 to ${migrations.length}`));
	const again = cli(['analyze', '--db', file, path.join(samplesDir, 'signin-single.json')]);
	t.notRegex(again.stderr, /upgrading/, 'only once');
});
