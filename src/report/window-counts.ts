/**
 * Where a report's numbers come from for a time window: whole UTC days from the rollup
 * views (event_counts, event_users: src/store/rollup.ts), the partial days at the window's
 * edges from events themselves. Each is a subquery with the columns of its view, so the
 * report's queries sum and count over it the same way whatever the window.
 *
 * Times are stored as ISO 8601 UTC text (2026-11-19T08:30:00.000Z), so a day string
 * compares below every time of that day and above every time of the day before.
 */

import {countEventsSql, eventUsersSql} from '../store/rollup.js';
import type {TimeWindow} from './report-data.js';

export interface Sql {
	sql: string;
	params: string[];
}

export interface WindowCounts {
	/** Rows of event_counts: day, run_id, kind, outcome, cause_id, app_id, app_name, events, first_time, last_time. */
	counts: Sql;
	/** Rows of event_users: cause_id (0 = any event), user_principal_name, day; may repeat. */
	users: Sql;
}

export function windowCounts(window: TimeWindow): WindowCounts {
	const {since, until} = window;
	// No window: every event, undated ones too.
	if (!since && !until) return {counts: {sql: 'SELECT * FROM event_counts', params: []}, users: {sql: 'SELECT * FROM event_users', params: []}};

	// The whole days inside the window: [firstDay, endDay).
	const firstDay = since === null ? null : since.slice(10) === 'T00:00:00.000Z' ? since.slice(0, 10) : nextDay(since.slice(0, 10));
	const endDay = until === null ? null : until.slice(0, 10);
	const edges: Array<[string | null, string | null]> = [];
	let days: Sql | undefined;
	if ((firstDay !== null && endDay !== null && firstDay >= endDay) || !isDay(firstDay) || !isDay(endDay)) {
		edges.push([since, until]); // no whole day inside (or a day out of the YYYY-MM-DD range, 9999-12-31's next): all from events
	} else {
		const parts = ["day <> ''"];
		const params: string[] = [];
		if (firstDay !== null) {
			parts.push('day >= ?');
			params.push(firstDay);
			if (since !== firstDay + 'T00:00:00.000Z') edges.push([since, firstDay]);
		}
		if (endDay !== null) {
			parts.push('day < ?');
			params.push(endDay);
			if (until !== endDay + 'T00:00:00.000Z') edges.push([endDay, until]);
		}
		days = {sql: parts.join(' AND '), params};
	}

	const counts: Sql[] = [];
	const users: Sql[] = [];
	if (days) {
		counts.push({sql: `SELECT * FROM event_counts WHERE ${days.sql}`, params: days.params});
		users.push({sql: `SELECT * FROM event_users WHERE ${days.sql}`, params: days.params});
	}
	for (const [from, to] of edges) {
		// Every edge has at least one end (no window at all returned above), so no undated event is in it.
		const range = windowClause('events', {since: from, until: to});
		counts.push({sql: countEventsSql(range.sql), params: range.params});
		users.push({sql: eventUsersSql(range.sql), params: [...range.params, ...range.params]});
	}
	return {counts: unionAll(counts), users: unionAll(users)};
}

/** `time` in the window; with `timeIndex: false`, as `+time` (SQLite's unary plus), so the query does not walk the time index. */
export function windowClause(alias: string, window: TimeWindow, {timeIndex = true} = {}): Sql {
	const time = `${timeIndex ? '' : '+'}${alias}.time`;
	const parts: string[] = ['1'];
	const params: string[] = [];
	if (window.since) {
		parts.push(`${time} >= ?`);
		params.push(window.since);
	}
	if (window.until) {
		parts.push(`${time} < ?`);
		params.push(window.until);
	}
	return {sql: parts.join(' AND '), params};
}

function unionAll(parts: Sql[]): Sql {
	return {sql: parts.map((p) => p.sql).join(' UNION ALL '), params: parts.flatMap((p) => p.params)};
}

function isDay(day: string | null): boolean {
	return day === null || /^\d{4}-\d{2}-\d{2}$/.test(day);
}

/** The day after, or '' when there is none in YYYY-MM-DD (after 9999-12-31, or not a day). */
function nextDay(isoDay: string): string {
	const next = Date.parse(isoDay + 'T00:00:00.000Z') + 86_400_000;
	return Number.isNaN(next) || next >= Date.UTC(10000, 0, 1) ? '' : new Date(next).toISOString().slice(0, 10);
}
