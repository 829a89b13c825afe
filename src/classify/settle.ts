/**
 * The classify step for one event whose correlation is settled: the rules, then the
 * pseudonyms (after the rules, which may need the real UPN, #EXT#; their evidence quotes
 * values too).
 */
import type {AuthEvent} from '../extract/event.js';
import type {Pseudonymizer} from '../privacy/pseudonymizer.js';
import type {CauseMatch, RulesEngine} from './engine.js';

export function classifyEvent(engine: RulesEngine, pseudonymizer: Pseudonymizer | undefined, event: AuthEvent): CauseMatch[] {
	const causes = engine.classify(event);
	if (pseudonymizer) {
		const userId = event.who.userId;
		pseudonymizer.event(event);
		for (const cause of causes) cause.evidence = cause.evidence.map((e) => pseudonymizer.text(e, userId)!);
	}
	return causes;
}
