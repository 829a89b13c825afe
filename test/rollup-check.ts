/**
 * The invariant of the reports' rollup, for tests: event_rollup and rollup_users hold
 * exactly the events up to rollup_state.events_upto, and the views event_counts and
 * event_users (rollup + events since) hold exactly every event.
 */
import Database from 'better-sqlite3';

const groups = `day, run_id, kind, outcome, cause_id, app_id, app_name`;
const summed = (from: string): string =>
	`SELECT ${groups}, sum(events) AS events, min(first_time) AS first, max(last_time) AS last FROM ${from} GROUP BY ${groups} ORDER BY ${groups}`;
const counted = (where: string): string =>
	`SELECT coalesce(substr(time, 1, 10), '') AS day, run_id, kind, outcome, cause_id, app_id, app_name, count(*) AS events, min(time) AS first, max(time) AS last
	 FROM events WHERE ${where} GROUP BY ${groups} ORDER BY ${groups}`;
const usersOf = (where: string): string =>
	`SELECT 0 AS cause_id, user_principal_name, coalesce(substr(time, 1, 10), '') AS day FROM events WHERE ${where} AND user_principal_name IS NOT NULL
	 UNION SELECT cause_id, user_principal_name, coalesce(substr(time, 1, 10), '') FROM events WHERE ${where} AND user_principal_name IS NOT NULL AND cause_id IS NOT NULL
	 ORDER BY 1, 2, 3`;

export interface RollupCheck {
	/** Events in the database, and up to which id the rollup says it holds them. */
	maxId: number;
	upto: number;
	/** Groups and user-days that differ: none when all is well. */
	rollupGroups: number;
	rollupUsers: number;
	viewGroups: number;
	viewUsers: number;
}

export function checkRollup(file: string): RollupCheck {
	const db = new Database(file, {readonly: true});
	try {
		const upto = db.prepare('SELECT events_upto FROM rollup_state').pluck().get() as number;
		const maxId = db.prepare('SELECT coalesce(max(id), 0) FROM events').pluck().get() as number;
		const all = (sql: string): string[] =>
			db
				.prepare(sql)
				.raw()
				.all(...(sql.includes('@upto') ? [{upto}] : []))
				.map((row) => JSON.stringify(row));
		const differ = (a: string[], b: string[]): number => {
			const left = new Set(a);
			const right = new Set(b);
			return a.filter((x) => !right.has(x)).length + b.filter((x) => !left.has(x)).length;
		};
		return {
			maxId,
			upto,
			rollupGroups: differ(all(summed('event_rollup')), all(counted('id <= @upto'))),
			rollupUsers: differ(all('SELECT cause_id, user_principal_name, day FROM rollup_users ORDER BY 1, 2, 3'), all(usersOf('id <= @upto'))),
			viewGroups: differ(all(summed('event_counts')), all(counted('1'))),
			viewUsers: differ(all('SELECT DISTINCT cause_id, user_principal_name, day FROM event_users ORDER BY 1, 2, 3'), all(usersOf('1'))),
		};
	} finally {
		db.close();
	}
}

/** What checkRollup gives for a database whose rollup is right, however far behind (its counts are written every 10,000 events and at each sync). */
export function consistentRollup(check: RollupCheck): RollupCheck {
	return {...check, upto: Math.min(check.upto, check.maxId), rollupGroups: 0, rollupUsers: 0, viewGroups: 0, viewUsers: 0};
}

/** What checkRollup gives for a database whose rollup is current and right. */
export function currentRollup(check: RollupCheck): RollupCheck {
	return {...check, upto: check.maxId, rollupGroups: 0, rollupUsers: 0, viewGroups: 0, viewUsers: 0};
}
