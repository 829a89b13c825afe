/**
 * A batch's events as they cross to the writer thread: one row array per event (in
 * table order: row-layout.ts), with the matched causes, the tokens used and the Conditional
 * Access policies listed after, each
 * naming its row. Rows cost no more than columns for whole runs: the 100 MB benchmark took
 * 2.97-3.13 s of CPU with columns and 2.98-3.18 s with rows (4 alternating runs each).
 */
import type {EventRows} from './event-rows.js';
import {policyWidth} from './policy-rows.js';

export interface EventBatch {
	/** Each event's row: every column, or a successful sign-in's slim ones (row-layout.ts). */
	rows: unknown[][];
	/** The matched causes in row order, most likely first within a row: the row, the cause id, the evidence. */
	causeRow: number[];
	causeId: number[];
	evidence: string[];
	/** The tokens used, in row order: the row, and what EventRows says of the token. */
	tokenRow: number[];
	tokens: EventRows['tokens'];
	/** The Conditional Access policy rows, in row order: the row, and the columns after event_id. */
	policyRow: number[];
	/** policyWidth values per policy, in policyRow's order. */
	policies: unknown[];
}

export class EventBatchBuilder {
	private events = emptyBatch();

	get rows(): number {
		return this.events.rows.length;
	}

	add({event, causes, tokens, policies}: EventRows): void {
		const {events} = this;
		const row = events.rows.length;
		events.rows.push(event);
		for (const [id, evidence] of causes) {
			events.causeRow.push(row);
			events.causeId.push(id);
			events.evidence.push(evidence);
		}
		for (const token of tokens) {
			events.tokenRow.push(row);
			events.tokens.push(token);
		}
		for (let at = 0; at < policies.length; at += policyWidth) events.policyRow.push(row);
		for (const value of policies) events.policies.push(value);
	}

	/** The events added since the last take. */
	take(): EventBatch {
		const {events} = this;
		this.events = emptyBatch();
		return events;
	}
}

function emptyBatch(): EventBatch {
	return {rows: [], causeRow: [], causeId: [], evidence: [], tokenRow: [], tokens: [], policyRow: [], policies: []};
}
