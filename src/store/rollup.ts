/**
 * The rollup behind reports: event_rollup (events per UTC day, run, kind, outcome, cause and
 * app) and rollup_users (who had events of which cause on which day). A whole-database
 * report on ten million events reads about a hundred thousand rollup rows instead of
 * every event. The views event_counts and event_users add the events stored since the last
 * refresh, so a stale rollup is only slower, never wrong.
 *
 * The writer keeps it current as it stores events (rollup-delta.ts). refreshRollup catches
 * up when it could not: a database from before the rollup, a reclassify. It reads only the
 * events above rollup_state.events_upto (new rows get larger ids, events are never
 * deleted) and appends their counts, in one transaction: killed, it leaves the rollup as
 * it was.
 */
import type {Db} from './database.js';

const day = "coalesce(substr(time, 1, 10), '')";

/**
 * Adds the events stored since the last refresh to the rollup; returns how many. `onStart`
 * hears how many first: after an upgrade that is every stored event (a minute per ten million).
 */
export function refreshRollup(db: Db, onStart?: (events: number) => void): number {
	return db
		.transaction(() => {
			const from = db.prepare('SELECT events_upto FROM rollup_state').pluck().get() as number;
			const upto = (db.prepare('SELECT max(id) FROM events').pluck().get() as number | null) ?? 0;
			if (upto <= from) return 0;
			onStart?.(upto - from);
			const range = {from, upto};
			db.prepare(`INSERT INTO event_rollup (day, run_id, kind, outcome, cause_id, app_id, app_name, events, first_time, last_time)
				SELECT ${day}, run_id, kind, outcome, cause_id, app_id, app_name, count(*), min(time), max(time)
				FROM events WHERE id > @from AND id <= @upto GROUP BY 1, 2, 3, 4, 5, 6, 7`).run(range);
			db.prepare(`INSERT OR IGNORE INTO rollup_users (cause_id, user_principal_name, day)
				SELECT 0, user_principal_name, ${day} FROM events WHERE id > @from AND id <= @upto AND user_principal_name IS NOT NULL
				UNION ALL
				SELECT cause_id, user_principal_name, ${day} FROM events WHERE id > @from AND id <= @upto AND user_principal_name IS NOT NULL AND cause_id IS NOT NULL`).run(range);
			db.prepare('UPDATE rollup_state SET events_upto = ?').run(upto);
			return upto - from;
		})
		.immediate();
}

/**
 * Empties the rollup, for a change to stored events (reclassify) that counts cannot follow:
 * the views then count every event until the next refresh. Call inside the transaction that
 * changes the events, so both land or neither does.
 */
export function clearRollup(db: Db): void {
	db.exec('DELETE FROM event_rollup; DELETE FROM rollup_users; UPDATE rollup_state SET events_upto = 0;');
}
