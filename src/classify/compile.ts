/**
 * Compiles a rule's selections into closures once, at load time: field accessors are
 * resolved, expected values lower-cased, regexes built. Per event only the closures run.
 */
import {policyRuleValues} from '../extract/ca-policies.js';
import type {AuthEvent} from '../extract/event.js';
import type {CodeEntry} from './catalog.js';
import {linearRegex} from './linear-regex.js';
import type {Modifier, Selection} from './rule.js';

/** The event as rules see it: the event and the catalog entry of its primary code. */
export interface EventView {
	event: AuthEvent;
	entry?: CodeEntry;
}

type Scalar = string | number | boolean;
type Accessor = (view: EventView) => unknown;
/** Returns the evidence ("field=value") when the selection holds, undefined otherwise. */
export type CompiledSelection = (view: EventView) => string[] | undefined;

export function accessorFor(fieldPath: string): Accessor {
	const [head, tail] = fieldPath.split('.') as [string, string | undefined];
	if (head === 'catalog') return (view) => (view.entry ? (view.entry as unknown as Record<string, unknown>)[tail!] : undefined);
	if (head === 'token') {
		return (view) => {
			const tokens = view.event.tokens;
			if (!tokens || tokens.length === 0) return undefined;
			const values: unknown[] = [];
			for (const token of tokens) {
				const v = (token as unknown as Record<string, unknown>)[tail!];
				if (Array.isArray(v)) values.push(...v);
				else if (v !== undefined) values.push(v);
			}
			return values.length > 0 ? values : undefined;
		};
	}
	// An incident's message is its records' texts: a rule's evidence quotes the record that held it.
	if (head === 'message') return (view) => view.event.incident?.messages ?? view.event.message;
	// An incident's records are evidence of where each fact came from; rules count them.
	if (head === 'incident' && tail === 'records') return (view) => view.event.incident?.records.length;
	// Policies are objects on the event; rules compare them as "name:result" (ca-policies.ts).
	if (head === 'signin' && tail === 'caPolicies') return (view) => policyRuleValues(view.event.signin?.caPolicies);
	if (tail === undefined) return (view) => (view.event as unknown as Record<string, unknown>)[head];
	return (view) => {
		const group = (view.event as unknown as Record<string, unknown>)[head] as Record<string, unknown> | undefined;
		return group === undefined ? undefined : group[tail];
	};
}

function valueTest(modifier: Modifier, expected: Scalar): (actual: Scalar) => boolean {
	const wanted = typeof expected === 'string' ? expected.toLowerCase() : expected;
	const wantedText = String(wanted);
	switch (modifier) {
		case 'eq':
			return (actual) => (typeof actual === 'string' ? actual.toLowerCase() === wantedText : actual === wanted || String(actual) === wantedText);
		case 'contains':
			return (actual) => String(actual).toLowerCase().includes(wantedText);
		case 'startswith':
			return (actual) => String(actual).toLowerCase().startsWith(wantedText);
		case 'endswith':
			return (actual) => String(actual).toLowerCase().endsWith(wantedText);
		case 're': {
			const pattern = linearRegex(String(expected));
			return (actual) => pattern.test(String(actual));
		}
		case 'gt':
			return (actual) => typeof actual === 'number' && actual > (expected as number);
		case 'gte':
			return (actual) => typeof actual === 'number' && actual >= (expected as number);
		case 'lt':
			return (actual) => typeof actual === 'number' && actual < (expected as number);
		case 'lte':
			return (actual) => typeof actual === 'number' && actual <= (expected as number);
		case 'exists':
			return () => true; // handled by the caller: presence, not value
	}
}

type FieldTest = (view: EventView) => string | undefined;

/**
 * Keys are ANDed; listed values are ORed; an array field holds when any element does.
 * The `token.*` keys of one selection must all hold for the SAME token: on a line with an
 * expired access token and a valid ID token, "expired and Graph audience" is about one token.
 */
export function compileSelection(selection: Selection): CompiledSelection {
	const entries = Object.entries(selection);
	const tokenEntries = entries.filter(([key]) => key.startsWith('token.'));
	const tests = entries.filter(([key]) => !key.startsWith('token.')).map(([key, expected]) => fieldTest(key, expected, accessorFor));
	if (tokenEntries.length > 1) tests.push(sameTokenTest(tokenEntries));
	else if (tokenEntries.length === 1) tests.push(fieldTest(tokenEntries[0][0], tokenEntries[0][1], accessorFor));
	return (view) => {
		const evidence: string[] = [];
		for (const test of tests) {
			const found = test(view);
			if (found === undefined) return undefined;
			evidence.push(found);
		}
		return evidence;
	};
}

/** Several token keys: tried token by token; the evidence of the first token that holds them all. */
function sameTokenTest(entries: Array<[string, unknown]>): FieldTest {
	const single = (fieldPath: string): Accessor => {
		const tail = fieldPath.slice('token.'.length);
		return (view) => (view.event.tokens?.[0] as unknown as Record<string, unknown> | undefined)?.[tail];
	};
	const tests = entries.map(([key, expected]) => fieldTest(key, expected, single));
	return (view) => {
		const tokens = view.event.tokens;
		if (!tokens) return undefined;
		for (const token of tokens) {
			const one: EventView = {...view, event: {...view.event, tokens: [token]}};
			const evidence: string[] = [];
			for (const test of tests) {
				const found = test(one);
				if (found === undefined) break;
				evidence.push(found);
			}
			if (evidence.length === tests.length) return evidence.join('; ');
		}
		return undefined;
	};
}

function fieldTest(key: string, expected: unknown, accessor: (fieldPath: string) => Accessor): FieldTest {
	const [fieldPath, modifier = 'eq'] = key.split('|') as [string, Modifier?];
	const get = accessor(fieldPath);
	const list = (Array.isArray(expected) ? expected : [expected]) as Scalar[];
	if (modifier === 'exists') {
		const wantPresent = list[0] === true;
		return (view: EventView): string | undefined => {
			const value = get(view);
			const present = value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);
			return present === wantPresent ? `${fieldPath} ${present ? 'present' : 'absent'}` : undefined;
		};
	}
	const checks = list.map((v) => valueTest(modifier as Modifier, v));
	return (view: EventView): string | undefined => {
		const value = get(view);
		if (value === undefined || value === null) return undefined;
		const actuals = (Array.isArray(value) ? value : [value]) as Scalar[];
		for (const actual of actuals) {
			for (const check of checks) if (check(actual)) return `${fieldPath}=${String(actual)}`;
		}
		return undefined;
	};
}

/** AADSTS codes a selection requires by plain equality: lets the engine index rules by code. */
export function requiredCodes(selection: Selection): number[] | undefined {
	const value = selection['codes.aadsts'] ?? selection['codes.aadsts|eq'];
	if (value === undefined) return undefined;
	const list = Array.isArray(value) ? value : [value];
	return list.every((v) => typeof v === 'number') ? (list as number[]) : undefined;
}
