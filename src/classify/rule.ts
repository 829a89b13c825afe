/**
 * A rule as written in rules/*.yaml, validated. One rule = one root cause. Its shape is
 * rules/schema.json (editors check it as people type); this is the same shape as types.
 *
 *   id: wrong-credentials            # stable cause id
 *   title: Wrong user name or password
 *   level: low                       # info | low | medium | high | critical
 *   confidence: 0.9                  # how sure the evidence makes us, 0..1
 *   who: user                        # user | admin | developer | microsoft
 *   fix: ...                         # what to do, in our words
 *   references: [https://...]
 *   match:                           # keys ANDed; a list value = any of; a list of maps = any map
 *     codes.aadsts: 50126
 *   unless: {...}                    # optional: the rule does not apply when this matches
 *   examples: {match: [...], no-match: [...]}   # partial events; `aadlog rules test` runs them
 */
import type {Actor} from './catalog.js';
import {type FieldPath, FileProblemsError, type Finding, placeFindings} from './file-problems.js';
import {linearRegex} from './linear-regex.js';
import {schemaFindings} from './rule-schema.js';

/** The schema's enum as a type (test/rule-schema.test.ts checks the two agree). */
export const levels = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Level = (typeof levels)[number];

/** `field|modifier: value(s)` — the keys of a selection. */
export type Selection = Record<string, unknown>;

export interface Rule {
	id: string;
	title: string;
	level: Level;
	confidence: number;
	who: Actor;
	fix: string;
	references: string[];
	match: Selection[];
	unless: Selection[];
	examples: {match: unknown[]; noMatch: unknown[]};
	/** The file it came from, for error messages and `rules list`. */
	file: string;
}

export {type Modifier, matchableFields, modifiers} from './rule-fields.js';

/**
 * The rule as loaded: rules/schema.json first (keys, types, levels, the fields a rule may
 * test and their modifiers), then what a schema cannot say (regexes aadlog can run). Every finding
 * of the file comes back, not only the first. `schema: false` is for data that passed the
 * schema already (the rules pack is built only from files that do).
 */
export function checkRule(data: unknown, options: {schema?: boolean} = {}): {rule?: Rule; findings: Finding[]} {
	const findings = options.schema === false ? [] : schemaFindings(data, 'rule');
	if (data === null || typeof data !== 'object' || Array.isArray(data)) {
		return {findings: findings.length > 0 ? findings : [{path: [], problem: 'must be a mapping of rule fields'}]};
	}
	const r = data as Record<string, unknown>;
	findings.push(...selectionFindings(r.match, 'match'), ...selectionFindings(r.unless, 'unless'));
	if (findings.length > 0) return {findings};
	const examples = (r.examples ?? {}) as Record<string, unknown[] | undefined>;
	const rule: Rule = {
		id: r.id as string,
		title: (r.title as string).trim(),
		level: r.level as Level,
		confidence: r.confidence as number,
		who: r.who as Actor,
		fix: (r.fix as string).trim(),
		references: (r.references ?? []) as string[],
		match: asList(r.match),
		unless: asList(r.unless),
		examples: {match: examples.match ?? [], noMatch: examples['no-match'] ?? []},
		file: '',
	};
	return {rule, findings};
}

/** A rule from data, or an error naming every problem (with lines when the source text is given). */
export function validateRule(data: unknown, file: string, source?: string): Rule {
	const {rule, findings} = checkRule(data);
	if (rule === undefined) throw new FileProblemsError('ERR_RULE_INVALID', placeFindings(file, source, findings));
	return {...rule, file};
}

function asList(value: unknown): Selection[] {
	return value === undefined ? [] : ((Array.isArray(value) ? value : [value]) as Selection[]);
}

/** The check after the schema (regexes aadlog can run), on whatever selections are mappings. */
function selectionFindings(value: unknown, field: string): Finding[] {
	const findings: Finding[] = [];
	const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
	list.forEach((selection, i) => {
		if (selection === null || typeof selection !== 'object' || Array.isArray(selection)) return;
		const where: FieldPath = Array.isArray(value) ? [field, i] : [field];
		for (const [key, expected] of Object.entries(selection as Selection)) {
			if (key.split('|')[1] !== 're') continue;
			for (const [j, pattern] of (Array.isArray(expected) ? expected : [expected]).entries()) {
				if (typeof pattern !== 'string') continue;
				try {
					linearRegex(pattern);
				} catch (error) {
					// The linear-time engine refuses backreferences and lookaround: a rule can't hang a run.
					const path = Array.isArray(expected) ? [...where, key, j] : [...where, key];
					findings.push({
						path,
						problem: `is not a regular expression aadlog can run in linear time (no backreferences or lookaround): ${(error as Error).message}`,
					});
				}
			}
		}
	});
	return findings;
}
