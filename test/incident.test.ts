/**
 * Grouping app records into incidents (src/incident): which records join, what stays apart,
 * the bounds, and the same grouping at every chunk size and in every file order.
 */
import {readFileSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import Database from 'better-sqlite3';
import {loadKnowledge} from '../src/classify/knowledge.js';
import type {Pending} from '../src/correlate/correlator.js';
import {newEvent} from '../src/extract/event.js';
import {extractAppText} from '../src/extract/shapes/app-log.js';
import {IncidentGrouper} from '../src/incident/grouper.js';
import {analyze} from '../src/pipeline.js';
import type {InputSpec} from '../src/read/inputs.js';
import {defaultReadLimits} from '../src/read/record.js';
import {samplesDir, tempDir} from './helpers.js';

const knowledge = loadKnowledge();

/** Each line one record, through the grouper; the groups as the lines they hold. */
function groups(lines: string[], limits = {}): number[][] {
	const grouper = new IncidentGrouper(limits);
	const out: Pending[] = [];
	for (const [i, text] of lines.entries())
		out.push(...grouper.add({event: extractAppText(text, {file: 'app.log', line: i + 1}), key: BigInt(i), sourceId: 1}));
	out.push(...grouper.end());
	return out.map((p) => (p.event.incident?.records ?? [p.event.source]).map((r) => r.line)).sort((a, b) => a[0] - b[0]);
}

test('neighbours in one lane within seconds join the failure; a success ends the request', (t) => {
	t.deepEqual(
		groups([
			'2026-11-21T10:00:00.000Z dbug: token received',
			'2026-11-21T10:00:00.004Z fail: IDX10511: Signature validation failed.',
			'2026-11-21T10:00:00.006Z info: Request finished HTTP/1.1 GET /api responded 401',
			'2026-11-21T10:00:00.100Z info: Request finished HTTP/1.1 GET /api responded 200',
			'2026-11-21T10:00:00.200Z info: next request starting',
		]),
		[[1, 2, 3], [4], [5]],
	);
});

test('records far apart in time, two coded errors side by side, and the same error again stay apart', (t) => {
	t.deepEqual(groups(['2026-11-21T10:00:00Z info: starting', '2026-11-21T10:00:09Z fail: AADSTS50126: bad password']), [[1], [2]], 'over 5 s');
	t.deepEqual(
		groups(['2026-11-21T10:00:00Z fail: AADSTS50126: bad password', '2026-11-21T10:00:01Z fail: AADSTS50053: locked']),
		[[1], [2]],
		'two coded errors',
	);
	t.deepEqual(groups(['2026-11-21T10:00:00Z fail: responded 401', '2026-11-21T10:00:01Z fail: responded 401']), [[1], [2]], 'a repeat');
	t.deepEqual(groups(['2026-11-21T10:00:00Z info: a', 'fail: AADSTS50126: no time on this line']), [[1], [2]], 'a timed and an untimed record');
});

test('a shared id joins records a minute apart and across other lines; other threads do not join by adjacency', (t) => {
	const corr = '3b7e0c41-5a2d-4f8e-9c11-0a6d2e7f9b10';
	t.deepEqual(
		groups([
			`2026-11-21T10:00:00Z [Thread-1] info: AcquireTokenSilent correlation_id=${corr}`,
			'2026-11-21T10:00:38Z [Thread-2] info: unrelated',
			`2026-11-21T10:00:40Z [Thread-1] fail: AADSTS50000: error issuing a token. correlation_id=${corr}`,
			'2026-11-21T10:00:40Z [Thread-2] fail: responded 401',
		]),
		[
			[1, 3],
			[2, 4],
		],
	);
	t.deepEqual(
		groups(['2026-11-21T10:00:00Z [Thread-1] info: token received', '2026-11-21T10:00:01Z [Thread-2] fail: IDX10511: Signature validation failed.']),
		[[1], [2]],
	);
});

test('an id logged on the line after the error stays with that failure', (t) => {
	const trace = '8d1f0e22-61a4-4b9e-8d3c-2f0b6a9e1c01';
	const grouper = new IncidentGrouper();
	const lines = ['2026-11-21T10:00:00Z fail: AADSTS7000215: Invalid client secret provided.', `2026-11-21T10:00:00Z info: token request trace_id=${trace}`];
	const out = lines.flatMap((text, i) => grouper.add({event: extractAppText(text, {file: 'app.log', line: i + 1}), key: BigInt(i), sourceId: 1}));
	out.push(...grouper.end());
	t.is(out.length, 1);
	t.is(out[0].event.ids.traceId, trace);
	t.deepEqual(out[0].event.codes.aadsts, [7000215]);
	t.is(out[0].event.outcome, 'failure');
});

test('access-log lines join only by id', (t) => {
	t.deepEqual(
		groups([
			'10.0.0.1 - - [21/Nov/2026:10:00:00 +0000] "GET /a HTTP/1.1" 401 0',
			'10.0.0.2 - - [21/Nov/2026:10:00:00 +0000] "GET /b HTTP/1.1" 401 0 authorization="Bearer x"',
			'10.0.0.3 - - [21/Nov/2026:10:00:01 +0000] "GET /c HTTP/1.1" 403 0',
		]),
		[[1], [2], [3]],
	);
});

test('bounds: an incident holds at most maxRecords records; a group without a failure keeps 8 records of lead-in', (t) => {
	const corr = '3b7e0c41-5a2d-4f8e-9c11-0a6d2e7f9b10';
	const lines = [`fail: AADSTS50000: x correlation_id=${corr}`, ...Array.from({length: 9}, (_, i) => `info: step ${i} correlation_id=${corr}`)];
	const sizes = groups(lines, {maxRecords: 4}).map((g) => g.length);
	// The rest hold no failure: they leave as the records they are.
	t.deepEqual(sizes, [4, 1, 1, 1, 1, 1, 1]);
	const lead = groups(Array.from({length: 12}, (_, i) => `info: step ${i}`).concat(['fail: AADSTS50000: x']));
	t.is(lead.length, 5, '4 lead-in records leave as they are; 8 stay for the failure');
	t.deepEqual(lead.at(-1), [5, 6, 7, 8, 9, 10, 11, 12, 13]);
	const open = new IncidentGrouper({maxOpen: 2});
	const ids = ['a1b2c3d4-0000-4000-8000-00000000000', 'b1b2c3d4-0000-4000-8000-00000000000', 'c1b2c3d4-0000-4000-8000-00000000000'];
	const out = ids.flatMap((id, i) =>
		open.add({event: extractAppText(`[Thread-${i}] fail: AADSTS50000 correlation_id=${id}1`, {file: 'a', line: i + 1}), key: BigInt(i), sourceId: 1}),
	);
	t.is(out.length, 1, 'past maxOpen the oldest incident is closed');
});

test('sign-ins pass straight through', (t) => {
	const grouper = new IncidentGrouper();
	const signin = newEvent('signin', {file: 's.jsonl', line: 1});
	t.is(grouper.add({event: signin, key: 1n, sourceId: 1}).length, 1);
});

/** An input that yields its bytes `size` at a time. */
function chunked(label: string, bytes: Buffer, size: number): InputSpec {
	return {
		label,
		async *open() {
			for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
		},
	};
}

async function stored(inputs: InputSpec[]): Promise<string[]> {
	const db = path.join(tempDir(), 'g.db');
	await analyze({inputs, db, knowledge, limits: defaultReadLimits, version: 'test'});
	const sql = new Database(db, {readonly: true});
	const rows = sql
		.prepare(
			`SELECT s.path || ':' || e.line || ' [' || coalesce(e.records, '') || '] ' || e.outcome || ' ' || coalesce(c.cause, '-') AS row
			 FROM events e JOIN sources s ON s.id = e.source_id LEFT JOIN causes c ON c.id = e.cause_id`,
		)
		.pluck()
		.all() as string[];
	sql.close();
	return rows.sort();
}

test('grouping is the same at every chunk size and in every file order', async (t) => {
	const a = readFileSync(path.join(samplesDir, 'app-msal-identitymodel.log'));
	const b = readFileSync(path.join(samplesDir, 'story-expenses-app.log'));
	const whole = await stored([chunked('a.log', a, a.length), chunked('b.log', b, b.length)]);
	t.true(
		whole.some((row) => /\[\d+,\d+/.test(row)),
		'some records are grouped',
	);
	for (const size of [1, 7, 100, 4096]) t.deepEqual(await stored([chunked('a.log', a, size), chunked('b.log', b, size)]), whole, `chunks of ${size} bytes`);
	t.deepEqual(await stored([chunked('b.log', b, 333), chunked('a.log', a, 333)]), whole, 'b before a');
});
