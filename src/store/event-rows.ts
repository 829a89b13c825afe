/**
 * Turns events into the plain rows the store inserts: arrays of numbers, strings and
 * bigints, so a batch can be written here or handed to the writer thread unchanged
 * (a batch holds them with their causes and tokens: event-batch.ts).
 */

import type {CauseMatch} from '../classify/engine.js';
import type {AuthEvent, TokenAtUse} from '../extract/event.js';
import {redactDecoded, redactIdentifier, redactText} from '../tokens/redact.js';
import type {EventBatch} from './event-batch.js';
import {type EventField, eventFields, type RowContext, storedSlim} from './event-fields.js';
import {policyRows} from './policy-rows.js';

export interface EventRows {
	/** The events row: every column, or a successful sign-in's slim ones (row-layout.ts). */
	event: unknown[];
	/** [cause id, evidence] per matched cause, most likely first. */
	causes: Array<[number, string]>;
	/** The tokens row (only the first time this run writes the token) and the event_tokens row's other columns. */
	tokens: Array<{row?: unknown[]; use: [string, number | null, number | null]}>;
	/** The event_ca_policies rows' columns after event_id, policyWidth values per row (policy-rows.ts); none for a slim event. */
	policies: unknown[];
}

export interface RejectRow {
	key: bigint;
	runId: number;
	sourceId: number;
	line: number;
	item: number | null;
	reason: string;
	excerpt: string;
}

/** What one transaction writes. */
export interface Batch {
	events: EventBatch;
	rejects: RejectRow[];
	/** UPDATE sources rows, after the events: format, gzip, bytes, records, rejected, content_hash, read_bytes, read_lines, id. */
	sourceTotals: unknown[][];
}

export {eventColumns} from './event-fields.js';

export const tokenColumns = [
	'fingerprint',
	'first_seen',
	'malformed',
	'encrypted',
	'alg',
	'kid',
	'typ',
	'has_nonce',
	'aud',
	'graph_audience',
	'iss',
	'issuer_kind',
	'cloud',
	'tenant_id',
	'app_id',
	'ver',
	'scp',
	'roles',
	'idtyp',
	'uti',
	'issued_at',
	'not_before',
	'expires_at',
	'signature',
	'claims',
] as const;

/** Builds rows; remembers which tokens this run already wrote (the same token is usually in every line). */
export class RowBuilder {
	private readonly tokensWritten = new Set<string>();

	constructor(private readonly causeIds: ReadonlyMap<string, number>) {}

	eventRows(key: bigint, runId: number, sourceId: number, event: AuthEvent, causes: readonly CauseMatch[]): EventRows {
		const causeId = causes.length > 0 ? (this.causeIds.get(causes[0].rule.id) ?? null) : null;
		const causeRows: Array<[number, string]> = [];
		for (const cause of causes) {
			const id = this.causeIds.get(cause.rule.id);
			if (id !== undefined) causeRows.push([id, redactText(cause.evidence.join('; '))]);
		}
		return {
			event: eventRow(event, {key, runId, sourceId, causeId}),
			causes: causeRows,
			tokens: event.tokens ? this.tokenRows(event.time, event.tokens) : [],
			policies: policyRows(event),
		};
	}

	private tokenRows(time: string | undefined, tokens: readonly TokenAtUse[]): EventRows['tokens'] {
		return tokens.map((t) => {
			// Written once per run (again if its signature became known).
			const seenKey = `${t.fingerprint}|${t.signature ?? ''}`;
			let row: unknown[] | undefined;
			if (!this.tokensWritten.has(seenKey)) {
				if (this.tokensWritten.size >= 100_000) this.tokensWritten.clear();
				this.tokensWritten.add(seenKey);
				row = tokenRow(t, time);
			}
			const expired = t.expiredAtUse === undefined ? null : t.expiredAtUse ? 1 : 0;
			return {row, use: [t.fingerprint, t.secondsPastExp ?? null, expired]};
		});
	}
}

function tokenRow(t: TokenAtUse, firstSeen: string | undefined): unknown[] {
	const when = (seconds: number | undefined): string | null => (seconds === undefined ? null : new Date(seconds * 1000).toISOString());
	const flag = (v: boolean | undefined): number => (v ? 1 : 0);
	// A token in a log line is the writer's input: any of its header or claim values can quote a secret.
	return storedTokenText([
		t.fingerprint,
		firstSeen ?? null,
		flag(t.malformed),
		flag(t.encrypted),
		t.alg ?? null,
		t.kid ?? null,
		t.typ ?? null,
		flag(t.hasNonce),
		Array.isArray(t.aud) ? t.aud.join(' ') : (t.aud ?? null),
		flag(t.graphAudience),
		t.iss ?? null,
		t.issuerKind,
		t.cloud ?? null,
		t.tid ?? null,
		t.appid ?? t.azp ?? null,
		t.ver ?? null,
		t.scp ?? null,
		t.roles ? t.roles.join(' ') : null,
		t.idtyp ?? null,
		t.uti ?? null,
		when(t.iat),
		when(t.nbf),
		when(t.exp),
		t.signature ?? null,
		t.claimsJson ?? null,
	]);
}

/**
 * Every text of a tokens row through the redactor; a one-word value (a kid, a uti, an alg) is
 * an identifier, and the claims (the last column) are decoded JSON, not a piece of a record.
 */
function storedTokenText(row: unknown[]): unknown[] {
	const claims = row.length - 1;
	return row.map((value, i) => (typeof value !== 'string' ? value : i === claims ? redactDecoded(value) : redactIdentifier(value)));
}

type Build = (event: AuthEvent, context: RowContext) => unknown[];

/** A time as aadlog writes it (extract/artifacts/time.ts): nothing from the input in it. */
const isoTime = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/**
 * A function that builds the events row of the `kept` columns, in table order (a row layout:
 * row-layout.ts), written out from the field table as one array literal: each read is
 * then a call site of its own, which V8 inlines, where a loop over the readers calls them
 * all from one place (a failure row of the 100 MB benchmark took ~40% more CPU that way).
 * Every string bound into the row goes through the redactor (free text can quote what a
 * client sent: a secret, a token), so no column is left to a caller remembering to redact it.
 */
function rowBuilder(kept: (field: EventField) => boolean): Build {
	const fields = eventFields as readonly EventField[];
	const identifier = (value: unknown): unknown => (typeof value === 'string' ? redactIdentifier(value) : value);
	const text = (value: unknown): unknown => (typeof value === 'string' ? redactText(value) : value);
	// One anchored test of digits: the redactor's own checks cost a time ~300 ns.
	const time = (value: unknown): unknown => (typeof value !== 'string' || isoTime.test(value) ? value : redactText(value));
	const items = fields.flatMap((f, at) => {
		if (!kept(f)) return [];
		const read = `read[${at}](event, context)`;
		return [f.redact === 'none' ? read : `${f.redact}(${read})`];
	});
	return new Function('read', 'identifier', 'text', 'time', `return (event, context) => [${items.join(', ')}];`)(
		fields.map((f) => f.read),
		identifier,
		text,
		time,
	) as Build;
}

const fullRow = rowBuilder(() => true);
/** A successful sign-in's row holds only the columns it keeps (slimLayout): the others are never read nor redacted. */
const slimRow = rowBuilder((f) => f.slim);

function eventRow(event: AuthEvent, context: RowContext): unknown[] {
	return storedSlim(event) ? slimRow(event, context) : fullRow(event, context);
}
