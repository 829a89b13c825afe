/**
 * The incident step of the spine, between tokens and correlate: the app records of one
 * failed request are grouped, so the evidence that decides a cause (a token logged on the
 * line before the error, the grant logged while polling, the 401 after it) reaches the rule
 * together with the error. A group that holds a failure leaves as one event (merge.ts); a
 * group without one leaves as the records it holds, unchanged.
 *
 * A record joins an open group of its source when
 *   - it shares an id with it (trace, request, correlation, activity, span id) within a minute
 *     (whatever other ids either logged), or
 *   - it follows the group's last record in the same lane (thread or scope, when the log names
 *     one) within a few seconds (or a few records, when the log has no times), logs no id that
 *     contradicts the group's, and is not the group's failure again (the same codes twice are
 *     two failures) nor a second coded error (AADSTS, IDX) beside the group's.
 * Access-log lines are each their own request: they join only by id. A success joins nothing:
 * it leaves as it is and ends the groups it shares an id with and its lane's (their request is over).
 *
 * Memory stays flat: a group holds at most maxRecords records and maxBytes of text, at most
 * maxOpen groups are open, and a group closes once idle (a minute of log time, or idleRecords
 * records later). The grouping depends only on the order of the records within one source,
 * so it is the same at every chunk size and in every file order.
 */
import type {Pending} from '../correlate/correlator.js';
import {type IdKind, type RecordContext, recordContext} from './context.js';
import {mergeIncident} from './merge.js';

export interface GrouperLimits {
	maxRecords?: number;
	maxBytes?: number;
	maxOpen?: number;
}

/** Log time within which records that share an id are one request. */
const idWindowMs = 60_000;
/** Log time within which the next record of the same lane is still the same request. */
const adjacentMs = 5_000;
/** Without times: how many records later the next record of the lane may come. */
const adjacentRecords = 3;
/** A group nothing joined for this many records is closed. */
const idleRecords = 256;
/** Records before a failure that can be its evidence: older ones of a group that has not failed leave as they are. */
const maxLead = 8;

interface Member {
	pending: Pending;
	context: RecordContext;
}

interface Group {
	members: Member[];
	ids: Map<IdKind, string>;
	lane: string;
	lastTime?: number;
	lastSeq: number;
	bytes: number;
	failed: boolean;
	/** Failure signatures already in the group. */
	signatures: Set<string>;
	/** It holds a record with an AADSTS or IDX code. */
	coded: boolean;
	/** Only an id can add to it: a success ended it, or it is an access-log line. */
	sealed: boolean;
}

export class IncidentGrouper {
	private open: Group[] = [];
	private seq = 0;
	private readonly maxRecords: number;
	private readonly maxBytes: number;
	private readonly maxOpen: number;

	constructor(limits: GrouperLimits = {}) {
		this.maxRecords = limits.maxRecords ?? 64;
		this.maxBytes = limits.maxBytes ?? 256 * 1024;
		this.maxOpen = limits.maxOpen ?? 64;
	}

	/** One record's event in; the events of the groups it closed out (often none, sometimes several). */
	add(pending: Pending): Pending[] {
		const out: Pending[] = [];
		if (pending.event.kind !== 'app') {
			out.push(pending); // sign-ins are whole records: nothing to group
			return out;
		}
		const seq = ++this.seq;
		const context = recordContext(pending.event);
		this.closeIdle(seq, context.time, out);
		if (context.success) {
			// The request is over (or its retry worked): it ends what it shares an id with, and its lane's group.
			this.closeFinished(context, out);
			out.push(pending);
			return out;
		}
		const target = this.groupById(seq, context) ?? this.adjacentGroup(seq, context);
		if (target) {
			this.join(target, pending, context, seq);
			if (!target.failed && target.members.length > maxLead) dropOldest(target, out);
			if (target.members.length >= this.maxRecords || target.bytes >= this.maxBytes) this.close(target, out);
		} else {
			const group: Group = {
				members: [],
				ids: new Map(),
				lane: context.lane,
				lastSeq: seq,
				bytes: 0,
				failed: false,
				signatures: new Set(),
				coded: false,
				sealed: context.accessLog,
			};
			this.join(group, pending, context, seq);
			this.open.push(group);
			if (this.open.length > this.maxOpen) this.close(this.open[0], out);
		}
		return out;
	}

	/** The end of a source: every open group, in the order they opened. */
	end(): Pending[] {
		const out: Pending[] = [];
		for (const group of this.open) emit(group, out);
		this.open = [];
		return out;
	}

	/** The latest open group that shares an id with the record. */
	private groupById(seq: number, context: RecordContext): Group | undefined {
		if (context.ids.size === 0) return undefined;
		for (let i = this.open.length - 1; i >= 0; i--) {
			const group = this.open[i];
			// The same failure again is the same one logged twice only right after it; later, it is a retry that failed too.
			if (context.failure && group.signatures.has(context.signature) && !near(group, context, seq)) continue;
			// A shared id wins over a different one of another kind: MSAL's correlation id spans the silent
			// attempt and the interactive one, each with its own STS trace id.
			if (sharesId(group, context) && withinMs(group, context, idWindowMs)) return group;
		}
		return undefined;
	}

	/** The latest open group of the record's lane, when the record continues it. */
	private adjacentGroup(seq: number, context: RecordContext): Group | undefined {
		if (context.accessLog) return undefined;
		let latest: Group | undefined;
		for (const group of this.open) if (group.lane === context.lane && (latest === undefined || group.lastSeq > latest.lastSeq)) latest = group;
		if (latest === undefined || latest.sealed || conflicts(latest, context)) return undefined;
		if (context.failure && latest.signatures.has(context.signature)) return undefined;
		// Two coded errors side by side are two failures (a busy log's neighbours), unless an id joins them;
		// a record that only adds a status or a challenge (the 401 after an IDX error) is the same one's.
		if (context.coded && latest.coded) return undefined;
		return near(latest, context, seq) ? latest : undefined;
	}

	private join(group: Group, pending: Pending, context: RecordContext, seq: number): void {
		group.members.push({pending, context});
		for (const [kind, value] of context.ids) if (!group.ids.has(kind)) group.ids.set(kind, value);
		if (context.time !== undefined) group.lastTime = context.time;
		group.lastSeq = seq;
		group.bytes += pending.event.message?.length ?? 0;
		if (context.coded) group.coded = true;
		if (context.failure) {
			group.failed = true;
			group.signatures.add(context.signature);
		}
	}

	/** A success closes the groups it shares an id with; its lane's groups take no more neighbours. */
	private closeFinished(context: RecordContext, out: Pending[]): void {
		const keep: Group[] = [];
		for (const group of this.open) {
			if (sharesId(group, context)) emit(group, out);
			else {
				if (group.lane === context.lane) group.sealed = true;
				keep.push(group);
			}
		}
		this.open = keep;
	}

	/** Groups nothing can join any more: a minute of log time past their last record, or many records later. */
	private closeIdle(seq: number, time: number | undefined, out: Pending[]): void {
		if (this.open.length === 0) return;
		const idle = (g: Group): boolean => seq - g.lastSeq > idleRecords || (time !== undefined && g.lastTime !== undefined && time - g.lastTime > idWindowMs);
		if (!this.open.some(idle)) return;
		const keep: Group[] = [];
		for (const group of this.open) {
			if (idle(group)) emit(group, out);
			else keep.push(group);
		}
		this.open = keep;
	}

	private close(group: Group, out: Pending[]): void {
		this.open.splice(this.open.indexOf(group), 1);
		emit(group, out);
	}
}

function emit(group: Group, out: Pending[]): void {
	if (!group.failed || group.members.length === 1) for (const member of group.members) out.push(member.pending);
	else out.push(mergeIncident(group.members.map((m) => m.pending)));
}

/** The oldest record of a group without a failure leaves unchanged; the group's ids are those of the rest. */
function dropOldest(group: Group, out: Pending[]): void {
	const oldest = group.members.shift()!;
	out.push(oldest.pending);
	group.bytes -= oldest.pending.event.message?.length ?? 0;
	group.ids = new Map();
	for (const member of group.members) for (const [kind, value] of member.context.ids) if (!group.ids.has(kind)) group.ids.set(kind, value);
}

function sharesId(group: Group, context: RecordContext): boolean {
	for (const [kind, value] of context.ids) if (group.ids.get(kind) === value) return true;
	return false;
}

/** Two different ids of one kind: two requests. Span ids differ between the steps of one request, so they never conflict. */
function conflicts(group: Group, context: RecordContext): boolean {
	for (const [kind, value] of context.ids) {
		if (kind === 'span') continue;
		const own = group.ids.get(kind);
		if (own !== undefined && own !== value) return true;
	}
	return false;
}

/**
 * The record comes right after the group's last one. A log that writes times is judged by
 * them; a record without one next to one with one is not near it.
 */
function near(group: Group, context: RecordContext, seq: number): boolean {
	if (group.lastTime !== undefined && context.time !== undefined) return context.time - group.lastTime <= adjacentMs;
	return group.lastTime === undefined && context.time === undefined && seq - group.lastSeq <= adjacentRecords;
}

function withinMs(group: Group, context: RecordContext, ms: number): boolean {
	return group.lastTime === undefined || context.time === undefined || Math.abs(context.time - group.lastTime) <= ms;
}
