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
 * deleted) and appends their counts, a chunk of ids per transaction with the watermark:
 * killed, it leaves the rollup right and behind.
 */
import type {Db} from './database.js';

/** An event's day in the rollup: its UTC date, '' when it has no time. */
const day = "coalesce(substr(time, 1, 10), '')";

/** The events matching `where`, counted in event_rollup's columns (day, run, kind, outcome, cause, app). */
export function countEventsSql(where: string): string {
	return `SELECT ${day} AS day, run_id, kind, outcome, cause_id, app_id, app_name, count(*) AS events, min(time) AS first_time, max(time) AS last_time
		FROM events WHERE ${where} GROUP BY 1, 2, 3, 4, 5, 6, 7`;
}

/** The events matching `where` (twice in the SQL: bind its parameters twice) as rollup_users rows: cause 0 for any event, and the event's cause. */
export function eventUsersSql(where: string): string {
	return `SELECT 0 AS cause_id, user_principal_name, ${day} AS day FROM events WHERE ${where} AND user_principal_name IS NOT NULL
		UNION ALL
		SELECT cause_id, user_principal_name, ${day} FROM events WHERE ${where} AND user_principal_name IS NOT NULL AND cause_id IS NOT NULL`;
}

/**
 * Ids counted per transaction. A catch-up can cover millions of events (a minute or more
 * per ten million): in one transaction it would hold the write lock that long, and another
 * run waiting for it gives up after 5 s.
 */
const refreshChunk = 100_000;

/**
 * Adds the events stored since the last refresh to the rollup, a chunk of ids per
 * transaction; returns how many. `onStart` hears how many first: after an upgrade that is
 * every stored event.
 */
export function refreshRollup(db: Db, onStart?: (events: number) => void, chunk = refreshChunk): number {
	const watermark = db.prepare('SELECT events_upto FROM rollup_state').pluck();
	const end = db.prepare('SELECT coalesce(max(id), 0) FROM events').pluck().get() as number;
	const start = watermark.get() as number;
	if (end <= start) return 0;
	onStart?.(end - Math.max(start, 0));
	const range = 'id > @from AND id <= @upto';
	const countGroups = db.prepare(
		`INSERT INTO event_rollup (day, run_id, kind, outcome, cause_id, app_id, app_name, events, first_time, last_time) ${countEventsSql(range)}`,
	);
	const keepUsers = db.prepare(`INSERT OR IGNORE INTO rollup_users (cause_id, user_principal_name, day) ${eventUsersSql(range)}`);
	const moveWatermark = db.prepare('UPDATE rollup_state SET events_upto = ?');
	let counted = 0;
	const step = db.transaction((): boolean => {
		// Read again in each transaction: a writer may have moved it in between.
		const from = watermark.get() as number;
		if (from >= end) return false;
		const upto = Math.min(end, Math.max(from, 0) + chunk);
		countGroups.run({from, upto});
		keepUsers.run({from, upto});
		moveWatermark.run(upto);
		counted += upto - Math.max(from, 0);
		return true;
	});
	while (step.immediate());
	return counted;
}

/**
 * Empties the rollup, for a change to stored events (reclassify) that counts cannot follow:
 * the views then count every event until refreshRollup has counted them again. Call inside
 * the transaction that changes the events, so both land or neither does. The watermark
 * becomes -1, not 0: a writer still holding counts of the events before the change (its
 * first id 1) must not take an emptied rollup for one that holds everything up to 0.
 */
export function clearRollup(db: Db): void {
	db.exec('DELETE FROM event_rollup; DELETE FROM rollup_users; UPDATE rollup_state SET events_upto = -1;');
}
