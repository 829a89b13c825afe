/** What an entry of the field table (event-fields.ts) says of one events column. */
import type {AuthEvent} from '../extract/event.js';

/** What the store knows of a row besides its event. */
export interface RowContext {
	key: bigint;
	runId: number;
	sourceId: number;
	causeId: number | null;
}

/**
 * How the store redacts a text: an identifier (a GUID, a uti, a code) is kept as it is unless
 * it holds more than one word; a time is kept when it is ISO 8601 as aadlog writes it (digits
 * only); any other text goes through the redactor whole.
 */
export type StoredRedaction = 'identifier' | 'time' | 'text' | 'none';

/** How a field's value looks on an event: the engine compares each type differently. */
export type ValueType = 'text' | 'number' | 'boolean' | 'text-list';

/** Which pseudonym replaces a value: a whole UPN, user object id or address, or what free text quotes. */
export type PseudonymKind = 'upn' | 'userId' | 'ip' | 'text';

/** How a KQL query over the Log Analytics sign-in tables reads a rule field (kql-fields.ts builds it). */
export type KqlSpec =
	| {column: string; type?: 'number' | 'boolean'}
	/** A column whose spellings aadlog stores as one canonical value: read through `canonical`, as `as`. */
	| {column: string; canonical: Readonly<Record<string, string>>; as: string}
	/** The first present of several columns, as `as`. */
	| {firstOf: string[]; as: string}
	/** A property of a JSON column (dynamic in some tables, a JSON string in others), as `as`; through `canonical` when given. */
	| {json: string; key: string; as: string; type?: 'boolean'; canonical?: Readonly<Record<string, string>>}
	/** Status.failureReason, else ResultDescription. */
	| {failureReason: true}
	/** aadlog computes it from a row in a way a case() arm would not reproduce exactly. */
	| {unavailable: string; list?: boolean};

export interface RuleField {
	/** The rule field's name, also its path in an AuthEvent (`who.upn`: event.who.upn). */
	name: string;
	type?: ValueType;
	/** Sign-ins never carry it (src/extract/signin.ts and portal-csv.ts set none): what it is, for reports. */
	appOnly?: string;
}

export interface EventField {
	column: string;
	/** SQL type and constraints. */
	sql: string;
	comment: string;
	read(event: AuthEvent, row: RowContext): string | number | bigint | null;
	redact: StoredRedaction;
	rule?: RuleField;
	kql?: KqlSpec;
	pseudonymize?: PseudonymKind;
	/** A successful sign-in keeps it; otherwise NULL there. */
	slim: boolean;
}

/** true → 1, false → 0, unknown → NULL. */
export const flag = (value: boolean | undefined): number | null => (value === undefined ? null : value ? 1 : 0);
export const spaced = (values: readonly (string | number)[]): string | null => (values.length > 0 ? values.join(' ') : null);
export const notKeptBySuccess = 'NULL for successful sign-ins (stored slim)';
