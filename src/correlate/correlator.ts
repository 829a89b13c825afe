/**
 * The correlate step of the spine. An app failure that logged a join id (trace, request,
 * correlation id, token uti) waits until the end of the run, when every sign-in read by
 * this run is in the database too, whatever order the files came in. Then it is joined
 * to its sign-in, enriched, and handed on to classify and store. Waiting is bounded, by
 * count and by the estimated size of all the waiting events hold: past either, the oldest
 * waiting events are joined against what is stored so far.
 */
import type {AuthEvent} from '../extract/event.js';
import {enrichWithSignin} from './enrich.js';
import {hasJoinIds, type SigninLookup} from './signin-lookup.js';
import {estimatedBytes} from './pending-size.js';

export interface Pending {
	event: AuthEvent;
	key: bigint;
	sourceId: number;
}

/** A waiting event and what it holds, estimated once when it starts to wait. */
interface Waiting {
	pending: Pending;
	bytes: number;
}

export interface CorrelatorOptions {
	/** Classify, aggregate and store one event. */
	settle: (pending: Pending) => void;
	/** Write what the store has buffered, so lookups see it. */
	flushStore: () => void;
	maxWaiting?: number;
	/** Bytes the waiting events may hold, estimated from all they carry (pending-size.ts). */
	maxWaitingBytes?: number;
}

/** An app failure that logged a join id: it waits for the end of the run to meet its sign-in. */
export function waitsForSignin(event: AuthEvent): boolean {
	return event.kind === 'app' && event.outcome === 'failure' && hasJoinIds(event);
}

export class Correlator {
	private waiting: Waiting[] = [];
	private head = 0;
	private waitingBytes = 0;
	private readonly maxWaiting: number;
	private readonly maxWaitingBytes: number;

	constructor(private readonly lookup: SigninLookup, private readonly options: CorrelatorOptions) {
		this.maxWaiting = options.maxWaiting ?? 20_000;
		this.maxWaitingBytes = options.maxWaitingBytes ?? 32 * 1024 * 1024;
	}

	/** Settles the event now, or keeps it for the end of the run when it can be joined. */
	add(pending: Pending): void {
		const {event} = pending;
		if (!waitsForSignin(event)) {
			this.options.settle(pending);
			return;
		}
		const bytes = estimatedBytes(event);
		this.waiting.push({pending, bytes});
		this.waitingBytes += bytes;
		if (this.waiting.length - this.head > this.maxWaiting || this.waitingBytes > this.maxWaitingBytes) {
			this.options.flushStore();
			while (this.waiting.length - this.head > this.maxWaiting / 2 || this.waitingBytes > this.maxWaitingBytes / 2) this.resolve(this.waiting[this.head++]);
			this.waiting = this.waiting.slice(this.head);
			this.head = 0;
		}
	}

	/** At the end of the run: every waiting event, joined against everything stored. */
	resolveAll(): void {
		this.options.flushStore();
		for (let i = this.head; i < this.waiting.length; i++) this.resolve(this.waiting[i]);
		this.waiting = [];
		this.head = 0;
		this.waitingBytes = 0;
	}

	private resolve({pending, bytes}: Waiting): void {
		this.waitingBytes -= bytes;
		const found = this.lookup.find(pending.event);
		if (found) enrichWithSignin(pending.event, found);
		this.options.settle(pending);
	}
}
