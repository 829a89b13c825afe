/**
 * The UTC days a sign-in behind an app event can be on, as an SQL list for the day-led id
 * indexes (schema migration 11): from the day after the app event (clocks differ) to 8 days
 * before it. An access token lives an hour or so, at most about a day; a week covers a
 * token replayed long after it expired. An app event with no time is looked up on every day.
 */
import type {Db} from './database.js';

const offsets = ['+1 day', '+0 days', ...Array.from({length: 8}, (_, i) => `-${i + 1} day${i === 0 ? '' : 's'}`)];

/** `time`: an SQL expression of the app event's time (a column or a parameter). */
export function dayWindow(time: string): string {
	return offsets.map((offset) => `date(${time}, '${offset}')`).join(', ');
}

/** The day an events row's time is on, as the day-led indexes spell it. */
export const dayOf = (table: string): string => `substr(${table}.time, 1, 10)`;

/**
 * The planner probes a day-led index by id alone one day at a time (skip-scan) only with
 * statistics. A database never analyzed (its first run; one just upgraded) gets sampled ones.
 */
export function ensurePlannerStatistics(db: Db): void {
	const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").pluck().get() === 1;
	if (hasTable && db.prepare("SELECT 1 FROM sqlite_stat1 WHERE idx = 'events_by_correlation'").pluck().get() === 1) return;
	// Sampled (a few ms on 10M events), and only these indexes: the others keep what they have.
	db.exec('PRAGMA analysis_limit = 1000; ANALYZE events_by_correlation; ANALYZE events_by_request_id; ANALYZE events_by_uti');
}
