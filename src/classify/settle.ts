/**
 * classify → aggregate → store, for one event whose correlation is settled: the part of the
 * spine after correlate, the same in the main thread and in a reader thread.
 */
import type {Pending} from '../correlate/correlator.js';
import type {AuthEvent} from '../extract/event.js';
import type {Pseudonymizer} from '../privacy/pseudonymizer.js';
import type {RunSummary} from '../aggregate/run-summary.js';
import type {StageClock} from '../util/stage-clock.js';
import type {CauseMatch, RulesEngine} from './engine.js';

export interface SettleSteps {
	engine: RulesEngine;
	pseudonymizer?: Pseudonymizer;
	summary: RunSummary;
	store: {addEvent(key: bigint, sourceId: number, event: AuthEvent, causes: readonly CauseMatch[]): void};
	clock?: StageClock;
}

export function settler({engine, pseudonymizer, summary, store, clock}: SettleSteps): (pending: Pending) => void {
	return ({event, key, sourceId}) => {
		const causes = engine.classify(event);
		if (pseudonymizer) {
			// After the rules, which may need the real UPN (#EXT#); their evidence quotes values too.
			pseudonymizer.event(event);
			for (const cause of causes) cause.evidence = cause.evidence.map((e) => pseudonymizer.text(e)!);
		}
		clock?.lap('classify');
		summary.addEvent(event, causes);
		clock?.lap('aggregate');
		store.addEvent(key, sourceId, event, causes);
		clock?.lap('store');
	};
}
