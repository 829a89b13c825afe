/**
 * What `aadlog report` says, gathered from the database once, as plain data: the renderers
 * (text, Markdown, JSON, HTML) only lay it out. Counts come from the rollup views
 * (event_counts, event_users) for whole days and from `events` for the window's part-days
 * (window-counts.ts); samples, joins and rejects from their tables.
 */
import type {Db} from '../store/database.js';
import {blockingPolicies} from './blocking-policies.js';
import {doToday, type TodoAction} from './do-today.js';
import {rankCauses} from './impact.js';
import {type Sql, windowClause, windowCounts} from './window-counts.js';

export interface TimeWindow {
	/** ISO 8601 UTC, inclusive; null = from the first event. */
	since: string | null;
	/** ISO 8601 UTC, exclusive; null = to the last event. */
	until: string | null;
}

export interface CauseRow {
	cause: string;
	title: string;
	who: string;
	level: string;
	fix: string;
	events: number;
	failures: number;
	interrupts: number;
	users: number;
	apps: number;
	firstSeen: string | null;
	lastSeen: string | null;
	/** Up to three, newest first: to paste into a support case. */
	sampleCorrelationIds: string[];
	topApps: Array<{app: string; events: number}>;
	/** Only with --names. */
	userNames?: string[];
	/** Events of this cause in the previous window of the same length (null: no previous window). */
	previous: number | null;
}

export interface ReportData {
	generatedAt: string;
	version: string;
	db: string;
	window: TimeWindow;
	previousWindow: TimeWindow | null;
	totals: {events: number; signins: number; app: number; success: number; failure: number; interrupt: number; unknown: number; users: number; apps: number};
	/** Events with no time at all: in no window, so counted apart (0 when the report has no window). */
	undated: number;
	previousTotals: {events: number; failure: number; interrupt: number} | null;
	/** The few actions that matter most, from the top failure causes (do-today.ts). */
	doToday: TodoAction[];
	/** Causes with failures, most impact first (impact.ts). */
	causes: CauseRow[];
	/** Causes with interrupts only: expected steps (MFA, consent), ranked the same way. */
	expectedSteps: CauseRow[];
	/** Since the last run: causes it found that no earlier run had, and causes it found far more of. */
	news: {
		lastRun: {id: number; startedAt: string; finishedAt: string | null; status: string; stored: number} | null;
		/** Runs before the last one: with none, nothing can be new. */
		earlierRuns: number;
		newCauses: string[];
		jumped: Array<{cause: string; lastRun: number; before: number}>;
		/** The title of each new or jumped cause: most of them may be beyond the top causes shown. */
		titles?: Record<string, string>;
	};
	/** Failures per time bucket and cause (top causes only), for the chart over time. */
	timeline: {bucket: 'hour' | 'day'; causes: string[]; points: Array<{at: string; cause: string; failures: number}>};
	topApps: Array<{app: string; failures: number}>;
	joins: {
		appFailures: number;
		matched: number;
		samples: Array<{
			appTime: string | null;
			appCause: string | null;
			signinCause: string | null;
			via: string;
			correlationId: string | null;
			user: string | null;
			app: string | null;
		}>;
	};
	rejects: {count: number; samples: Array<{file: string; line: number | null; reason: string}>};
}

export interface ReportOptions {
	window: TimeWindow;
	version: string;
	db: string;
	/** Show user names (UPNs); counts only otherwise. */
	names: boolean;
	topCauses?: number;
	now?: Date;
}

export function gatherReport(db: Db, options: ReportOptions): ReportData {
	const {window} = options;
	const where = windowClause('e', window);
	const {users, counts: windowRows} = windowCounts(window);
	const counts = gathered(db, 'report_counts', windowRows);
	// Parameters bind in the order they appear: the users subquery's come before the counts'.
	const totals = db
		.prepare(`SELECT coalesce(sum(events), 0) AS events, coalesce(sum(iif(kind = 'signin', events, 0)), 0) AS signins,
			coalesce(sum(iif(kind = 'app', events, 0)), 0) AS app, coalesce(sum(iif(outcome = 'success', events, 0)), 0) AS success,
			coalesce(sum(iif(outcome = 'failure', events, 0)), 0) AS failure, coalesce(sum(iif(outcome = 'interrupt', events, 0)), 0) AS interrupt,
			coalesce(sum(iif(outcome = 'unknown', events, 0)), 0) AS unknown,
			(SELECT count(DISTINCT user_principal_name) FROM (${users.sql}) WHERE cause_id = 0) AS users, count(DISTINCT app_id) AS apps
			FROM (${counts.sql})`)
		.get(...users.params, ...counts.params) as ReportData['totals'];
	const previousWindow = previousOf(window);
	const previous = previousWindow ? gathered(db, 'report_previous_counts', windowCounts(previousWindow).counts) : undefined;
	const previousTotals = previous
		? (db
				.prepare(`SELECT coalesce(sum(events), 0) AS events, coalesce(sum(iif(outcome = 'failure', events, 0)), 0) AS failure,
					coalesce(sum(iif(outcome = 'interrupt', events, 0)), 0) AS interrupt FROM (${previous.sql})`)
				.get(...previous.params) as ReportData['previousTotals'])
		: null;

	const causes = db
		.prepare(`SELECT c.id, c.cause, c.title, c.who, c.level, c.fix, sum(r.events) AS events, sum(iif(r.outcome = 'failure', r.events, 0)) AS failures,
			sum(iif(r.outcome = 'interrupt', r.events, 0)) AS interrupts,
			0 AS users, -- its place in the row: counted below for every cause at once, from the users' rows
			count(DISTINCT r.app_id) AS apps, min(r.first_time) AS firstSeen, max(r.last_time) AS lastSeen
			FROM (${counts.sql}) r JOIN causes c ON c.id = r.cause_id
			GROUP BY c.id`)
		.all(...counts.params) as Array<Omit<CauseRow, 'sampleCorrelationIds' | 'topApps' | 'previous'> & {id: number}>;
	const usersOf = countByCause(
		db,
		`SELECT cause_id, count(DISTINCT user_principal_name) FROM (${users.sql}) WHERE cause_id > 0 GROUP BY cause_id`,
		users.params,
	);
	const previousByCause = previous
		? countByCause(db, `SELECT cause_id, sum(events) FROM (${previous.sql}) WHERE cause_id IS NOT NULL GROUP BY cause_id`, previous.params)
		: undefined;
	const samples = db.prepare(
		`SELECT DISTINCT e.correlation_id FROM events e WHERE e.cause_id = ? AND e.correlation_id IS NOT NULL AND ${where.sql} ORDER BY e.time DESC LIMIT 3`,
	);
	const apps = appsByCause(db, counts);
	const userNames = db.prepare(
		`SELECT DISTINCT e.user_principal_name FROM events e WHERE e.cause_id = ? AND e.user_principal_name IS NOT NULL AND ${where.sql} ORDER BY 1 LIMIT 10`,
	);
	const newsNow = news(db);
	const fresh = new Set([...newsNow.newCauses, ...newsNow.jumped.map((j) => j.cause)]);
	const ranked = rankCauses(
		causes.map((c) => ({
			...c,
			users: usersOf.get(c.id) ?? 0,
			rising: fresh.has(c.cause) || (previousByCause !== undefined && c.events > (previousByCause.get(c.id) ?? 0)),
		})),
	);
	const limit = options.topCauses ?? 15;
	const detailed = (rows: typeof ranked.failing): CauseRow[] =>
		rows.slice(0, limit).map(({id, rising: _rising, ...row}) => ({
			...row,
			sampleCorrelationIds: samples.pluck().all(id, ...where.params) as string[],
			topApps: top(
				apps.filter((row) => row.causeId === id).map(({app, events}) => ({app, events})),
				'events',
				3,
			),
			...(options.names ? {userNames: userNames.pluck().all(id, ...where.params) as string[]} : {}),
			previous: previousByCause ? (previousByCause.get(id) ?? 0) : null,
		}));
	const causeRows = detailed(ranked.failing);
	const causeIds = new Map(causes.map((c) => [c.cause, c.id]));
	const expectedSteps = detailed(ranked.expectedSteps);

	const undated = window.since || window.until ? (db.prepare("SELECT coalesce(sum(events), 0) FROM event_counts WHERE day = ''").pluck().get() as number) : 0;
	return {
		generatedAt: (options.now ?? new Date()).toISOString(),
		undated,
		version: options.version,
		db: options.db,
		window,
		previousWindow,
		totals,
		previousTotals,
		doToday: doToday(causeRows, (cause) => {
			const id = causeIds.get(cause);
			return id === undefined ? [] : blockingPolicies(db, id, where);
		}),
		causes: causeRows,
		expectedSteps,
		news: newsNow,
		// The chart is of failures: its causes are the top ones by failures, not by events (interrupts).
		timeline: timeline(
			db,
			where,
			counts,
			[...causeRows]
				.filter((c) => c.failures > 0)
				.sort((a, b) => b.failures - a.failures)
				.slice(0, 6)
				.map((c) => c.cause),
		),
		topApps: top(sumFailuresByApp(apps), 'failures', 10),
		// App events are few: the joins start from them (their partial index), not from every event in the window.
		joins: joins(db, windowClause('e', window, {timeIndex: false}), options.names),
		rejects: rejects(db),
	};
}

/**
 * A window's counts, gathered once into a temporary table (it works on a read-only
 * database): half a dozen queries read them, and the window's part-days would otherwise
 * be counted from events by each. Summed per group on the way in.
 */
function gathered(db: Db, table: string, counts: Sql): Sql {
	db.exec(`DROP TABLE IF EXISTS temp.${table}`);
	db.prepare(`CREATE TEMP TABLE ${table} AS SELECT day, run_id, kind, outcome, cause_id, app_id, app_name, sum(events) AS events,
		min(first_time) AS first_time, max(last_time) AS last_time FROM (${counts.sql}) GROUP BY 1, 2, 3, 4, 5, 6, 7`).run(...counts.params);
	return {sql: `SELECT * FROM temp.${table}`, params: []};
}

/** A `SELECT cause_id, n ... GROUP BY cause_id` as a map. */
function countByCause(db: Db, sql: string, params: string[]): Map<number, number> {
	return new Map(
		db
			.prepare(sql)
			.raw()
			.all(...params) as Array<[number, number]>,
	);
}

/**
 * Events and failures per cause and app in the window, in one pass over the window's
 * counts: the top apps of each cause and of all failures come from it.
 */
function appsByCause(db: Db, counts: Sql): Array<{causeId: number; app: string; events: number; failures: number}> {
	return db
		.prepare(`SELECT cause_id AS causeId, coalesce(app_name, app_id) AS app, sum(events) AS events, sum(iif(outcome = 'failure', events, 0)) AS failures
			FROM (${counts.sql}) WHERE cause_id IS NOT NULL AND coalesce(app_name, app_id) IS NOT NULL GROUP BY 1, 2`)
		.all(...counts.params) as Array<{causeId: number; app: string; events: number; failures: number}>;
}

function sumFailuresByApp(rows: ReadonlyArray<{app: string; failures: number}>): Array<{app: string; failures: number}> {
	const byApp = new Map<string, number>();
	for (const {app, failures} of rows) if (failures > 0) byApp.set(app, (byApp.get(app) ?? 0) + failures);
	return [...byApp].map(([app, failures]) => ({app, failures}));
}

/** The first `limit` by `count`, most first, ties by app in SQLite's order (UTF-8 bytes), as `ORDER BY count DESC, app LIMIT n` gave. */
function top<K extends string, T extends {app: string} & Record<K, number>>(rows: T[], count: K, limit: number): T[] {
	return rows.sort((a, b) => b[count] - a[count] || Buffer.compare(Buffer.from(a.app), Buffer.from(b.app))).slice(0, limit);
}

/** The window of the same length just before: only when the window has both ends. */
function previousOf(window: TimeWindow): TimeWindow | null {
	if (!window.since || !window.until) return null;
	const length = Date.parse(window.until) - Date.parse(window.since);
	return {since: new Date(Date.parse(window.since) - length).toISOString(), until: window.since};
}

/** New in the last run that stored events: causes no earlier run stored; jumped: at least twice the average of earlier runs, and 5 more. */
function news(db: Db): ReportData['news'] {
	// The last run that stored events: an idle re-run (a cron retry storing nothing) must not erase the news.
	const last = db
		.prepare('SELECT id, started_at AS startedAt, finished_at AS finishedAt, status, stored FROM runs ORDER BY stored > 0 DESC, id DESC LIMIT 1')
		.get() as ReportData['news']['lastRun'] | undefined;
	if (!last) return {lastRun: null, earlierRuns: 0, newCauses: [], jumped: []};
	const rows = db
		.prepare(`SELECT c.cause, c.title, sum(iif(r.run_id = ?, r.events, 0)) AS lastRun, sum(iif(r.run_id < ?, r.events, 0)) AS before,
			count(DISTINCT iif(r.run_id < ?, r.run_id, NULL)) AS runsBefore
			FROM event_counts r JOIN causes c ON c.id = r.cause_id GROUP BY c.id HAVING lastRun > 0 ORDER BY lastRun DESC, c.cause`)
		.all(last.id, last.id, last.id) as Array<{cause: string; title: string; lastRun: number; before: number; runsBefore: number}>;
	// Runs that stored nothing add nothing to compare with.
	const earlierRuns = (db.prepare('SELECT count(*) FROM runs WHERE id < ? AND stored > 0').pluck().get(last.id) as number) || 0;
	const newCauses = earlierRuns === 0 ? [] : rows.filter((r) => r.before === 0).map((r) => r.cause);
	const jumped = rows
		.filter((r) => r.before > 0 && r.lastRun >= (2 * r.before) / earlierRuns && r.lastRun - r.before / earlierRuns >= 5)
		.map(({cause, lastRun, before}) => ({cause, lastRun, before}));
	const named = new Set([...newCauses, ...jumped.map((j) => j.cause)]);
	const titles = Object.fromEntries(rows.filter((r) => named.has(r.cause)).map((r) => [r.cause, r.title]));
	return {lastRun: last, earlierRuns, newCauses, jumped, titles};
}

/** `where`: the window as a clause on events `e` (hours are counted from the events). */
function timeline(db: Db, where: Sql, counts: Sql, causes: string[]): ReportData['timeline'] {
	const span = db
		.prepare(`SELECT min(first_time) AS first, max(last_time) AS last FROM (${counts.sql}) WHERE cause_id IS NOT NULL AND outcome = 'failure'`)
		.get(...counts.params) as {first: string | null; last: string | null};
	const hours = span.first && span.last ? (Date.parse(span.last) - Date.parse(span.first)) / 3_600_000 : 0;
	const bucket = hours <= 72 ? 'hour' : 'day';
	if (causes.length === 0) return {bucket, causes, points: []};
	const inCauses = `c.cause IN (${causes.map(() => '?').join(', ')})`;
	if (bucket === 'day') {
		const points = db
			.prepare(`SELECT r.day AS at, c.cause, sum(r.events) AS failures FROM (${counts.sql}) r JOIN causes c ON c.id = r.cause_id
				WHERE r.outcome = 'failure' AND r.day <> '' AND ${inCauses} GROUP BY 1, 2 ORDER BY 1, 2`)
			.all(...counts.params, ...causes) as ReportData['timeline']['points'];
		return {bucket, causes, points};
	}
	// Hours: the rollup has days, so these come from the events (three days of failures at most).
	const points = db
		.prepare(`SELECT substr(e.time, 1, 13) AS at, c.cause, count(*) AS failures FROM events e JOIN causes c ON c.id = e.cause_id
			WHERE e.outcome = 'failure' AND e.time IS NOT NULL AND ${inCauses} AND ${where.sql}
			GROUP BY 1, 2 ORDER BY 1, 2`)
		.all(...causes, ...where.params) as ReportData['timeline']['points'];
	return {bucket, causes, points};
}

function joins(db: Db, where: {sql: string; params: string[]}, names: boolean): ReportData['joins'] {
	const counts = db
		.prepare(`SELECT count(*) AS appFailures, coalesce(sum(EXISTS (SELECT 1 FROM correlations co WHERE co.app_event_id = e.id)), 0) AS matched
			FROM events e WHERE e.kind = 'app' AND e.outcome IN ('failure', 'interrupt') AND ${where.sql}`)
		.get(...where.params) as {appFailures: number; matched: number};
	// One row per app failure: its strongest join (SQLite takes the bare columns from the row with the min).
	const samples = db
		.prepare(`SELECT b.app_time AS appTime, b.app_cause AS appCause, b.signin_cause AS signinCause, b.via, b.correlation_id AS correlationId,
			b.user_principal_name AS user, b.app_name AS app,
			min(CASE b.via WHEN 'trace_id' THEN 1 WHEN 'request_id' THEN 2 WHEN 'correlation_id' THEN 3 ELSE 4 END) AS strength
			FROM by_correlation b JOIN events e ON e.id = b.app_event_id
			WHERE b.app_outcome IN ('failure', 'interrupt') AND ${where.sql} GROUP BY b.app_event_id ORDER BY b.app_time DESC LIMIT 10`)
		.all(...where.params) as Array<ReportData['joins']['samples'][number] & {strength?: number}>;
	for (const row of samples) delete row.strength;
	// User names only when asked for (a report travels further than the database).
	return {...counts, samples: names ? samples : samples.map((s) => ({...s, user: null}))};
}

function rejects(db: Db): ReportData['rejects'] {
	const count = db.prepare('SELECT count(*) FROM rejects').pluck().get() as number;
	const samples = db
		.prepare('SELECT s.path AS file, r.line, r.reason FROM rejects r JOIN sources s ON s.id = r.source_id ORDER BY r.id DESC LIMIT 5')
		.all() as ReportData['rejects']['samples'];
	return {count, samples};
}
