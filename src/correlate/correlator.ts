/**
 * The correlate step of the spine. An app failure that logged a join id (trace, request,
 * correlation id, token uti) waits until the end of the run, when every sign-in read by
 * this run is in the database too, whatever order the files came in. Then it is joined
 * to its sign-in and enriched, and goes on to classify and store. Waiting is bounded, by
 * count and by the estimated size of all the waiting events hold: past either, the oldest
 * waiting events are joined against what is stored so far.
 */
import type {AuthEvent} from '../extract/event.js';
import type {FoundSignin} from '../store/signin-lookup.js';
import {hasJoinIds} from '../store/signin-lookup.js';
import {enrichWithSignin} from './enrich.js';
import {estimatedBytes} from './pending-size.js';

/** An event on its way to classify and store, with the key the store de-duplicates it by. */
export interface Pending {
	event: AuthEvent;
	key: bigint;
	sourceId: number;
}

/** Where sign-ins are found: the store, which sees every sign-in the run added before it. */
export interface SigninFinder {
	findSignin(event: AuthEvent): FoundSignin | undefined;
}

/** A waiting event and what it holds, estimated once when it starts to wait. */
interface Waiting {
	pending: Pending;
	bytes: number;
}

export interface CorrelatorLimits {
	maxWaiting?: number;
	/** Bytes the waiting events may hold, estimated from all they carry (pending-size.ts). */
	maxWaitingBytes?: number;
}

/** An app failure that logged a join id: it waits for the end of the run to meet its sign-in. */
export function waitsForSignin(event: AuthEvent): boolean {
	return event.kind === 'app' && event.outcome === 'failure' && hasJoinIds(event);
}

const none: readonly Pending[] = [];

export class Correlator {
	private waiting: Waiting[] = [];
	private head = 0;
	private waitingBytes = 0;
	private readonly maxWaiting: number;
	private readonly maxWaitingBytes: number;

	constructor(
		private readonly signins: SigninFinder,
		limits: CorrelatorLimits = {},
	) {
		this.maxWaiting = limits.maxWaiting ?? 20_000;
		this.maxWaitingBytes = limits.maxWaitingBytes ?? 32 * 1024 * 1024;
	}

	/**
	 * Keeps an event that waitsForSignin until the end of the run. Returns the events that
	 * cannot wait any longer (past a bound), joined: usually none.
	 */
	wait(pending: Pending): readonly Pending[] {
		const bytes = estimatedBytes(pending.event);
		this.waiting.push({pending, bytes});
		this.waitingBytes += bytes;
		if (this.waiting.length - this.head <= this.maxWaiting && this.waitingBytes <= this.maxWaitingBytes) return none;
		const joined: Pending[] = [];
		while (this.waiting.length - this.head > this.maxWaiting / 2 || this.waitingBytes > this.maxWaitingBytes / 2)
			joined.push(this.join(this.waiting[this.head++]));
		this.waiting = this.waiting.slice(this.head);
		this.head = 0;
		return joined;
	}

	/**
	 * At the end of the run: every waiting event, joined against everything stored. All are
	 * looked up before any is handed on, so storing them never comes between two lookups.
	 */
	joinAll(): Pending[] {
		const joined: Pending[] = [];
		for (let i = this.head; i < this.waiting.length; i++) joined.push(this.join(this.waiting[i]));
		this.waiting = [];
		this.head = 0;
		this.waitingBytes = 0;
		return joined;
	}

	private join({pending, bytes}: Waiting): Pending {
		this.waitingBytes -= bytes;
		const found = this.signins.findSignin(pending.event);
		if (found) enrichWithSignin(pending.event, found);
		return pending;
	}
}
