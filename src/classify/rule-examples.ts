/**
 * Runs every rule's own examples through the whole engine: a `match` example must get the
 * rule among its causes, a `no-match` example must not. `aadlog rules test` and `npm test`
 * both use this, so a rule cannot ship with examples that disagree with it.
 */
import {readFileSync} from 'node:fs';
import {policyFromRuleValue} from '../extract/ca-policies.js';
import type {AuthEvent, CaPolicy} from '../extract/event.js';
import {newEvent} from '../extract/event.js';
import type {RulesEngine} from './engine.js';
import {placeFindings} from './file-problems.js';

export interface ExampleFailure {
	rule: string;
	file: string;
	/** Where the example is in the rule's file (absent for a rule built in code, with no file to read). */
	line?: number;
	column?: number;
	/** `examples.match[0]`: the same field path as a schema problem. */
	field: string;
	kind: 'match' | 'no-match';
	index: number;
	problem: string;
}

/** Builds an event from a rule example: a partial event; outcome defaults to failure. */
export function exampleEvent(example: unknown): AuthEvent {
	const event = newEvent('signin', {file: '(example)', line: 0});
	event.outcome = 'failure';
	if (example === null || typeof example !== 'object') return event;
	const partial = example as Record<string, unknown>;
	for (const [key, value] of Object.entries(partial)) {
		const target = (event as unknown as Record<string, unknown>)[key];
		if (target !== null && typeof target === 'object' && !Array.isArray(target) && value !== null && typeof value === 'object') {
			Object.assign(target, value);
		} else {
			(event as unknown as Record<string, unknown>)[key] = value;
		}
	}
	if (!Array.isArray(event.codes.aadsts)) event.codes.aadsts = [event.codes.aadsts as unknown as number];
	if (!Array.isArray(event.codes.idx)) event.codes.idx = [event.codes.idx as unknown as string];
	if ('token' in partial) event.tokens = [partial.token as never];
	// An example lists policies as rules compare them, "name:result".
	const policies = event.signin?.caPolicies as unknown[] | undefined;
	if (event.signin && Array.isArray(policies))
		event.signin.caPolicies = policies.map((p) => (typeof p === 'string' ? policyFromRuleValue(p) : (p as CaPolicy)));
	return event;
}

export function runExamples(engine: RulesEngine): {checked: number; failures: ExampleFailure[]} {
	const failures: ExampleFailure[] = [];
	let checked = 0;
	for (const rule of engine.rules) {
		for (const [kind, list] of [
			['match', rule.examples.match],
			['no-match', rule.examples.noMatch],
		] as const) {
			list.forEach((example, index) => {
				checked++;
				const causes = engine.classify(exampleEvent(example)).map((c) => c.rule.id);
				const fits = causes.includes(rule.id);
				const fail = (problem: string): void => {
					const [placed] = placeFindings(rule.file, sourceOf(rule.file), [{path: ['examples', kind, index], problem}]);
					failures.push({rule: rule.id, ...placed, kind, index});
				};
				if (kind === 'match' && !fits) fail(`did not match (causes: ${causes.join(', ') || 'none'})`);
				if (kind === 'no-match' && fits) fail('matched but must not');
			});
		}
	}
	return {checked, failures};
}

function sourceOf(file: string): string | undefined {
	try {
		return readFileSync(file, 'utf8');
	} catch {
		return undefined;
	}
}
