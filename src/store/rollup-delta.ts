/**
 * The rollup's counts of the events a writer stores (ids firstId..lastId, no gap), per
 * group (day, run, kind, outcome, cause, app) and the users per cause and day, written
 * inside a write transaction with the rollup_state watermark moved to lastId. So the
 * rollup follows the events as they land and the end of a run has nothing left to count.
 * Counts not written yet (a killed run) only leave the watermark behind: the views count
 * those events live, and refreshRollup catches up.
 *
 * Written only when the rollup already holds every earlier event (the watermark is the id
 * just before firstId): otherwise (an older database, a reclassify that emptied it) these
 * events would be counted twice in the views, so they are left to refreshRollup.
 */
import type {Statement} from 'better-sqlite3';
import type {Db} from './database.js';
import {fullLayout, type RowLayout, slimLayout} from './row-layout.js';

/** Where the rollup reads each of its columns, per row layout (a slim row keeps them all). */
const columnsOf = (layout: RowLayout) => ({
	runId: layout.at('run_id'),
	time: layout.at('time'),
	kind: layout.at('kind'),
	outcome: layout.at('outcome'),
	causeId: layout.at('cause_id'),
	appId: layout.at('app_id'),
	appName: layout.at('app_name'),
	upn: layout.at('user_principal_name'),
});
const columnsByLayout = new Map([fullLayout, slimLayout].map((layout) => [layout, columnsOf(layout)]));

interface Group {
	day: string;
	runId: number;
	kind: string;
	outcome: string;
	causeId: number | null;
	appId: string | null;
	appName: string | null;
	events: number;
	first: string | null;
	last: string | null;
}

/** Nested maps keyed by the row's own strings and numbers: no key string is built per row. */
type Level<T> = Map<unknown, T>;
type Groups = Level<Level<Level<Level<Level<Level<Level<Group>>>>>>>;

export class RollupDelta {
	private groups: Groups = new Map();
	/** day → cause id (0: any event) → UPNs. */
	private users = new Map<string, Map<number, Set<string>>>();
	private firstId = 0;
	private lastId = 0;
	private lastDay = '';
	private readonly upto: Statement;
	private readonly addToGroup: Statement;
	private readonly insertGroup: Statement;
	private readonly insertUser: Statement;
	private readonly moveUpto: Statement;

	constructor(db: Db) {
		this.upto = db.prepare('SELECT events_upto FROM rollup_state').pluck();
		// One row of the group: a group can have several (refreshRollup appends), and adding to each would count twice.
		this.addToGroup =
			db.prepare(`UPDATE event_rollup SET events = events + @events, first_time = min(coalesce(first_time, @first), coalesce(@first, first_time)),
			last_time = max(coalesce(last_time, @last), coalesce(@last, last_time))
			WHERE rowid = (SELECT rowid FROM event_rollup WHERE day = @day AND run_id = @runId AND kind = @kind AND outcome = @outcome
				AND cause_id IS @causeId AND app_id IS @appId AND app_name IS @appName LIMIT 1)`);
		this.insertGroup = db.prepare(`INSERT INTO event_rollup (day, run_id, kind, outcome, cause_id, app_id, app_name, events, first_time, last_time)
			VALUES (@day, @runId, @kind, @outcome, @causeId, @appId, @appName, @events, @first, @last)`);
		this.insertUser = db.prepare('INSERT OR IGNORE INTO rollup_users (cause_id, user_principal_name, day) VALUES (?, ?, ?)');
		this.moveUpto = db.prepare('UPDATE rollup_state SET events_upto = ?');
	}

	/** Events counted and not yet written. */
	get events(): number {
		return this.firstId === 0 ? 0 : this.lastId - this.firstId + 1;
	}

	/** An events row (of `layout`) just inserted with this id. */
	add(id: number, row: readonly unknown[], layout: RowLayout): void {
		const col = columnsByLayout.get(layout) as ReturnType<typeof columnsOf>;
		// Another connection stored events in between: what is counted so far covers the ids
		// before them, and is written now, in this (still open) transaction.
		if (this.firstId !== 0 && id !== this.lastId + 1) this.write();
		if (this.firstId === 0) this.firstId = id;
		this.lastId = id;
		const time = row[col.time] as string | null;
		const day = time === null ? '' : this.dayOf(time);
		const runId = row[col.runId] as number;
		const kind = row[col.kind] as string;
		const outcome = row[col.outcome] as string;
		const causeId = row[col.causeId] as number | null;
		const appId = row[col.appId] as string | null;
		const appName = row[col.appName] as string | null;
		const byApp = below(below(below(below(below(this.groups, day), runId), kind), outcome), causeId);
		const byName = below(byApp, appId) as Level<Group>;
		let group = byName.get(appName);
		if (group === undefined) {
			group = {day, runId, kind, outcome, causeId, appId, appName, events: 0, first: time, last: time};
			byName.set(appName, group);
		} else if (time !== null) {
			if (group.first === null || time < group.first) group.first = time;
			if (group.last === null || time > group.last) group.last = time;
		}
		group.events++;
		const upn = row[col.upn] as string | null;
		if (upn !== null) {
			let causes = this.users.get(day);
			if (causes === undefined) this.users.set(day, (causes = new Map()));
			userSet(causes, 0).add(upn);
			if (causeId !== null) userSet(causes, causeId).add(upn);
		}
	}

	/** Writes the counts (in the open transaction, before COMMIT) when the rollup is current; then starts over. */
	write(): void {
		if (this.firstId !== 0 && (this.upto.get() as number) === this.firstId - 1) {
			for (const group of leaves(this.groups, 7)) if (this.addToGroup.run(group).changes === 0) this.insertGroup.run(group);
			for (const [day, causes] of this.users) for (const [cause, upns] of causes) for (const upn of upns) this.insertUser.run(cause, upn, day);
			this.moveUpto.run(this.lastId);
		}
		this.clear();
	}

	/** Forgets the counts (the transaction rolled back). */
	clear(): void {
		this.groups = new Map();
		this.users = new Map();
		this.firstId = 0;
		this.lastId = 0;
	}

	/** Rows mostly come in time order: most share the previous row's day, and reuse its string (no slice, its hash cached). */
	private dayOf(time: string): string {
		if (this.lastDay.length !== 10 || !time.startsWith(this.lastDay)) this.lastDay = time.slice(0, 10);
		return this.lastDay;
	}
}

function below<T>(level: Level<T>, key: unknown): T {
	let next = level.get(key);
	if (next === undefined) level.set(key, (next = new Map() as T));
	return next;
}

function userSet(causes: Map<number, Set<string>>, cause: number): Set<string> {
	let set = causes.get(cause);
	if (set === undefined) causes.set(cause, (set = new Set()));
	return set;
}

function* leaves(level: Level<unknown>, depth: number): Generator<Group> {
	for (const next of level.values()) {
		if (depth === 1) yield next as Group;
		else yield* leaves(next as Level<unknown>, depth - 1);
	}
}
