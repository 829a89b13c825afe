/**
 * Static checks over a rule set that loaded, beyond the schema: conflicts (two rules with the same
 * evidence), rules that can never fire, codes the catalog does not know, and rules that
 * lose to another rule even on their own examples.
 */

import {requiredCodes} from './compile.js';
import type {RulesEngine} from './engine.js';
import {exampleEvent} from './rule-examples.js';

export interface LintFinding {
	/** The rule id; empty for a file that did not load. */
	rule: string;
	file: string;
	/** Where in the file, for a file that breaks rules/schema.json or the checks after it. */
	line?: number;
	column?: number;
	field?: string;
	severity: 'error' | 'warning';
	problem: string;
}

export function lintRules(engine: RulesEngine): LintFinding[] {
	const findings: LintFinding[] = [];
	const bySelection = new Map<string, string>();
	for (const rule of engine.rules) {
		const add = (severity: LintFinding['severity'], problem: string): void => {
			findings.push({rule: rule.id, file: rule.file, severity, problem});
		};
		for (const selection of rule.match) {
			const key = JSON.stringify(Object.entries(selection).sort(([a], [b]) => a.localeCompare(b)));
			const twin = bySelection.get(key);
			if (twin) add('error', `has the same evidence as rule ${twin}: the two can never be told apart`);
			else bySelection.set(key, rule.id);
			const outcome = selection.outcome;
			const outcomes = outcome === undefined ? [] : Array.isArray(outcome) ? outcome : [outcome];
			if (outcomes.length > 0 && outcomes.every((o) => o !== 'failure' && o !== 'interrupt')) {
				add('error', 'can never fire: only failures and interrupts are classified');
			}
			for (const code of requiredCodes(selection) ?? []) {
				if (!engine.catalog.codes.has(code)) add('warning', `names AADSTS${code}, which the catalog does not know`);
			}
		}
		if (rule.examples.match.length === 0) add('warning', 'has no match example');
		if (rule.examples.noMatch.length === 0) add('warning', 'has no no-match example');
		const outranked = rule.examples.match.filter((example) => engine.classify(exampleEvent(example))[0]?.rule.id !== rule.id);
		if (rule.examples.match.length > 0 && outranked.length === rule.examples.match.length) {
			add('warning', 'is never the most likely cause, even on its own examples (another rule always ranks first)');
		}
	}
	return findings;
}
