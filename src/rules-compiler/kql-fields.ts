/**
 * Rule field → KQL expression, per sign-in table, reading the same columns aadlog's own
 * extractor reads from a Log Analytics row (src/extract/shapes/log-analytics-signin.ts):
 * the first present of several columns, JSON properties of Status and DeviceDetail, and
 * the columns the non-interactive and service principal tables hold as JSON strings
 * parsed first. A field whose columns the table does not have is absent for every row,
 * as it is when aadlog reads an export of that table.
 */

import {type EventField, eventFields, type KqlSpec} from '../store/event-fields.js';
import {type KustoTableName, type KustoType, kustoColumns} from './kusto-tables.js';

/** How the case() reads a field: a column, or a column derived once before it. */
export interface KqlField {
	/** What the tests read: a column name or the name of a derived column. */
	expr: string;
	type: 'text' | 'number' | 'boolean';
	/** `name = expression` to extend before classifying. */
	derived?: {name: string; expression: string};
	/** Columns holding JSON in a string that the expression reads as dynamic (parse first). */
	jsonColumns: string[];
}

export type KqlFieldSource = {kind: 'field'; field: KqlField} | {kind: 'missing'; columns: string[]} | {kind: 'unavailable'; why: string; list?: boolean};

interface Spec {
	columns: string[];
	build(table: Map<string, KustoType>): KqlField | undefined;
}

const plain = (column: string, type: KqlField['type'] = 'text'): Spec => ({
	columns: [column],
	build: (table) => (table.has(column) ? {expr: column, type, jsonColumns: []} : undefined),
});

/** aadlog's `pick`: the first column with a value. */
const firstOf = (name: string, columns: string[]): Spec => ({
	columns,
	build: (table) => {
		const present = columns.filter((c) => table.has(c));
		if (present.length === 0) return undefined;
		if (present.length === 1) return {expr: present[0], type: 'text', jsonColumns: []};
		return {expr: name, type: 'text', derived: {name, expression: `coalesce(${present.join(', ')})`}, jsonColumns: []};
	},
});

/** A property of a JSON column (dynamic in some tables, a JSON string in others). */
const property = (name: string, column: string, key: string, type: 'text' | 'boolean' = 'text'): Spec => ({
	columns: [column],
	build: (table) => {
		if (!table.has(column)) return undefined;
		const convert = type === 'boolean' ? 'tobool' : 'tostring';
		return {expr: name, type, derived: {name, expression: `${convert}(${column}.${key})`}, jsonColumns: jsonString(table, column)};
	},
});

/**
 * A field aadlog stores in one canonical spelling (src/extract/canonical-values.ts), read so a
 * rule's canonical value meets the table's own spelling: each canonical value is the
 * spellings that map to it (compared ignoring case, as aadlog does), else the value as is.
 */
const canonicalized = (name: string, inner: Spec, spellings: Readonly<Record<string, string>>): Spec => ({
	columns: inner.columns,
	build: (table) => {
		const read = inner.build(table);
		if (!read) return undefined;
		const value = read.derived?.expression ?? read.expr;
		const byCanonical = new Map<string, string[]>();
		for (const [spelling, canonical] of Object.entries(spellings)) byCanonical.set(canonical, [...(byCanonical.get(canonical) ?? []), spelling]);
		const arms = [...byCanonical].map(([canonical, all]) => `${value} in~ (${all.map((v) => JSON.stringify(v)).join(', ')}), ${JSON.stringify(canonical)}`);
		return {expr: name, type: 'text', derived: {name, expression: `case(${arms.join(', ')}, ${value})`}, jsonColumns: read.jsonColumns};
	},
});

const failureReason: Spec = {
	columns: ['Status', 'ResultDescription'],
	build: (table) => {
		if (!table.has('Status')) return table.has('ResultDescription') ? {expr: 'ResultDescription', type: 'text', jsonColumns: []} : undefined;
		const fallback = table.has('ResultDescription') ? ', ResultDescription' : '';
		return {
			expr: 'FailureReason',
			type: 'text',
			derived: {name: 'FailureReason', expression: `coalesce(tostring(Status.failureReason)${fallback})`},
			jsonColumns: jsonString(table, 'Status'),
		};
	},
};

function jsonString(table: Map<string, KustoType>, column: string): string[] {
	return table.get(column) === 'string' ? [column] : [];
}

function specOf(kql: Exclude<KqlSpec, {unavailable: string}>): Spec {
	if ('column' in kql) return 'canonical' in kql ? canonicalized(kql.as, plain(kql.column), kql.canonical) : plain(kql.column, kql.type);
	if ('firstOf' in kql) return firstOf(kql.as, kql.firstOf);
	if ('json' in kql) {
		const read = property(kql.as, kql.json, kql.key, kql.type);
		return kql.canonical ? canonicalized(kql.as, read, kql.canonical) : read;
	}
	return failureReason;
}

const specs = new Map<string, Spec>();
/** Fields aadlog computes from a row in ways a case() arm would not reproduce exactly. */
const unavailable = new Map<string, {why: string; list?: boolean}>([
	['signin.caPolicies', {why: 'aadlog lists "name:result" of the policies that acted; no per-element test in a case() arm', list: true}],
	['signin.processingDetails', {why: 'aadlog lists "key=value" of AuthenticationProcessingDetails; no per-element test in a case() arm', list: true}],
]);
for (const f of eventFields as readonly EventField[]) {
	if (!f.rule || !f.kql) continue;
	if ('unavailable' in f.kql) unavailable.set(f.rule.name, {why: f.kql.unavailable, ...(f.kql.list ? {list: true} : {})});
	else specs.set(f.rule.name, specOf(f.kql));
}
// Rule fields the events table does not keep, read in KQL all the same.
specs.set('signin.credentialType', plain('ClientCredentialType'));
specs.set('signin.incomingTokenType', plain('IncomingTokenType'));

export function kqlField(table: KustoTableName, field: string): KqlFieldSource {
	const gap = unavailable.get(field);
	if (gap) return {kind: 'unavailable', ...gap};
	const spec = specs.get(field);
	if (!spec) return {kind: 'unavailable', why: 'no sign-in column holds it'};
	const built = spec.build(kustoColumns(table));
	return built ? {kind: 'field', field: built} : {kind: 'missing', columns: spec.columns};
}
