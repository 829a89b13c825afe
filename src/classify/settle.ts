/**
 * classify → aggregate → store, for one event whose correlation is settled, and aggregate →
 * store for a record that could not be read: the part of the spine after correlate, the
 * same in the main thread and in a reader thread.
 */
import type {Pending} from '../correlate/correlator.js';
import type {AuthEvent, RecordSource} from '../extract/event.js';
import type {Pseudonymizer} from '../privacy/pseudonymizer.js';
import type {RunSummary} from '../aggregate/run-summary.js';
import type {StageClock} from '../util/stage-clock.js';
import type {CauseMatch, RulesEngine} from './engine.js';

/** Where rows go: the StoreWriter, or a reader thread's BatchBuilder. */
export interface RowStore {
	addEvent(key: bigint, sourceId: number, event: AuthEvent, causes: readonly CauseMatch[]): void;
	addReject(sourceId: number, line: number, item: number | undefined, reason: string, excerpt: string, path?: string): void;
}

export interface SettleSteps {
	engine: RulesEngine;
	pseudonymizer?: Pseudonymizer;
	summary: RunSummary;
	store: RowStore;
	clock?: StageClock;
}

export function settler({engine, pseudonymizer, summary, store, clock}: SettleSteps): (pending: Pending) => void {
	return ({event, key, sourceId}) => {
		const causes = engine.classify(event);
		if (pseudonymizer) {
			// After the rules, which may need the real UPN (#EXT#); their evidence quotes values too.
			const userId = event.who.userId;
			pseudonymizer.event(event);
			for (const cause of causes) cause.evidence = cause.evidence.map((e) => pseudonymizer.text(e, userId)!);
		}
		clock?.lap('classify');
		summary.addEvent(event, causes);
		clock?.lap('aggregate');
		store.addEvent(key, sourceId, event, causes);
		clock?.lap('store');
	};
}

/**
 * Bad input is counted and kept, never dropped: in the run's totals and the rejects table
 * (the excerpt pseudonymized like the events; the store redacts it).
 */
export function rejectKeeper({pseudonymizer, summary, store}: Omit<SettleSteps, 'engine' | 'clock'>): (sourceId: number, source: RecordSource, reason: string, excerpt: string) => void {
	return (sourceId: number, source: RecordSource, reason: string, excerpt: string): void => {
		// The summary is only printed, and printed text is redacted (a file's name can hold a SAS signature).
		summary.addReject(source.file, source.line, source.index, reason);
		store.addReject(sourceId, source.line, source.index, reason, pseudonymizer?.text(excerpt) ?? excerpt, source.file);
	};
}
