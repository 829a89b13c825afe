/**
 * The columns of the events table, one entry per field, and everything aadlog does with
 * each: its SQL type and comment (the fresh schema and docs/schema.md), how the store reads
 * it from an AuthEvent and redacts it (event-rows.ts), which rule field it is and how a rule
 * compares it (classify/app-only-fields.ts, rules-compiler/sign-in-fields.ts, sql-target.ts),
 * how a KQL query reads it (rules-compiler/kql-fields.ts), whether --pseudonymize replaces
 * it (privacy/pseudonymizer.ts), and whether a successful sign-in keeps it.
 * Add a column here and in a new migration (migrations/): a test checks both agree.
 */
import type {AuthEvent} from '../extract/event.js';
import type {EventField, RuleField} from './event-field-types.js';
import {detailFields} from './event-fields-detail.js';
import {recordFields} from './event-fields-record.js';

export type {EventField, KqlSpec, PseudonymKind, RowContext, RuleField, StoredRedaction, ValueType} from './event-field-types.js';

/** Every events column, in the order of the table (and of INSERT INTO events). */
export const eventFields = [...recordFields, ...detailFields] as const;

export type EventColumn = (typeof eventFields)[number]['column'];

/** The events row's columns in the order the store binds them (INSERT INTO events). */
export const eventColumns: readonly EventColumn[] = eventFields.map((f) => f.column);

/** The fields a rule can test, by rule field name. */
export const ruleFields: ReadonlyMap<string, EventField & {rule: RuleField}> = new Map(
	(eventFields as readonly EventField[]).filter((f): f is EventField & {rule: RuleField} => f.rule !== undefined).map((f) => [f.rule.name, f]),
);

/**
 * A successful sign-in is stored slim: only the columns marked `slim`, the others NULL. It
 * keeps what counts, joins (an app failure to the sign-in that issued its token), `trace`
 * and the reports read; failures, interrupts and app events keep everything.
 */
export function storedSlim(event: Pick<AuthEvent, 'kind' | 'outcome'>): boolean {
	return event.kind === 'signin' && event.outcome === 'success';
}

/**
 * The events table's columns as CREATE TABLE lines, each with its comment, for a new
 * database (schema.ts); a database made by the migrations has the same columns.
 */
export function eventColumnsDdl(): string {
	const lines = [['id', 'INTEGER PRIMARY KEY', 'row id'] as const, ...eventFields.map((f) => [f.column, f.sql, f.comment] as const)];
	return lines.map(([name, sql, comment], i) => `  ${`${name.padEnd(14)} ${sql}${i < lines.length - 1 ? ',' : ''}`.padEnd(36)} -- ${comment}`).join('\n');
}
