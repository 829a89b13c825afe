/**
 * The join table between the two halves of the story: every app failure × every sign-in it
 * shares an id with (an info line on a busy correlation id would multiply rows). Written
 * after each run for what that run stored, in both directions, so a sign-in export read
 * tonight joins an app log read last week and the reverse. The cost follows the run, not the
 * database: the run's events are the rowids above `afterId`, and the other side is probed
 * through its id indexes (CROSS JOIN fixes that order: without statistics the planner would
 * walk the whole other side). With no app failure stored, the second direction is skipped.
 * A sign-in is joined to the app failures of the days around it, both ways (day-window.ts):
 * the sign-ins' id indexes are led by the day, so a probe names its days.
 */
import type {Db} from './database.js';
import {dayOf, dayWindow, ensurePlannerStatistics} from './day-window.js';

/** Strongest first: a pair keeps the first join that found it (INSERT OR IGNORE). */
const joins: Array<{via: string; app: string; signin: string}> = [
	{via: 'trace_id', app: 'trace_id', signin: 'request_id'},
	{via: 'request_id', app: 'request_id', signin: 'request_id'},
	{via: 'correlation_id', app: 'correlation_id', signin: 'correlation_id'},
	{via: 'uti', app: 'uti', signin: 'uti'},
];

const appFailure = "a.kind = 'app' AND a.outcome IN ('failure', 'interrupt')";

export interface LinkTotals {
	/** Failures (and interrupts) in app logs read by this run. */
	appFailures: number;
	/** Of those, how many were joined to at least one sign-in. */
	matched: number;
}

/** `afterId`: the largest event id before the run began; the run's events have larger ones. */
export function linkRun(db: Db, runId: number, afterId: number): LinkTotals {
	ensurePlannerStatistics(db); // an app failure with no time probes the sign-ins' id indexes one day at a time
	const anyAppFailure = db.prepare(`SELECT EXISTS (SELECT 1 FROM events a INDEXED BY events_app WHERE ${appFailure})`).pluck().get() === 1;
	db.transaction(() => {
		for (const {via, app, signin} of joins) {
			// The run's app failures, to every stored sign-in of the days around them (one without a time: of any day).
			db.prepare(`INSERT OR IGNORE INTO correlations (app_event_id, signin_event_id, via)
				SELECT a.id, s.id, '${via}' FROM events a CROSS JOIN events s ON ${dayOf('s')} IN (${dayWindow('a.time')}) AND s.${signin} = a.${app} AND s.kind = 'signin'
				WHERE a.id > ? AND ${appFailure} AND a.${app} IS NOT NULL AND a.time IS NOT NULL
				UNION ALL
				SELECT a.id, s.id, '${via}' FROM events a CROSS JOIN events s ON s.${signin} = a.${app} AND s.kind = 'signin'
				WHERE a.id > ? AND ${appFailure} AND a.${app} IS NOT NULL AND a.time IS NULL`).run(afterId, afterId);
			// The run's sign-ins, to every stored app failure (older ones included) of the days around them.
			if (anyAppFailure) {
				db.prepare(`INSERT OR IGNORE INTO correlations (app_event_id, signin_event_id, via)
					SELECT a.id, s.id, '${via}' FROM events s CROSS JOIN events a ON a.${app} = s.${signin} AND ${appFailure}
						AND (a.time IS NULL OR s.time IS NULL OR ${dayOf('s')} IN (${dayWindow('a.time')}))
					WHERE s.id > ? AND s.kind = 'signin' AND s.${signin} IS NOT NULL`).run(afterId);
			}
		}
	})();
	return db
		.prepare(`SELECT count(*) AS appFailures,
			coalesce(sum(EXISTS (SELECT 1 FROM correlations co WHERE co.app_event_id = a.id)), 0) AS matched
		FROM events a WHERE a.id > ? AND a.run_id = ? AND ${appFailure}`)
		.get(afterId, runId) as LinkTotals;
}
