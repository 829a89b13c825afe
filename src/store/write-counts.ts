/**
 * What a writer committed: events new to the database and events it already held, and of
 * the new ones, how many per outcome and kind. A run reads records it may have stored
 * before (a re-run, the same sign-in in two exports); these say what the run added.
 */
import type {Outcome} from '../extract/event.js';

export interface WriteCounts {
	/** Events new to the database, and events it already held. */
	stored: number;
	duplicates: number;
	/** The new events per outcome and per kind. */
	newOutcomes: Record<Outcome, number>;
	newKinds: {signin: number; app: number};
	/** Rejected records new to the rejects table (the same broken record read again is kept once). */
	newRejects: number;
	/** Time spent writing and committing (for AADLOG_PROFILE). */
	seconds: number;
}

export function emptyCounts(): WriteCounts {
	return {
		stored: 0,
		duplicates: 0,
		newOutcomes: {success: 0, failure: 0, interrupt: 0, unknown: 0},
		newKinds: {signin: 0, app: 0},
		newRejects: 0,
		seconds: 0,
	};
}

/** a + b, as a new object (neither is changed). */
export function sumCounts(a: WriteCounts, b: WriteCounts): WriteCounts {
	const sum = emptyCounts();
	for (const c of [a, b]) {
		sum.stored += c.stored;
		sum.duplicates += c.duplicates;
		sum.newRejects += c.newRejects;
		sum.seconds += c.seconds;
		for (const o of Object.keys(sum.newOutcomes) as Outcome[]) sum.newOutcomes[o] += c.newOutcomes[o];
		sum.newKinds.signin += c.newKinds.signin;
		sum.newKinds.app += c.newKinds.app;
	}
	return sum;
}
