/**
 * The intermediate form every target renders: a rule selection lowered to a boolean
 * condition over sign-in FIELDS (not columns), with the engine's value semantics already
 * applied (expected text lower-cased, numbers normalized, booleans and catalog look-ups
 * decided). KQL and SQL differ only in how they spell a field and a test, so one form
 * serves both, and a test of the SQL rendering checks the form the KQL comes from.
 */
import type {ValueType} from './sign-in-fields.js';

/** A value test the target must evaluate per row; `values` are any-of. */
export type ValueModifier = 'eq' | 'contains' | 'startswith' | 'endswith' | 're' | 'gt' | 'gte' | 'lt' | 'lte';

export type Condition =
	| {kind: 'const'; value: boolean}
	| {kind: 'all'; of: Condition[]}
	| {kind: 'any'; of: Condition[]}
	| {kind: 'not'; of: Condition}
	/**
	 * Text fields: `values` are text as the rule wrote it (patterns for `re`), compared case-insensitively
	 * as the engine does (it lower-cases both sides; SQL must too, KQL has case-insensitive operators).
	 * Number fields: eq and gt..lte compare numbers; contains/startswith/endswith/re test the number's decimal text.
	 */
	| {kind: 'test'; field: string; type: 'text' | 'number'; modifier: ValueModifier; values: Array<string | number>}
	/** The field has a value (the engine's `exists: true`). */
	| {kind: 'present'; field: string; type: ValueType}
	/** A boolean field has this value (a test the engine decided for true and for false). */
	| {kind: 'flag'; field: string; value: boolean}
	/** The primary AADSTS code is one of `codes` (negated: is none of them, or there is none). */
	| {kind: 'code-in'; codes: number[]; negated: boolean};

export const always: Condition = {kind: 'const', value: true};
export const never: Condition = {kind: 'const', value: false};

export function allOf(conditions: Condition[]): Condition {
	const of: Condition[] = [];
	for (const c of conditions) {
		if (c.kind === 'const') {
			if (!c.value) return never;
			continue;
		}
		if (c.kind === 'all') of.push(...c.of);
		else of.push(c);
	}
	return of.length === 0 ? always : of.length === 1 ? of[0] : {kind: 'all', of};
}

export function anyOf(conditions: Condition[]): Condition {
	const of: Condition[] = [];
	for (const c of conditions) {
		if (c.kind === 'const') {
			if (c.value) return always;
			continue;
		}
		if (c.kind === 'any') of.push(...c.of);
		else of.push(c);
	}
	return of.length === 0 ? never : of.length === 1 ? of[0] : {kind: 'any', of};
}

export function not(condition: Condition): Condition {
	if (condition.kind === 'const') return {kind: 'const', value: !condition.value};
	if (condition.kind === 'not') return condition.of;
	return {kind: 'not', of: condition};
}

/** Fields a condition reads: targets prepare only the derived columns a query needs. */
export function fieldsOf(condition: Condition, into = new Set<string>()): Set<string> {
	switch (condition.kind) {
		case 'all':
		case 'any':
			for (const c of condition.of) fieldsOf(c, into);
			break;
		case 'not':
			fieldsOf(condition.of, into);
			break;
		case 'test':
		case 'present':
		case 'flag':
			into.add(condition.field);
			break;
		case 'code-in':
			into.add('codes.aadsts');
			break;
		case 'const':
			break;
	}
	return into;
}

/**
 * `(a and b) or (a and c)` → `a and (b or c)`: rules repeat a code test in every selection
 * (`codes.aadsts: 50000` with one text test each); a reader of the query should see it once.
 */
export function factorCommon(condition: Condition): Condition {
	if (condition.kind !== 'any') return condition;
	const members = condition.of.map((c) => (c.kind === 'all' ? c.of : [c]));
	const key = (c: Condition): string => JSON.stringify(c);
	const common = members[0].filter((c) => members.every((m) => m.some((x) => key(x) === key(c))));
	if (common.length === 0) return condition;
	const shared = new Set(common.map(key));
	const rests = members.map((m) => allOf(m.filter((c) => !shared.has(key(c)))));
	return allOf([...common, anyOf(rests)]);
}
