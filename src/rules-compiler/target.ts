/**
 * What a target (a KQL table, aadlog's SQLite events table) can see of a sign-in, as the
 * lowering needs to know it: for each rule field, whether the target reads it per row,
 * knows it for every row, looks it up in the catalog, or cannot see it at all.
 */
import type {Modifier} from '../classify/rule.js';
import type {Outcome} from '../extract/event.js';

/** Why a test was decided at compile time or could not be compiled; `kind` groups them in reports. */
export interface Reason {
	kind: ReasonKind;
	text: string;
}

/**
 * Exact (the engine would decide the same for every row of the target):
 *   app-evidence     a field no sign-in carries (app-log text, token facts, IDX, HTTP/bearer, linked)
 *   interrupts-only  the target classifies failures only, and the test needs an interrupt
 *   missing-in-table the table has no column the field comes from: aadlog reading an export of it sees none either
 *   one-code         two different AADSTS codes on one event: a sign-in carries one
 *   impossible       no value passes the test as the engine runs it (gt on a text field, eq '')
 * Lossy (the engine could decide otherwise; the query leaves the selection or the rule out):
 *   no-column        the event has the field but the target has no column for it
 *   regex            a regular expression the target cannot run with the engine's meaning
 *   list-field       a list-valued field the target stores or exposes without its element boundaries
 */
export type ReasonKind = 'app-evidence' | 'interrupts-only' | 'missing-in-table' | 'one-code' | 'impossible' | 'no-column' | 'regex' | 'list-field';

export const lossyKinds: ReadonlySet<ReasonKind> = new Set(['no-column', 'regex', 'list-field']);

export type Resolution =
	/** Read per row (the target knows how to spell it). */
	| {kind: 'column'}
	/** The same for every row: absent, or the constant `kind`/`outcome` of the target's synthetic sign-in. */
	| {kind: 'known'; why: Reason}
	/** A property of the primary code's catalog entry: decided per code at compile time. */
	| {kind: 'catalog'}
	/** The event has it, the target cannot see it. */
	| {kind: 'unavailable'; why: Reason};

/** One place compiled rules run. */
export interface TargetProfile {
	/** For messages and headers: `SigninLogs`, `aadlog events (SQLite)`. */
	name: string;
	resolve(field: string): Resolution;
	/** The outcome every classified row has (KQL keeps failures only); undefined when the target reads it per row. */
	outcome?: Outcome;
	/** Primary codes whose rows never reach classification (KQL: interrupts), with why. */
	excludedCodes: ReadonlySet<number>;
	/** Undefined when the target can run `field|modifier: value` on its column, else why not. */
	unsupported(field: string, modifier: Modifier, value: string | number | boolean): Reason | undefined;
}
