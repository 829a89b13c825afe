/**
 * The join table between the two halves of the story: every app failure × every sign-in it
 * shares an id with (an info line sharing a busy correlation id would multiply rows), written after a run for the app events or sign-ins that run added
 * (so a sign-in export read tonight joins an app log read last week, and the reverse).
 * Driven from the app events, which are few next to sign-ins, probing sign-ins by index.
 */
import type {Db} from '../store/database.js';

const joins: Array<{via: string; on: string}> = [
	{via: 'trace_id', on: 's.request_id = a.trace_id'},
	{via: 'request_id', on: 's.request_id = a.request_id'},
	{via: 'correlation_id', on: 's.correlation_id = a.correlation_id'},
	{via: 'uti', on: 's.uti = a.uti'},
];

export interface LinkTotals {
	/** Failures (and interrupts) in app logs read by this run. */
	appFailures: number;
	/** Of those, how many were joined to at least one sign-in. */
	matched: number;
}

export function linkRun(db: Db, runId: number): LinkTotals {
	db.transaction(() => {
		for (const {via, on} of joins) {
			const column = via === 'trace_id' ? 'a.trace_id' : `a.${via}`;
			db.prepare(`INSERT OR IGNORE INTO correlations (app_event_id, signin_event_id, via)
				SELECT a.id, s.id, '${via}' FROM events a INDEXED BY events_app JOIN events s ON ${on} AND s.kind = 'signin'
				WHERE a.kind = 'app' AND a.outcome IN ('failure', 'interrupt') AND ${column} IS NOT NULL AND (a.run_id = ? OR s.run_id = ?)`).run(runId, runId);
		}
	})();
	const totals = db.prepare(`SELECT count(*) AS appFailures,
			coalesce(sum(EXISTS (SELECT 1 FROM correlations co WHERE co.app_event_id = a.id)), 0) AS matched
		FROM events a WHERE a.kind = 'app' AND a.run_id = ? AND a.outcome IN ('failure', 'interrupt')`).get(runId) as LinkTotals;
	return totals;
}
