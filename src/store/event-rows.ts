/**
 * Turns events into the plain rows the store inserts: arrays of numbers, strings and
 * bigints, so a batch can be written here or handed to the writer thread unchanged
 * (a batch holds them with their causes and tokens: event-batch.ts).
 */
import type {AuthEvent, TokenAtUse} from '../extract/event.js';
import type {EventBatch} from './event-batch.js';
import type {CauseMatch} from '../classify/engine.js';
import {redactDecoded, redactIdentifier, redactText} from '../tokens/redact.js';

export interface EventRows {
	/** The events row, in the column order of INSERT INTO events. */
	event: unknown[];
	/** [cause id, evidence] per matched cause, most likely first. */
	causes: Array<[number, string]>;
	/** The tokens row (only the first time this run writes the token) and the event_tokens row's other columns. */
	tokens: Array<{row?: unknown[]; use: [string, number | null, number | null]}>;
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

export const eventColumns = [
	'record_key', 'run_id', 'source_id', 'line', 'item', 'time', 'kind', 'outcome', 'error_code', 'aadsts_codes', 'oauth_error',
	'idx_codes', 'http_status', 'bearer_error', 'correlation_id', 'request_id', 'trace_id', 'uti', 'user_principal_name',
	'user_id', 'tenant_id', 'ip_address', 'app_id', 'app_name', 'resource_id', 'resource_name', 'category', 'client_app',
	'ca_status', 'flow', 'failure_reason', 'cause_id', 'message', 'ca_policies', 'additional_details', 'is_interactive',
	'device_id', 'device_os', 'browser', 'device_compliant', 'device_managed', 'device_trust_type', 'location',
] as const;

export const tokenColumns = [
	'fingerprint', 'first_seen', 'malformed', 'encrypted', 'alg', 'kid', 'typ', 'has_nonce', 'aud', 'graph_audience', 'iss',
	'issuer_kind', 'cloud', 'tenant_id', 'app_id', 'ver', 'scp', 'roles', 'idtyp', 'uti', 'issued_at', 'not_before',
	'expires_at', 'signature', 'claims',
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
		return {event: storedText(eventRow(key, runId, sourceId, event, causeId)), causes: causeRows, tokens: event.tokens ? this.tokenRows(event.time, event.tokens) : []};
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
		t.fingerprint, firstSeen ?? null, flag(t.malformed), flag(t.encrypted), t.alg ?? null, t.kid ?? null, t.typ ?? null,
		flag(t.hasNonce), Array.isArray(t.aud) ? t.aud.join(' ') : (t.aud ?? null), flag(t.graphAudience), t.iss ?? null,
		t.issuerKind, t.cloud ?? null, t.tid ?? null, t.appid ?? t.azp ?? null, t.ver ?? null, t.scp ?? null,
		t.roles ? t.roles.join(' ') : null, t.idtyp ?? null, t.uti ?? null, when(t.iat), when(t.nbf), when(t.exp),
		t.signature ?? null, t.claimsJson ?? null,
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

function eventRow(key: bigint, runId: number, sourceId: number, e: AuthEvent, causeId: number | null): unknown[] {
	const s = e.signin;
	const errorCode = e.outcome === 'success' && e.kind === 'signin' ? 0 : (e.codes.aadsts[0] ?? null);
	return [
		key, runId, sourceId, e.source.line, e.source.index ?? null, e.time ?? null, e.kind, e.outcome, errorCode,
		e.codes.aadsts.length > 0 ? e.codes.aadsts.join(' ') : null, e.codes.oauthError ?? null,
		e.codes.idx.length > 0 ? e.codes.idx.join(' ') : null, e.codes.httpStatus ?? null, e.codes.bearerError ?? null,
		e.ids.correlationId ?? null, e.ids.requestId ?? null, e.ids.traceId ?? null, e.ids.uti ?? null,
		e.who.upn ?? null, e.who.userId ?? null, e.who.tenantId ?? null, e.who.ip ?? null,
		e.app.id ?? null, e.app.name ?? null, e.resource.id ?? null, e.resource.name ?? null,
		s?.category ?? null, s?.clientApp ?? null, s?.caStatus ?? null, s?.flow ?? null,
		e.outcome === 'success' || s?.failureReason === undefined ? null : s.failureReason, causeId, e.message ?? null,
		s?.caPolicies && s.caPolicies.length > 0 ? s.caPolicies.join('; ') : null, s?.additionalDetails ?? null, flag(s?.isInteractive),
		s?.deviceId ?? null, s?.deviceOs ?? null, s?.browser ?? null, flag(s?.deviceCompliant), flag(s?.deviceManaged),
		s?.deviceTrustType ?? null, s?.location ?? null,
	];
}

/** Columns that hold one identifier (a GUID, a uti, a code): kept as they are unless they hold more than one word. */
const identifierColumns = new Set<string>([
	'time', 'kind', 'outcome', 'aadsts_codes', 'oauth_error', 'idx_codes', 'bearer_error', 'correlation_id', 'request_id',
	'trace_id', 'uti', 'user_id', 'tenant_id', 'app_id', 'resource_id', 'device_id',
]);
const isIdentifier = eventColumns.map((name) => identifierColumns.has(name));

/**
 * The store's choke point for event text: every string bound into the events row goes
 * through the redactor (free text can quote what a client sent: a secret, a token), so no
 * column is left to a caller remembering to redact it.
 */
function storedText(row: unknown[]): unknown[] {
	for (let i = 0; i < row.length; i++) {
		const value = row[i];
		if (typeof value === 'string') row[i] = isIdentifier[i] ? redactIdentifier(value) : redactText(value);
	}
	return row;
}

/** true → 1, false → 0, unknown → NULL. */
function flag(value: boolean | undefined): number | null {
	return value === undefined ? null : value ? 1 : 0;
}
