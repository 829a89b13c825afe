/**
 * The rollup that reports read (event_rollup, rollup_users): it holds exactly the stored
 * events whichever writer stored them, catches up when it was behind, and a report from it
 * says what counting the events themselves says, for every kind of window.
 */

import {writeFileSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import Database from 'better-sqlite3';
import {loadKnowledge} from '../src/classify/knowledge.js';
import {type AnalyzeOptions, analyze} from '../src/pipeline.js';
import {resolveInputs} from '../src/read/inputs.js';
import {defaultReadLimits} from '../src/read/record.js';
import {gatherReport, type ReportData, type TimeWindow} from '../src/report/report-data.js';
import {BatchWriter} from '../src/store/batch-writer.js';
import {openDatabase} from '../src/store/database.js';
import {EventBatchBuilder} from '../src/store/event-batch.js';
import {type Batch, eventColumns} from '../src/store/event-rows.js';
import {GrowingSink} from '../src/store/growing-sink.js';
import {clearRollup, refreshRollup} from '../src/store/rollup.js';
import {samplesDir, tempDir} from './helpers.js';
import {checkRollup, currentRollup} from './rollup-check.js';

const knowledge = loadKnowledge();
const codes = [0, 0, 0, 0, 50126, 50126, 50076, 50074, 53003, 700016, 50058, 65001, 7000215, 50140, 90072];

/** Sign-ins over eleven days at any hour, some with no time, no user or no app name, one app under two names: deterministic. */
function spreadSignins(dir: string, name: string, count: number, seed: number): string {
	let state = seed;
	const next = (n: number): number => {
		state = (state * 1103515245 + 12345) % 2147483648;
		return (state >>> 12) % n; // the low bits of this generator repeat: use the high ones
	};
	const lines: string[] = [];
	for (let i = 0; i < count; i++) {
		const app = next(9);
		const record: Record<string, unknown> = {
			id: `${String(seed).padStart(8, '0')}-0000-4000-8000-${String(i).padStart(12, '0')}`,
			userPrincipalName: next(20) === 0 ? null : `user${next(60)}@contoso.com`,
			appId: `app-${app}`,
			// app-8 has no name; app-7 was renamed: one id, two names.
			appDisplayName: app === 8 ? null : app === 7 && next(2) === 0 ? 'Contoso App 7 (old name)' : `Contoso App ${app}`,
			correlationId: `${String(seed).padStart(8, '0')}-1111-4000-8000-${String(i).padStart(12, '0')}`,
			status: {errorCode: codes[next(codes.length)]},
		};
		if (next(50) !== 0) record.createdDateTime = new Date(Date.UTC(2026, 10, 10) + next(11 * 86_400) * 1000 + next(1000)).toISOString();
		lines.push(JSON.stringify(record));
	}
	const file = path.join(dir, name);
	writeFileSync(file, lines.join('\n') + '\n');
	return file;
}

/** `caughtUp` hears how many events the end of the run counted for the rollup because the writer could not (none, normally). */
async function run(db: string, inputs: string[], writerThread: AnalyzeOptions['writerThread'], reread = false, caughtUp: number[] = []) {
	return analyze({
		inputs: await resolveInputs(inputs),
		db,
		knowledge,
		limits: defaultReadLimits,
		version: 'test',
		writerThread,
		reread,
		onRollupCatchUp: (n) => caughtUp.push(n),
	});
}

for (const [name, writerThread] of [
	['writer thread', true],
	['this thread', false],
	['writer thread after 1,000 events', {afterEvents: 1000}],
] as const) {
	test(`the writer keeps the rollup equal to the stored events (${name}), across runs and records read again`, async (t) => {
		const dir = tempDir();
		const db = path.join(dir, 'r.db');
		const first = spreadSignins(dir, 'a.jsonl', 3000, 1);
		const caughtUp: number[] = [];
		await run(db, [samplesDir, first], writerThread, false, caughtUp);
		t.deepEqual(caughtUp, [], 'the writers kept the rollup current: the end of the run had nothing to count');
		const check = checkRollup(db);
		t.true(check.maxId > 3000);
		t.deepEqual(check, currentRollup(check));
		// Half old records (duplicates, not stored again), half new: the rollup counts only the new.
		const second = spreadSignins(dir, 'b.jsonl', 1500, 2);
		const result = await run(db, [first, second], writerThread, true, caughtUp);
		t.deepEqual(caughtUp, []);
		t.deepEqual({stored: result.stored, duplicates: result.duplicates}, {stored: 1500, duplicates: 3000});
		const again = checkRollup(db);
		t.is(again.maxId, check.maxId + 1500);
		t.deepEqual(again, currentRollup(again));
	});
}

test('two runs writing one database at once (their ids interleave) keep the rollup exact', async (t) => {
	const dir = tempDir();
	const db = path.join(dir, 'r.db');
	await run(db, [spreadSignins(dir, 'first.jsonl', 10, 8)], false); // the database exists before both open it
	await Promise.all([run(db, [spreadSignins(dir, 'a.jsonl', 8000, 9)], false), run(db, [spreadSignins(dir, 'b.jsonl', 8000, 10)], false)]);
	const sql = new Database(db, {readonly: true});
	const interleaved = sql
		.prepare('SELECT count(*) FROM events WHERE run_id = 2 AND id > (SELECT min(id) FROM events WHERE run_id = 3)')
		.pluck()
		.get() as number;
	sql.close();
	t.true(interleaved > 0, 'the two runs took turns');
	const check = checkRollup(db);
	t.is(check.maxId, 16_010);
	t.deepEqual(check, currentRollup(check));
});

/** A new database with run 1 and source 1, which the rows of signinBatch refer to. */
function databaseForBatches(): {file: string; db: ReturnType<typeof openDatabase>} {
	const file = path.join(tempDir(), 'r.db');
	const db = openDatabase(file);
	db.exec(
		"INSERT INTO runs (id, started_at, status, version, inputs) VALUES (1, '2026-11-20T00:00:00Z', 'running', 'test', '[]'); INSERT INTO sources (id, run_id, path) VALUES (1, 1, 'x')",
	);
	return {file, db};
}

/** Rows for a BatchWriter: `count` sign-ins of run 1, source 1, from record key `from`. */
function signinBatch(from: number, count: number, {outcome = 'success', causeId = null}: {outcome?: string; causeId?: number | null}): Batch {
	const at = (name: (typeof eventColumns)[number]): number => eventColumns.indexOf(name);
	const events = new EventBatchBuilder();
	for (let i = 0; i < count; i++) {
		const event: unknown[] = eventColumns.map(() => null);
		Object.assign(event, {
			[at('record_key')]: BigInt(from + i),
			[at('run_id')]: 1,
			[at('source_id')]: 1,
			[at('time')]: '2026-11-20T10:00:00.000Z',
			[at('kind')]: 'signin',
			[at('outcome')]: outcome,
			[at('cause_id')]: causeId,
			[at('user_principal_name')]: `user${i % 3}@contoso.com`,
		});
		events.add({event, causes: [], tokens: [], policies: []});
	}
	return {events: events.take(), rejects: [], sourceTotals: []};
}

test('a run of unknown size is written in this thread until it has stored afterEvents, then by the writer thread, the counts and the rollup going on across', async (t) => {
	const {file, db} = databaseForBatches();
	const sink = new GrowingSink(db, file, 1500);
	sink.write(signinBatch(1, 1000, {}));
	t.false(sink.handedOver, 'a small run never starts the writer thread');
	sink.write(signinBatch(1001, 1000, {outcome: 'failure'}));
	t.true(sink.handedOver);
	sink.write(signinBatch(2001, 1000, {}));
	sink.write(signinBatch(1, 500, {})); // already stored before the hand-over
	const {counts, error} = sink.sync();
	await sink.close();
	db.close();
	t.is(error, undefined);
	t.deepEqual({stored: counts.stored, duplicates: counts.duplicates}, {stored: 3000, duplicates: 500});
	const check = checkRollup(file);
	t.is(check.upto, 3000, 'the rollup holds every event: the writer thread went on from where this thread left it');
	t.deepEqual(check, currentRollup(check));
});

test("a group with several rollup rows (refreshRollup appends) gets the writer's next counts once", (t) => {
	const {file, db} = databaseForBatches();
	const writer = new BatchWriter(db);
	writer.write(signinBatch(1, 10, {}));
	writer.sync();
	// As if a refresh had appended the same group again (with nothing in it: the sums stay right).
	db.exec('INSERT INTO event_rollup SELECT * FROM event_rollup');
	db.exec('UPDATE event_rollup SET events = 0 WHERE rowid > (SELECT min(rowid) FROM event_rollup)');
	writer.write(signinBatch(11, 5, {}));
	writer.sync();
	db.close();
	const check = checkRollup(file);
	t.is(check.maxId, 15);
	t.deepEqual(check, currentRollup(check));
});

test('an emptied rollup (reclassify) is not refilled by a writer still holding counts from before', (t) => {
	const {file, db} = databaseForBatches();
	db.exec(
		"INSERT INTO causes (id, cause, title, who, level, confidence, fix) VALUES (1, 'cause-a', 'a', 'user', 'low', 1, 'f'), (2, 'cause-b', 'b', 'user', 'low', 1, 'f')",
	);
	const writer = new BatchWriter(db);
	writer.write(signinBatch(1, 10, {outcome: 'failure', causeId: 1})); // committed; its rollup counts are held back
	const other = openDatabase(file); // reclassify's connection
	other.transaction(() => {
		other.prepare('UPDATE events SET cause_id = 2 WHERE id <= 5').run();
		clearRollup(other);
	})();
	writer.sync(); // the writer gets the lock between reclassify's two transactions
	refreshRollup(other);
	other.close();
	db.close();
	const check = checkRollup(file);
	t.deepEqual(check, currentRollup(check));
});

test('a catch-up counts a chunk of ids per transaction, and tells how many it will count', (t) => {
	const {file, db} = databaseForBatches();
	const writer = new BatchWriter(db);
	for (let i = 0; i < 5; i++) writer.write(signinBatch(1 + i * 1000, 1000, {}));
	writer.sync();
	clearRollup(db);
	const watermarks: number[] = [];
	db.function('seen_watermark', (n: number) => {
		watermarks.push(n);
		return n;
	});
	db.exec('CREATE TEMP TRIGGER watch AFTER UPDATE ON main.rollup_state BEGIN SELECT seen_watermark(NEW.events_upto); END');
	const heard: number[] = [];
	t.is(
		refreshRollup(db, (n) => heard.push(n), 1500),
		5000,
	);
	t.deepEqual(heard, [5000]);
	t.deepEqual(watermarks, [1500, 3000, 4500, 5000], 'one transaction per chunk, each moving the watermark');
	db.close();
	const check = checkRollup(file);
	t.deepEqual(check, currentRollup(check));
});

test('a rollup that is behind (emptied, or a database from before it) is right through the views, and the next run catches it up', async (t) => {
	const dir = tempDir();
	const db = path.join(dir, 'r.db');
	await run(db, [spreadSignins(dir, 'a.jsonl', 2000, 3)], true);
	const writable = openDatabase(db);
	clearRollup(writable);
	writable.close();
	const behind = checkRollup(db);
	t.is(behind.upto, -1, 'emptied: counted again from the first event');
	t.deepEqual({viewGroups: behind.viewGroups, viewUsers: behind.viewUsers}, {viewGroups: 0, viewUsers: 0}, 'the views count the events the rollup lacks');
	// The writer cannot add to a rollup that is behind (it would count events twice): the end of the run catches up.
	const heard: number[] = [];
	await analyze({
		inputs: await resolveInputs([spreadSignins(dir, 'b.jsonl', 500, 4)]),
		db,
		knowledge,
		limits: defaultReadLimits,
		version: 'test',
		writerThread: true,
		onRollupCatchUp: (n) => heard.push(n),
	});
	t.deepEqual(heard, [2500], 'told how many events it counts at the end');
	const caughtUp = checkRollup(db);
	t.is(caughtUp.maxId, 2500);
	t.deepEqual(caughtUp, currentRollup(caughtUp));
});

/** Counted straight from events: what a report over `window` must say. */
function countedFromEvents(file: string, window: TimeWindow) {
	const db = new Database(file, {readonly: true});
	const parts = ['1'];
	const params: string[] = [];
	if (window.since) parts.push('time >= ?') && params.push(window.since);
	if (window.until) parts.push('time < ?') && params.push(window.until);
	const where = parts.join(' AND ');
	const totals = db
		.prepare(`SELECT count(*) AS events, coalesce(sum(kind = 'signin'), 0) AS signins, coalesce(sum(kind = 'app'), 0) AS app,
			coalesce(sum(outcome = 'success'), 0) AS success, coalesce(sum(outcome = 'failure'), 0) AS failure, coalesce(sum(outcome = 'interrupt'), 0) AS interrupt,
			coalesce(sum(outcome = 'unknown'), 0) AS unknown, count(DISTINCT user_principal_name) AS users, count(DISTINCT app_id) AS apps FROM events WHERE ${where}`)
		.get(...params);
	const causes = db
		.prepare(`SELECT c.cause, count(*) AS events, sum(e.outcome = 'failure') AS failures, sum(e.outcome = 'interrupt') AS interrupts,
			count(DISTINCT e.user_principal_name) AS users, count(DISTINCT e.app_id) AS apps, min(e.time) AS firstSeen, max(e.time) AS lastSeen
			FROM events e JOIN causes c ON c.id = e.cause_id WHERE ${where} GROUP BY c.id HAVING failures > 0 ORDER BY CASE c.level WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 WHEN 'info' THEN 4 ELSE 5 END, users DESC, apps DESC, failures DESC, c.cause`) // the impact order; interrupt-only causes are expected steps
		.all(...params);
	const topApps = db
		.prepare(`SELECT coalesce(app_name, app_id) AS app, count(*) AS failures FROM events WHERE outcome = 'failure' AND cause_id IS NOT NULL AND coalesce(app_name, app_id) IS NOT NULL AND ${where}
			GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10`)
		.all(...params);
	const timeline = db
		.prepare(`SELECT substr(e.time, 1, 10) AS at, c.cause, count(*) AS failures FROM events e JOIN causes c ON c.id = e.cause_id
			WHERE e.outcome = 'failure' AND e.time IS NOT NULL AND ${where} GROUP BY 1, 2 ORDER BY 1, 2`)
		.all(...params) as Array<{at: string; cause: string; failures: number}>;
	db.close();
	return {totals, causes, topApps, timeline};
}

function reportOf(file: string, window: TimeWindow): ReportData {
	const db = new Database(file, {readonly: true});
	try {
		return db.transaction(() => gatherReport(db, {window, version: 'test', db: file, names: false, topCauses: 100, now: new Date(0)}))();
	} finally {
		db.close();
	}
}

const windows: TimeWindow[] = [
	{since: null, until: null},
	{since: '2026-11-12T00:00:00.000Z', until: '2026-11-15T00:00:00.000Z'}, // whole days
	{since: '2026-11-12T05:30:00.000Z', until: '2026-11-15T17:00:00.000Z'}, // part-days at both ends
	{since: '2026-11-12T00:00:00.001Z', until: '2026-11-14T23:59:59.999Z'},
	{since: '2026-11-13T02:00:00.000Z', until: '2026-11-13T20:00:00.000Z'}, // inside one day
	{since: '2026-11-13T20:00:00.000Z', until: '2026-11-14T04:00:00.000Z'}, // two part-days, no whole one
	{since: '2026-11-16T07:00:00.000Z', until: null},
	{since: null, until: '2026-11-12T12:00:00.000Z'},
	{since: '2026-01-01T00:00:00.000Z', until: '2027-01-01T00:00:00.000Z'},
	{since: '2026-12-01T00:00:00.000Z', until: '2026-12-02T00:00:00.000Z'}, // nothing in it
	{since: '9999-12-31T12:00:00.000Z', until: '9999-12-31T23:00:00.000Z'}, // the last day there is: no day after it
	{since: '9999-12-30T12:00:00.000Z', until: null},
];

test('a report read from the rollup says what counting the events says, for whole-day, part-day and open windows, current or behind', async (t) => {
	const dir = tempDir();
	const db = path.join(dir, 'r.db');
	await run(db, [samplesDir, spreadSignins(dir, 'a.jsonl', 4000, 6)], true);
	await run(db, [spreadSignins(dir, 'b.jsonl', 1000, 7)], false);

	const expected = windows.map((w) => countedFromEvents(db, w));
	const byDay = (sql: string): string[] => {
		const handle = new Database(db, {readonly: true});
		const rows = handle
			.prepare(sql)
			.raw()
			.all()
			.map((r) => JSON.stringify(r))
			.sort();
		handle.close();
		return rows;
	};
	const failuresByDay = byDay(`SELECT substr(e.time, 1, 10), c.cause, e.app_name, count(*) FROM events e JOIN causes c ON c.id = e.cause_id
		WHERE e.outcome = 'failure' GROUP BY 1, 2, 3`);
	const check = (state: string): void => {
		t.deepEqual(byDay('SELECT day, cause, app_name, failures FROM failures_by_day'), failuresByDay, `${state}: the failures_by_day view`);
		for (const [i, window] of windows.entries()) {
			const report = reportOf(db, window);
			const want = expected[i];
			const label = `${state}: ${window.since} .. ${window.until}`;
			t.deepEqual(report.totals, want.totals, label);
			t.deepEqual(
				report.causes.map(({cause, events, failures, interrupts, users, apps, firstSeen, lastSeen}) => ({
					cause,
					events,
					failures,
					interrupts,
					users,
					apps,
					firstSeen,
					lastSeen,
				})),
				want.causes,
				label,
			);
			t.deepEqual(report.topApps, want.topApps, label);
			if (report.previousWindow) {
				const before = countedFromEvents(db, report.previousWindow);
				const {events, failure, interrupt} = before.totals as {events: number; failure: number; interrupt: number};
				t.deepEqual(report.previousTotals, {events, failure, interrupt}, label);
				for (const cause of report.causes)
					t.is(cause.previous, (before.causes as Array<{cause: string; events: number}>).find((c) => c.cause === cause.cause)?.events ?? 0, label);
			}
			if (report.timeline.bucket === 'day') {
				const shown = new Set(report.timeline.causes);
				t.deepEqual(
					report.timeline.points,
					want.timeline.filter((p) => shown.has(p.cause)),
					label,
				);
			}
		}
	};
	t.true((expected[0].totals as {events: number}).events > 5000);
	t.true(reportOf(db, windows[0]).timeline.bucket === 'day' && reportOf(db, windows[2]).timeline.bucket === 'day', 'the day buckets come from the rollup');
	check('current');

	const writable = openDatabase(db);
	clearRollup(writable);
	check('emptied');
	refreshRollup(writable);
	writable.close();
	check('caught up');
});
