/**
 * `aadlog trace <id>`: everything the database knows about one request, across sources.
 * The id may be a correlation id, a Request ID (a sign-in's id, an STS trace id, an
 * x-ms-request-id), a token's uti or a token fingerprint. The events found are widened
 * once: by the correlations table (app event ↔ sign-in) and by their correlation ids, so
 * the client's error, the API's log line and the sign-in behind them come out together.
 */
import type {CaPolicy} from '../extract/event.js';
import type {Db} from '../store/database.js';
import {policiesFromRows, type StoredPolicy} from '../store/policy-rows.js';
import {normalizeUti} from '../tokens/uti.js';

export interface StoryEvent {
	id: number;
	time: string | null;
	kind: 'signin' | 'app';
	outcome: string;
	source: string;
	line: number | null;
	error_code: number | null;
	aadsts_codes: string | null;
	oauth_error: string | null;
	idx_codes: string | null;
	http_status: number | null;
	bearer_error: string | null;
	correlation_id: string | null;
	request_id: string | null;
	trace_id: string | null;
	user_principal_name: string | null;
	app_name: string | null;
	app_id: string | null;
	resource_name: string | null;
	client_app: string | null;
	ca_status: string | null;
	/** Its Conditional Access policies (event_ca_policies), in the record's order: an app event carries its joined sign-in's; a slim success has none. */
	ca_policies: CaPolicy[];
	device_os: string | null;
	browser: string | null;
	device_compliant: number | null;
	device_trust_type: string | null;
	location: string | null;
	failure_reason: string | null;
	message: string | null;
	cause: string | null;
	cause_title: string | null;
	who: string | null;
	fix: string | null;
	evidence: string | null;
	/** How this event is tied to the others: the id it shares, or the join that found it. */
	joined_via: string | null;
}

export interface Story {
	id: string;
	/** Newest first. */
	events: StoryEvent[];
	tokens: Array<{fingerprint: string; aud: string | null; iss: string | null; expires_at: string | null; signature: string | null}>;
}

const columns = `e.id, e.time, e.kind, e.outcome, src.path AS source, e.line, e.error_code, e.aadsts_codes, e.oauth_error,
	e.idx_codes, e.http_status, e.bearer_error, e.correlation_id, e.request_id, e.trace_id, e.user_principal_name, e.app_name,
	e.app_id, e.resource_name, e.client_app, e.ca_status, e.device_os, e.browser, e.device_compliant,
	e.device_trust_type, e.location, e.failure_reason, e.message, c.cause, c.title AS cause_title, c.who, c.fix,
	(SELECT ec.evidence FROM event_causes ec WHERE ec.event_id = e.id AND ec.rank = 1) AS evidence`;
const from = 'FROM events e JOIN sources src ON src.id = e.source_id LEFT JOIN causes c ON c.id = e.cause_id';
/** A story is a handful of events; a correlation id shared by thousands (a bug upstream) is cut. */
const maxEvents = 200;

export function findStory(db: Db, rawId: string): Story {
	const id = rawId.trim().toLowerCase();
	const uti = normalizeUti(rawId.trim());
	const found = new Map<number, StoryEvent>();
	const add = (rows: StoryEvent[], via: string): void => {
		for (const row of rows)
			if (!found.has(row.id) && found.size < maxEvents) found.set(row.id, {...row, joined_via: row.joined_via ?? via, ca_policies: []});
	};
	const direct = db
		.prepare(`SELECT ${columns}, NULL AS joined_via ${from}
		WHERE e.correlation_id = ? OR e.request_id = ? OR e.trace_id = ? OR e.uti = ? ORDER BY e.time DESC LIMIT ${maxEvents}`)
		.all(id, id, id, uti ?? id) as StoryEvent[];
	add(direct, 'the id');
	const byFingerprint = db
		.prepare(`SELECT ${columns}, NULL AS joined_via ${from} JOIN event_tokens et ON et.event_id = e.id
		WHERE et.fingerprint = ? LIMIT ${maxEvents}`)
		.all(id) as StoryEvent[];
	add(byFingerprint, 'the token');

	// Widen once: joined sign-ins / app events, and events sharing a correlation id.
	const seeds = [...found.values()];
	const joinedSignins = db.prepare(
		`SELECT ${columns}, co.via AS joined_via ${from} JOIN correlations co ON co.signin_event_id = e.id WHERE co.app_event_id = ?`,
	);
	const joinedApps = db.prepare(
		`SELECT ${columns}, co.via AS joined_via ${from} JOIN correlations co ON co.app_event_id = e.id WHERE co.signin_event_id = ?`,
	);
	const sameCorrelation = db.prepare(`SELECT ${columns}, 'correlation_id' AS joined_via ${from} WHERE e.correlation_id = ? LIMIT ${maxEvents}`);
	const correlationIds = new Set<string>();
	for (const seed of seeds) {
		add(joinedSignins.all(seed.id) as StoryEvent[], 'joined');
		add(joinedApps.all(seed.id) as StoryEvent[], 'joined');
	}
	for (const event of found.values()) if (event.correlation_id) correlationIds.add(event.correlation_id);
	for (const correlationId of correlationIds) add(sameCorrelation.all(correlationId) as StoryEvent[], 'correlation_id');

	addPolicies(db, found);
	const events = [...found.values()].sort((a, b) => (b.time ?? '').localeCompare(a.time ?? '') || b.id - a.id);
	const tokens =
		events.length === 0
			? []
			: (db
					.prepare(`SELECT DISTINCT t.fingerprint, t.aud, t.iss, t.expires_at, t.signature FROM tokens t
		JOIN event_tokens et ON et.fingerprint = t.fingerprint WHERE et.event_id IN (${events.map((e) => e.id).join(',')})`)
					.all() as Story['tokens']);
	return {id: rawId.trim(), events, tokens};
}

/** Each event's Conditional Access policies, read in one query for the whole story. */
function addPolicies(db: Db, found: Map<number, StoryEvent>): void {
	if (found.size === 0) return;
	const rows = db
		.prepare(`SELECT event_id, policy_id, name, result, grant_controls, session_controls FROM event_ca_policies
		WHERE event_id IN (${[...found.keys()].join(',')}) ORDER BY event_id, position`)
		.all() as Array<StoredPolicy & {event_id: number}>;
	const byEvent = new Map<number, StoredPolicy[]>();
	for (const row of rows) {
		const list = byEvent.get(row.event_id);
		if (list) list.push(row);
		else byEvent.set(row.event_id, [row]);
	}
	for (const [eventId, policies] of byEvent) {
		const event = found.get(eventId);
		if (event) event.ca_policies = policiesFromRows(policies) ?? [];
	}
}
