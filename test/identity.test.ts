/**
 * A sign-in is identified by its own id (Graph `id`, diagnostic `properties.id`, Log
 * Analytics `Id`, the portal's "Request ID"): the same sign-in exported in any shape, from
 * any file, is one event. Records without an id keep a key of their bytes.
 */

import {readFileSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import Database from 'better-sqlite3';
import {loadKnowledge} from '../src/classify/knowledge.js';
import {analyze} from '../src/pipeline.js';
import {defaultReadLimits} from '../src/read/record.js';
import {cli, memoryInput, samplesDir, tempDir} from './helpers.js';

const knowledge = loadKnowledge();

type Row = Record<string, unknown>;
const beta = readFileSync(path.join(samplesDir, 'signin-graph-beta.jsonl'), 'utf8')
	.trim()
	.split('\n')
	.map((line) => JSON.parse(line) as Row);

function sortedKeys(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(sortedKeys);
	if (value === null || typeof value !== 'object') return value;
	return Object.fromEntries(
		Object.keys(value)
			.sort()
			.map((k) => [k, sortedKeys((value as Row)[k])]),
	);
}

/** The same sign-ins in five shapes: the bytes differ, the sign-ins do not. */
const shapes: Record<string, string> = {
	'page.json': JSON.stringify({'@odata.context': 'https://graph.microsoft.com/beta/$metadata#auditLogs/signIns', value: beta}),
	'pretty.json': JSON.stringify(beta, null, 2),
	'compact.jsonl': beta.map((r) => JSON.stringify(r)).join('\n'),
	'sorted.jsonl': beta.map((r) => JSON.stringify(sortedKeys(r))).join('\n'),
	'diagnostic.jsonl': beta
		.map((r) => JSON.stringify({time: r.createdDateTime, category: 'SignInLogs', operationName: 'Sign-in activity', properties: r}))
		.join('\n'),
};
const failures = beta.filter((r) => (r.status as Row).errorCode !== 0).length;

const run = (db: string, names: string[]) =>
	analyze({inputs: names.map((name) => memoryInput(name, shapes[name]!)), db, knowledge, limits: defaultReadLimits, version: 'test'});

function stored(db: string): {events: number; failures: number; reported: number} {
	const sql = new Database(db, {readonly: true});
	const events = sql.prepare('SELECT count(*) FROM events').pluck().get() as number;
	const failed = sql.prepare("SELECT count(*) FROM events WHERE outcome = 'failure'").pluck().get() as number;
	const reported = sql.prepare('SELECT coalesce(sum(failures), 0) FROM failures_by_day').pluck().get() as number;
	sql.close();
	return {events, failures: failed, reported};
}

test('the same sign-ins in five shapes in one run are stored once', async (t) => {
	const db = path.join(tempDir(), 'one-run.db');
	const result = await run(db, Object.keys(shapes));
	t.is(result.summary.records, beta.length * 5, 'every record read is counted as read');
	t.is(result.stored, beta.length);
	t.is(result.duplicates, beta.length * 4);
	t.deepEqual(stored(db), {events: beta.length, failures, reported: failures});
});

test('the same sign-ins in five shapes over separate runs are stored once', async (t) => {
	const db = path.join(tempDir(), 'runs.db');
	for (const [i, name] of Object.keys(shapes).entries()) {
		const result = await run(db, [name]);
		t.is(result.stored, i === 0 ? beta.length : 0, name);
	}
	t.deepEqual(stored(db), {events: beta.length, failures, reported: failures});
});

test('every sample shape keys a sign-in by its id: the whole folder yields one event per sign-in id', (t) => {
	const db = path.join(tempDir(), 'samples.db');
	const first = cli(['analyze', '--json', '--db', db, samplesDir]);
	t.true(first.status === 0 || first.status === 2, first.stderr);
	const sql = new Database(db, {readonly: true});
	const signins = sql.prepare("SELECT count(*) FROM events WHERE kind = 'signin'").pluck().get() as number;
	const ids = sql.prepare("SELECT count(DISTINCT request_id) FROM events WHERE kind = 'signin'").pluck().get() as number;
	sql.close();
	t.is(signins, ids, 'one event per sign-in id');
	t.is(signins, 95, 'samples/README.md: 95 sign-in ids across the folder');
});

test('app log lines without an id keep their file and line in the key', async (t) => {
	const db = path.join(tempDir(), 'app.db');
	const log = 'fail: AADSTS50126 for user\nfail: AADSTS50126 for user\n';
	const a = await analyze({inputs: [memoryInput('a.log', log), memoryInput('b.log', log)], db, knowledge, limits: defaultReadLimits, version: 'test'});
	t.is(a.stored, 4);
});

test('a database from before (byte keys, a sign-in stored twice) is migrated: copies go, keys become ids, a re-run stores nothing', async (t) => {
	const db = path.join(tempDir(), 'before.db');
	await run(db, ['compact.jsonl']);
	// What an older aadlog left: each sign-in a second time (another shape's bytes), every key a hash of bytes, the rollup counting both.
	const old = new Database(db);
	const columns = (old.prepare('PRAGMA table_info(events)').all() as Array<{name: string}>)
		.map((c) => c.name)
		.filter((c) => c !== 'id' && c !== 'record_key');
	old.transaction(() => {
		old.exec(`INSERT INTO events (record_key, ${columns.join(', ')}) SELECT record_key + 1, ${columns.join(', ')} FROM events`);
		old.exec(
			'INSERT INTO event_causes (event_id, rank, cause_id, evidence) SELECT c.id, ec.rank, ec.cause_id, ec.evidence FROM event_causes ec JOIN events e ON e.id = ec.event_id JOIN events c ON c.request_id = e.request_id AND c.id > e.id',
		);
		old.exec('UPDATE events SET record_key = id * 7919 + 13');
		old.exec('DELETE FROM event_rollup; DELETE FROM rollup_users; UPDATE rollup_state SET events_upto = 0');
		old.exec('ALTER TABLE events DROP COLUMN records'); // migration 13 adds it
		// migration 18 makes the policy rows, their view, and drops the packed column
		old.exec('DROP VIEW ca_policy_summary; DROP TABLE event_ca_policies; ALTER TABLE events ADD COLUMN ca_policies TEXT');
		old.pragma('user_version = 11');
	})();
	t.is(old.prepare('SELECT coalesce(sum(failures), 0) FROM failures_by_day').pluck().get(), failures * 2, 'the old database counts each failure twice');
	old.close();

	const again = await run(db, ['sorted.jsonl', 'diagnostic.jsonl']);
	t.is(again.stored, 0, 'every sign-in was found under its id');
	t.is(again.duplicates, beta.length * 2);
	t.deepEqual(stored(db), {events: beta.length, failures, reported: failures});
	const sql = new Database(db, {readonly: true});
	t.is(sql.prepare('SELECT count(*) FROM event_causes WHERE event_id NOT IN (SELECT id FROM events)').pluck().get(), 0, 'no causes of removed copies left');
	sql.close();
});
