/**
 * A Log Analytics sign-in table as a target. The KQL query classifies FAILED rows only:
 * rows whose code the catalog calls an interrupt (an MFA prompt, an account picker) are
 * expected steps, left out as the engine leaves them out of failures, so a test on
 * `outcome` or on those codes is decided at compile time.
 */
import type {Catalog} from '../classify/catalog.js';
import type {Modifier} from '../classify/rule.js';
import {kqlField} from './kql-fields.js';
import {toRe2} from './kql-regex.js';
import type {KustoTableName} from './kusto-tables.js';
import {appOnlyEvidence} from './sign-in-fields.js';
import type {Reason, Resolution, TargetProfile} from './target.js';

/** Codes the catalog calls interrupts (expected steps, not failures). */
export function interruptCodes(catalog: Catalog): number[] {
	return [...catalog.codes.values()].filter((entry) => entry.category === 'interrupt').map((entry) => entry.code);
}

export function kqlTarget(table: KustoTableName, catalog: Catalog): TargetProfile {
	return {
		name: table,
		outcome: 'failure',
		excludedCodes: new Set(interruptCodes(catalog)),
		resolve(field: string): Resolution {
			const app = appOnlyEvidence(field);
			if (app) return {kind: 'known', why: {kind: 'app-evidence', text: `reads ${app}: no sign-in carries it`}};
			if (field === 'kind') return {kind: 'known', why: {kind: 'app-evidence', text: `${table} holds sign-ins only`}};
			if (field === 'outcome')
				return {kind: 'known', why: {kind: 'interrupts-only', text: 'the query classifies failures; interrupts are expected steps'}};
			if (field.startsWith('catalog.')) return {kind: 'catalog'};
			const source = kqlField(table, field);
			if (source.kind === 'field') return {kind: 'column'};
			if (source.kind === 'missing')
				return {kind: 'known', why: {kind: 'missing-in-table', text: `${table} has no ${source.columns.join(' or ')} column`}};
			return {kind: 'unavailable', why: {kind: source.list ? 'list-field' : 'no-column', text: source.why}};
		},
		unsupported(_field: string, modifier: Modifier, value: string | number | boolean): Reason | undefined {
			if (modifier !== 're') return undefined;
			const translated = toRe2(String(value));
			return translated.ok ? undefined : {kind: 'regex', text: `RE2 (matches regex) cannot say it: ${translated.why}`};
		},
	};
}
