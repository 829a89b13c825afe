/**
 * One rule selection → one condition of the intermediate form, for one target. Tests whose
 * answer is the same for every row of the target are decided by the engine itself (see
 * engine-oracle.ts); the rest become per-row tests with the engine's value semantics
 * applied here once, so no renderer has to know them.
 */
import type {Catalog} from '../classify/catalog.js';
import type {Modifier, Selection} from '../classify/rule.js';
import {allOf, always, type Condition, never, not, type ValueModifier} from './condition.js';
import {catalogCodesWhere, engineRegexTest, evaluate, syntheticSignin, withField} from './engine-oracle.js';
import {valueTypeOf} from './sign-in-fields.js';
import type {Reason, TargetProfile} from './target.js';

type Scalar = string | number | boolean;

/** A selection that holds on some rows (with the engine's evidence count), on none, or that the target cannot evaluate. */
export type LoweredSelection = {kind: 'condition'; when: Condition; evidence: number} | {kind: 'never'; reasons: Reason[]} | {kind: 'lossy'; reasons: Reason[]};

interface Key {
	key: string;
	field: string;
	modifier: Modifier;
	values: Scalar[];
}

export function lowerSelection(selection: Selection, target: TargetProfile, catalog: Catalog): LoweredSelection {
	const keys: Key[] = Object.entries(selection).map(([key, expected]) => {
		const [field, modifier = 'eq'] = key.split('|') as [string, Modifier?];
		return {key, field, modifier, values: (Array.isArray(expected) ? expected : [expected]) as Scalar[]};
	});
	const known: Key[] = [];
	const fromCatalog: Key[] = [];
	const perRow: Key[] = [];
	const lossy: Reason[] = [];
	for (const k of keys) {
		const resolution = target.resolve(k.field);
		if (resolution.kind === 'known') known.push(k);
		else if (resolution.kind === 'catalog') fromCatalog.push(k);
		else if (resolution.kind === 'unavailable') lossy.push({...resolution.why, text: `${k.key}: ${resolution.why.text}`});
		else {
			const why = k.values.map((v) => target.unsupported(k.field, k.modifier, v)).find((r) => r !== undefined);
			if (why) lossy.push({...why, text: `${k.key}: ${why.text}`});
			else perRow.push(k);
		}
	}
	// Decided first: a test that fails on every row makes the selection exactly false, whatever else it holds.
	const base = syntheticSignin(target.outcome);
	let knownEvidence = 0;
	if (known.length > 0) {
		const evidence = evaluate(selectionOf(known), {event: base});
		if (evidence === undefined) return {kind: 'never', reasons: failingKnownKeys(known, target, base)};
		knownEvidence = evidence.length;
	}
	if (lossy.length > 0) return {kind: 'lossy', reasons: lossy};
	const parts: Condition[] = [];
	if (fromCatalog.length > 0) parts.push(catalogCondition(fromCatalog, base, catalog));
	for (const k of perRow) parts.push(rowCondition(k, base));
	const twoCodes = needsTwoCodes(perRow);
	if (twoCodes) return {kind: 'never', reasons: [twoCodes]};
	const asWritten = allOf(parts);
	if (asWritten.kind === 'const' && !asWritten.value)
		return {kind: 'never', reasons: [{kind: 'impossible', text: `${perRow.map((k) => k.key).join(', ')}: no value passes the test`}]};
	const when = withoutExcludedCodes(asWritten, target);
	if (when.kind === 'const' && !when.value)
		return {kind: 'never', reasons: [{kind: 'interrupts-only', text: 'matches only codes the query leaves out as expected interrupts'}]};
	return {kind: 'condition', when, evidence: fromCatalog.length + perRow.length + knownEvidence};
}

function selectionOf(keys: Key[]): Selection {
	return Object.fromEntries(keys.map((k) => [k.key, k.values.length === 1 ? k.values[0] : k.values]));
}

/** Which known keys fail, for the report (token keys of a selection stand or fall together). */
function failingKnownKeys(known: Key[], target: TargetProfile, base: ReturnType<typeof syntheticSignin>): Reason[] {
	const reasons: Reason[] = [];
	const tokenKeys = known.filter((k) => k.field.startsWith('token.'));
	const groups = [...known.filter((k) => !k.field.startsWith('token.')).map((k) => [k]), ...(tokenKeys.length > 0 ? [tokenKeys] : [])];
	for (const group of groups) {
		if (evaluate(selectionOf(group), {event: base}) !== undefined) continue;
		const resolution = target.resolve(group[0].field);
		const why = resolution.kind === 'known' ? resolution.why : {kind: 'app-evidence' as const, text: 'never holds'};
		reasons.push({...why, text: `${group.map((k) => k.key).join(', ')}: ${why.text}`});
	}
	return reasons;
}

/** `catalog.*` keys: the codes whose catalog entry satisfies them all. */
function catalogCondition(keys: Key[], base: ReturnType<typeof syntheticSignin>, catalog: Catalog): Condition {
	const {codes, withoutEntry} = catalogCodesWhere(selectionOf(keys), base, catalog.codes.values());
	if (!withoutEntry) return codes.length === 0 ? never : {kind: 'code-in', codes, negated: false};
	const failing = [...catalog.codes.keys()].filter((code) => !codes.includes(code));
	return failing.length === 0 ? always : {kind: 'code-in', codes: failing, negated: true};
}

function rowCondition(k: Key, base: ReturnType<typeof syntheticSignin>): Condition {
	const type = valueTypeOf(k.field);
	if (k.modifier === 'exists') {
		const present: Condition = {kind: 'present', field: k.field, type};
		return k.values[0] === true ? present : not(present);
	}
	if (type === 'boolean') return booleanCondition(k, base);
	const anyValue = (modifier: ValueModifier, values: Array<string | number>): Condition =>
		values.length === 0 ? never : {kind: 'test', field: k.field, type: type === 'number' ? 'number' : 'text', modifier, values};
	const text = (v: Scalar): string => String(v);
	switch (k.modifier) {
		case 'eq':
			if (type === 'number')
				return anyValue(
					'eq',
					k.values.map(asInteger).filter((n): n is number => n !== undefined),
				);
			// Extractors never keep an empty text (json-values.ts text()): `eq: ''` cannot hold.
			return anyValue(
				'eq',
				k.values.map(text).filter((v) => v !== ''),
			);
		case 'gt':
		case 'gte':
		case 'lt':
		case 'lte':
			// The engine compares numbers only: a text field never satisfies them.
			return type === 'number' ? anyValue(k.modifier, k.values as number[]) : never;
		case 'contains':
		case 'startswith':
		case 'endswith':
			return guardEmpty(
				k,
				anyValue(k.modifier, k.values.map(text)),
				k.values.some((v) => text(v) === ''),
				type,
			);
		case 're':
			return guardEmpty(
				k,
				anyValue('re', k.values.map(String)),
				k.values.some((v) => engineRegexTest(String(v), '')),
				type,
			);
	}
}

/** A test an empty text would pass (contains '', `a*`) must still need a value, as the engine does. */
function guardEmpty(k: Key, test: Condition, matchesEmpty: boolean, type: ReturnType<typeof valueTypeOf>): Condition {
	return matchesEmpty ? allOf([{kind: 'present', field: k.field, type}, test]) : test;
}

/** A boolean has two values: the engine decides the test for each. */
function booleanCondition(k: Key, base: ReturnType<typeof syntheticSignin>): Condition {
	const holds = (value: boolean): boolean => evaluate(selectionOf([k]), {event: withField(base, k.field, value)}) !== undefined;
	const onTrue = holds(true);
	const onFalse = holds(false);
	if (onTrue && onFalse) return {kind: 'present', field: k.field, type: 'boolean'};
	if (onTrue || onFalse) return {kind: 'flag', field: k.field, value: onTrue};
	return never;
}

/** The engine's eq on a number: equal numbers, or the number's decimal text equal to the expected text. */
function asInteger(value: Scalar): number | undefined {
	if (typeof value === 'number') return value;
	if (typeof value === 'string' && String(Number(value)) === value) return Number(value);
	return undefined;
}

/**
 * A sign-in carries ONE AADSTS code: two eq lists on codes.aadsts in one selection must
 * share a code (they share none in token-issuance-password-out-of-sync's fourth selection,
 * written for app logs that quote two codes).
 */
function needsTwoCodes(perRow: Key[]): Reason | undefined {
	const lists = perRow
		.filter((k) => k.field === 'codes.aadsts' && k.modifier === 'eq')
		.map((k) => new Set(k.values.map(asInteger).filter((n) => n !== undefined)));
	if (lists.length < 2) return undefined;
	const shared = [...lists[0]].filter((code) => lists.every((list) => list.has(code)));
	return shared.length === 0
		? {
				kind: 'one-code',
				text: `${perRow
					.filter((k) => k.field === 'codes.aadsts')
					.map((k) => k.key)
					.join(' and ')} need two different codes: a sign-in carries one`,
			}
		: undefined;
}

/** Codes whose rows the target never classifies are taken out of code lists (an emptied list never holds). */
function withoutExcludedCodes(condition: Condition, target: TargetProfile): Condition {
	if (target.excludedCodes.size === 0) return condition;
	if (condition.kind === 'test' && condition.field === 'codes.aadsts' && condition.modifier === 'eq') {
		const values = condition.values.filter((v) => !target.excludedCodes.has(v as number));
		return values.length === 0 ? never : {...condition, values};
	}
	if (condition.kind === 'code-in' && !condition.negated) {
		const codes = condition.codes.filter((code) => !target.excludedCodes.has(code));
		return codes.length === 0 ? never : {...condition, codes};
	}
	if (condition.kind === 'all') return allOf(condition.of.map((c) => withoutExcludedCodes(c, target)));
	return condition;
}
