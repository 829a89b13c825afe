/**
 * The rollup's share of one write transaction: the events it stores, counted per group
 * (day, run, kind, outcome, cause, app) and the users per cause and day, written just
 * before COMMIT. So the rollup follows the events as they land, in the same transaction
 * (a killed run leaves both as they were), and the end of a run has nothing left to count.
 *
 * Only when the rollup already holds every earlier event (rollup_state.events_upto is the
 * id just before this transaction's first): otherwise (an older database, a reclassify
 * that emptied it) counting these would count them twice in the views, so they are left
 * to refreshRollup, which catches up from the watermark.
 */
import type {Statement} from 'better-sqlite3';
import type {Db} from './database.js';
import {eventColumns} from './event-rows.js';

const at = (name: (typeof eventColumns)[number]): number => eventColumns.indexOf(name);
const col = {
	runId: at('run_id'), time: at('time'), kind: at('kind'), outcome: at('outcome'), causeId: at('cause_id'),
	appId: at('app_id'), appName: at('app_name'), upn: at('user_principal_name'),
};

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

export class RollupDelta {
	private groups = new Map<string, Group>();
	/** cause id (0: any event) \0 UPN \0 day. */
	private users = new Set<string>();
	private firstId = 0;
	private lastId = 0;
	private readonly upto: Statement;
	private readonly addToGroup: Statement;
	private readonly insertGroup: Statement;
	private readonly insertUser: Statement;
	private readonly moveUpto: Statement;

	constructor(db: Db) {
		this.upto = db.prepare('SELECT events_upto FROM rollup_state').pluck();
		this.addToGroup = db.prepare(`UPDATE event_rollup SET events = events + @events, first_time = min(coalesce(first_time, @first), coalesce(@first, first_time)),
			last_time = max(coalesce(last_time, @last), coalesce(@last, last_time))
			WHERE day = @day AND run_id = @runId AND kind = @kind AND outcome = @outcome AND cause_id IS @causeId AND app_id IS @appId AND app_name IS @appName`);
		this.insertGroup = db.prepare(`INSERT INTO event_rollup (day, run_id, kind, outcome, cause_id, app_id, app_name, events, first_time, last_time)
			VALUES (@day, @runId, @kind, @outcome, @causeId, @appId, @appName, @events, @first, @last)`);
		this.insertUser = db.prepare('INSERT OR IGNORE INTO rollup_users (cause_id, user_principal_name, day) VALUES (?, ?, ?)');
		this.moveUpto = db.prepare('UPDATE rollup_state SET events_upto = ?');
	}

	/** An events row (eventColumns order) just inserted with this id. */
	add(id: number, row: readonly unknown[]): void {
		if (this.firstId === 0) this.firstId = id;
		this.lastId = id;
		const time = row[col.time] as string | null;
		const day = time === null ? '' : time.slice(0, 10);
		const causeId = row[col.causeId] as number | null;
		const appId = row[col.appId] as string | null;
		const appName = row[col.appName] as string | null;
		// \u0001 stands for NULL: no id or name holds it.
		const key = `${day}\0${row[col.runId]}\0${row[col.kind]}\0${row[col.outcome]}\0${causeId ?? '\u0001'}\0${appId ?? '\u0001'}\0${appName ?? '\u0001'}`;
		let group = this.groups.get(key);
		if (group === undefined) {
			group = {day, runId: row[col.runId] as number, kind: row[col.kind] as string, outcome: row[col.outcome] as string, causeId, appId, appName, events: 0, first: time, last: time};
			this.groups.set(key, group);
		} else if (time !== null) {
			if (group.first === null || time < group.first) group.first = time;
			if (group.last === null || time > group.last) group.last = time;
		}
		group.events++;
		const upn = row[col.upn] as string | null;
		if (upn !== null) {
			this.users.add(`0\0${upn}\0${day}`);
			if (causeId !== null) this.users.add(`${causeId}\0${upn}\0${day}`);
		}
	}

	/** Writes the counts (in the open transaction, before COMMIT) when the rollup is current; then starts over. */
	write(): void {
		if (this.firstId !== 0 && (this.upto.get() as number) === this.firstId - 1) {
			for (const group of this.groups.values()) if (this.addToGroup.run(group).changes === 0) this.insertGroup.run(group);
			for (const user of this.users) {
				const [cause, upn, day] = user.split('\0');
				this.insertUser.run(Number(cause), upn, day);
			}
			this.moveUpto.run(this.lastId);
		}
		this.clear();
	}

	/** Forgets the counts (the transaction rolled back). */
	clear(): void {
		this.groups = new Map();
		this.users = new Set();
		this.firstId = 0;
		this.lastId = 0;
	}
}
