/**
 * The Conditional Access policies behind a cause: which policies failed (blocked) on its
 * latest failing sign-ins, most first, so "Do this today" can name the policy to look at.
 * Only the latest events are read: the names are the point, and a cause with millions of
 * events must not make the report read them all (event_ca_policies is keyed by event).
 */
import type {Db} from '../store/database.js';
import type {Sql} from './window-counts.js';

/** A policy that blocked, and on how many of the latest failing sign-ins of the cause. */
export interface BlockingPolicy {
	name: string;
	signins: number;
}

/** How many of a cause's latest failing sign-ins are read. */
export const latestSignins = 5_000;

export function blockingPolicies(db: Db, causeId: number, where: Sql, limit = 2): BlockingPolicy[] {
	return db
		.prepare(
			`SELECT p.name, count(DISTINCT p.event_id) AS signins
			FROM (SELECT e.id FROM events e WHERE e.cause_id = ? AND e.kind = 'signin' AND e.outcome = 'failure' AND ${where.sql}
			      ORDER BY e.time DESC LIMIT ${latestSignins}) AS latest
			JOIN event_ca_policies p ON p.event_id = latest.id
			WHERE p.result = 'failure' AND p.name IS NOT NULL
			GROUP BY p.name ORDER BY signins DESC, p.name LIMIT ?`,
		)
		.all(causeId, ...where.params, limit) as BlockingPolicy[];
}
