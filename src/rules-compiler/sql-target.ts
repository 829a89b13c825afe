/**
 * aadlog's own SQLite `events` table (src/store/event-fields.ts) as a target: which rule field
 * is which column. The query reads the sign-in events that were failures or interrupts,
 * as the engine classifies them; a field the table does not keep (processing details,
 * client credential type, incoming token type) cannot be tested here. signin.caPolicies is
 * read from event_ca_policies, one row per policy, so a list test holds when any row does.
 */
import type {Modifier} from '../classify/rule.js';
import {ruleFields} from '../store/event-fields.js';
import {literalRegex} from './literal-regex.js';
import {appOnlyEvidence} from './sign-in-fields.js';
import type {Reason, Resolution, TargetProfile} from './target.js';

/**
 * Rule field → column of the `signins` CTE: the events columns a sign-in can carry
 * (src/store/event-fields.ts); `code` and `outcome` are computed there, `kind` is always signin.
 */
export const sqlColumns: Readonly<Record<string, string>> = Object.fromEntries(
	[...ruleFields.values()]
		.filter((f) => !f.rule.appOnly && f.rule.name !== 'kind')
		.map((f) => [f.rule.name, f.rule.name === 'codes.aadsts' ? 'code' : f.column]),
);

/** The rule field read from the event_ca_policies rows (an EXISTS per test, sql-render.ts), not from a column. */
export const policiesField = 'signin.caPolicies';

export interface SqlTargetOptions {
	/**
	 * Name of an SQL function `(pattern, text) → 0/1` that runs a rule regex exactly as the
	 * engine does (aadlog registers it on its own connections: see sql-regexp-function.ts).
	 * Without it, only regexes that are plain text with anchors compile; others are not portable.
	 */
	regexpFunction?: string;
}

export function sqlTarget(options: SqlTargetOptions = {}): TargetProfile {
	return {
		name: 'aadlog events (SQLite)',
		excludedCodes: new Set(),
		resolve(field: string): Resolution {
			const app = appOnlyEvidence(field);
			if (app) return {kind: 'known', why: {kind: 'app-evidence', text: `reads ${app}: no sign-in carries it`}};
			if (field === 'kind') return {kind: 'known', why: {kind: 'app-evidence', text: 'the query reads sign-ins only'}};
			if (field.startsWith('catalog.')) return {kind: 'catalog'};
			if (field in sqlColumns || field === policiesField) return {kind: 'column'};
			return {kind: 'unavailable', why: {kind: 'no-column', text: 'the events table keeps no column for it'}};
		},
		unsupported(_field: string, modifier: Modifier, value: string | number | boolean): Reason | undefined {
			if (modifier === 're' && options.regexpFunction === undefined && literalRegex(String(value)) === undefined) {
				return {kind: 'regex', text: "SQLite has no regular expressions with the engine's meaning (plain text with ^/$ anchors only)"};
			}
			return undefined;
		},
	};
}
