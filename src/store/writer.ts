/**
 * Writes a run into the database: prepared statements, batched transactions (a batch is
 * all or nothing, so a killed run leaves whole batches), and de-duplication by an integer
 * record key with INSERT ... ON CONFLICT DO NOTHING: re-reading input never double-counts.
 */
import type {Statement} from 'better-sqlite3';
import {hostname} from 'node:os';
import type {AuthEvent, TokenAtUse} from '../extract/event.js';
import type {CauseMatch} from '../classify/engine.js';
import type {Rule} from '../classify/rule.js';
import type {Db} from './database.js';
import {redactText} from '../tokens/redact.js';
import {recordKey} from '../util/hash.js';

export interface SourceInfo {
	path: string;
	size?: number;
	mtimeMs?: number;
}

export interface SourceTotals {
	format?: string;
	gzip: boolean;
	bytes: number;
	records: number;
	rejected: number;
	/** What a nightly run needs next time (files only). */
	contentHash?: string;
	readBytes?: number;
	readLines?: number;
}

export interface RunTotals {
	records: number;
	rejected: number;
	bytes: number;
	skipped: number;
}

interface PendingEvent {
	key: bigint;
	sourceId: number;
	event: AuthEvent;
	causes: CauseMatch[];
}

interface PendingReject {
	/** recordKey of path, line, item and excerpt. */
	key: bigint;
	sourceId: number;
	line: number;
	item?: number;
	reason: string;
	excerpt: string;
}

const batchSize = 5000;

export class StoreWriter {
	/** Events new to the database, and events it already held. */
	stored = 0;
	duplicates = 0;
	private runId = 0;
	private events: PendingEvent[] = [];
	private rejects: PendingReject[] = [];
	private readonly causeIds = new Map<string, number>();
	private readonly insertEvent: Statement;
	private readonly insertEventCause: Statement;
	private readonly insertReject: Statement;
	private readonly upsertToken: Statement;
	private readonly insertEventToken: Statement;
	/** Tokens already written by this run: the same token is usually logged many times. */
	private readonly tokensWritten = new Set<string>();
	private readonly flushBatch: () => void;

	constructor(private readonly db: Db) {
		this.insertEvent = db.prepare(`INSERT INTO events (
			record_key, run_id, source_id, line, item, time, kind, outcome, error_code, aadsts_codes, oauth_error, idx_codes,
			http_status, bearer_error, correlation_id, request_id, trace_id, uti, user_principal_name, user_id, tenant_id,
			ip_address, app_id, app_name, resource_id, resource_name, category, client_app, ca_status, flow, failure_reason,
			cause_id, message, ca_policies, additional_details, is_interactive, device_id, device_os, browser, device_compliant,
			device_managed, device_trust_type, location
		) VALUES (${new Array(43).fill('?').join(', ')}) ON CONFLICT(record_key) DO NOTHING`);
		this.insertEventCause = db.prepare('INSERT INTO event_causes (event_id, rank, cause_id, evidence) VALUES (?, ?, ?, ?)');
		this.insertReject = db.prepare('INSERT INTO rejects (run_id, source_id, line, item, reason, excerpt, reject_key) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING');
		this.upsertToken = db.prepare(`INSERT INTO tokens (
			fingerprint, first_seen, malformed, encrypted, alg, kid, typ, has_nonce, aud, graph_audience, iss, issuer_kind, cloud,
			tenant_id, app_id, ver, scp, roles, idtyp, uti, issued_at, not_before, expires_at, signature, claims
		) VALUES (${new Array(25).fill('?').join(', ')})
		ON CONFLICT(fingerprint) DO UPDATE SET
			signature = coalesce(excluded.signature, tokens.signature),
			first_seen = CASE WHEN tokens.first_seen IS NULL OR excluded.first_seen < tokens.first_seen THEN excluded.first_seen ELSE tokens.first_seen END`);
		this.insertEventToken = db.prepare('INSERT OR IGNORE INTO event_tokens (event_id, fingerprint, seconds_past_exp, expired_at_use) VALUES (?, ?, ?, ?)');
		this.flushBatch = db.transaction(() => this.writePending());
	}

	beginRun(inputs: readonly string[], version: string, rulesVersion?: string): number {
		this.markKilledRuns();
		const result = this.db
			.prepare("INSERT INTO runs (started_at, status, version, inputs, pid, host, rules_version) VALUES (?, 'running', ?, ?, ?, ?, ?)")
			.run(new Date().toISOString(), version, JSON.stringify(inputs), process.pid, hostname(), rulesVersion ?? null);
		this.runId = Number(result.lastInsertRowid);
		return this.runId;
	}

	/**
	 * A run still 'running' whose process is gone on this host was killed (SIGKILL, a crash,
	 * a power cut): say so. Its committed batches stay; the next run re-reads its inputs,
	 * whose sources were never marked complete, and stores what is missing.
	 */
	private markKilledRuns(): void {
		const running = this.db.prepare("SELECT id, pid, host FROM runs WHERE status = 'running'").all() as Array<{id: number; pid: number | null; host: string | null}>;
		const mark = this.db.prepare("UPDATE runs SET status = 'killed' WHERE id = ? AND status = 'running'");
		for (const run of running) if (run.host === hostname() && run.pid !== null && !alive(run.pid)) mark.run(run.id);
	}

	/** Causes are rows so events can point at them by integer; re-registering updates their text. */
	registerCauses(rules: readonly Rule[]): void {
		const upsert = this.db.prepare(`INSERT INTO causes (cause, title, who, level, confidence, fix) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT(cause) DO UPDATE SET title = excluded.title, who = excluded.who, level = excluded.level,
			confidence = excluded.confidence, fix = excluded.fix RETURNING id`);
		this.db.transaction(() => {
			for (const rule of rules) {
				const row = upsert.get(rule.id, rule.title, rule.who, rule.level, rule.confidence, rule.fix) as {id: number};
				this.causeIds.set(rule.id, row.id);
			}
		})();
	}

	beginSource(source: SourceInfo, startByte = 0): number {
		const result = this.db
			.prepare('INSERT INTO sources (run_id, path, size, mtime, start_byte) VALUES (?, ?, ?, ?, ?)')
			.run(this.runId, source.path, source.size ?? null, source.mtimeMs === undefined ? null : new Date(source.mtimeMs).toISOString(), startByte);
		return Number(result.lastInsertRowid);
	}

	addEvent(key: bigint, sourceId: number, event: AuthEvent, causes: CauseMatch[]): void {
		this.events.push({key, sourceId, event, causes});
		if (this.events.length >= batchSize) this.flush();
	}

	/** `path` makes the same broken record read again one row, not one per run. */
	addReject(sourceId: number, line: number, item: number | undefined, reason: string, excerpt: string, path = ''): void {
		this.rejects.push({key: recordKey(`${path}\n${line}\n${item ?? ''}\n${excerpt}`), sourceId, line, item, reason, excerpt});
		if (this.rejects.length >= batchSize) this.flush();
	}

	flush(): void {
		if (this.events.length > 0 || this.rejects.length > 0) this.flushBatch();
	}

	/** The totals of a source as read so far. */
	recordSource(sourceId: number, totals: SourceTotals): void {
		this.flush();
		this.db
			.prepare('UPDATE sources SET format = ?, gzip = ?, bytes = ?, records = ?, rejected = ?, content_hash = ?, read_bytes = ?, read_lines = ? WHERE id = ?')
			.run(totals.format ?? null, totals.gzip ? 1 : 0, totals.bytes, totals.records, totals.rejected, totals.contentHash ?? null, totals.readBytes ?? null, totals.readLines ?? null, sourceId);
	}

	/** Sources read to the end whose every event is stored (app failures wait for the end of the run). */
	completeSources(sourceIds: readonly number[]): void {
		this.flush();
		const mark = this.db.prepare('UPDATE sources SET complete = 1 WHERE id = ?');
		this.db.transaction(() => {
			for (const id of sourceIds) mark.run(id);
		})();
	}

	finishRun(status: 'complete' | 'interrupted' | 'failed', totals: RunTotals): void {
		this.flush();
		this.db
			.prepare('UPDATE runs SET finished_at = ?, status = ?, records = ?, rejected = ?, stored = ?, duplicates = ?, bytes = ?, skipped = ? WHERE id = ?')
			.run(new Date().toISOString(), status, totals.records, totals.rejected, this.stored, this.duplicates, totals.bytes, totals.skipped, this.runId);
	}

	private writePending(): void {
		for (const {key, sourceId, event, causes} of this.events) {
			const causeId = causes.length > 0 ? (this.causeIds.get(causes[0].rule.id) ?? null) : null;
			const result = this.insertEvent.run(eventRow(key, this.runId, sourceId, event, causeId));
			if (result.changes === 0) {
				this.duplicates++;
				continue;
			}
			this.stored++;
			const eventId = result.lastInsertRowid;
			for (let rank = 0; rank < causes.length; rank++) {
				const id = this.causeIds.get(causes[rank].rule.id);
				if (id !== undefined) this.insertEventCause.run(eventId, rank + 1, id, causes[rank].evidence.join('; '));
			}
			if (event.tokens) this.writeTokens(eventId, event.time, event.tokens);
		}
		for (const r of this.rejects) this.insertReject.run(this.runId, r.sourceId, r.line, r.item ?? null, r.reason, r.excerpt, r.key);
		this.events = [];
		this.rejects = [];
	}

	private writeTokens(eventId: number | bigint, time: string | undefined, tokens: readonly TokenAtUse[]): void {
		for (const t of tokens) {
			// Once per run (again if its signature became known): the same token is often in every line.
			const seenKey = `${t.fingerprint}|${t.signature ?? ''}`;
			if (!this.tokensWritten.has(seenKey)) {
				if (this.tokensWritten.size >= 100_000) this.tokensWritten.clear();
				this.tokensWritten.add(seenKey);
				this.upsertToken.run(tokenRow(t, time));
			}
			const expired = t.expiredAtUse === undefined ? null : t.expiredAtUse ? 1 : 0;
			this.insertEventToken.run(eventId, t.fingerprint, t.secondsPastExp ?? null, expired);
		}
	}
}

function tokenRow(t: TokenAtUse, firstSeen: string | undefined): unknown[] {
	const when = (seconds: number | undefined): string | null => (seconds === undefined ? null : new Date(seconds * 1000).toISOString());
	const flag = (v: boolean | undefined): number => (v ? 1 : 0);
	return [
		t.fingerprint, firstSeen ?? null, flag(t.malformed), flag(t.encrypted), t.alg ?? null, t.kid ?? null, t.typ ?? null,
		flag(t.hasNonce), Array.isArray(t.aud) ? t.aud.join(' ') : (t.aud ?? null), flag(t.graphAudience), t.iss ?? null,
		t.issuerKind, t.cloud ?? null, t.tid ?? null, t.appid ?? t.azp ?? null, t.ver ?? null, t.scp ?? null,
		t.roles ? t.roles.join(' ') : null, t.idtyp ?? null, t.uti ?? null, when(t.iat), when(t.nbf), when(t.exp),
		t.signature ?? null, t.claimsJson ?? null,
	];
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
		// Sign-in free text can quote what the client sent (a secret, a token): redacted like app messages.
		e.outcome === 'success' || s?.failureReason === undefined ? null : redactText(s.failureReason), causeId, e.message ?? null,
		s?.caPolicies && s.caPolicies.length > 0 ? s.caPolicies.join('; ') : null, s?.additionalDetails === undefined ? null : redactText(s.additionalDetails), flag(s?.isInteractive),
		s?.deviceId ?? null, s?.deviceOs ?? null, s?.browser ?? null, flag(s?.deviceCompliant), flag(s?.deviceManaged),
		s?.deviceTrustType ?? null, s?.location ?? null,
	];
}

/** true → 1, false → 0, unknown → NULL. */
function flag(value: boolean | undefined): number | null {
	return value === undefined ? null : value ? 1 : 0;
}

/** Whether a process with this id exists (signal 0 checks without signalling). */
function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}
