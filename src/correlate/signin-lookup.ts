/**
 * Finds the sign-in behind an app event in the database, by the ids the app logged:
 * the STS trace id or an `x-ms-request-id` (both are the sign-in's Request ID), the
 * correlation id (shared by every sign-in of one client request; the failed one nearest in
 * time is taken), or the uti of the token the app saw (the sign-in that issued it).
 */
import type {Statement} from 'better-sqlite3';
import type {AuthEvent, LinkVia, Outcome} from '../extract/event.js';
import type {Db} from '../store/database.js';

/** The columns of a sign-in event that enrich an app event. */
export interface SigninRow {
	id: number;
	time: string | null;
	outcome: Outcome;
	error_code: number | null;
	request_id: string | null;
	correlation_id: string | null;
	user_principal_name: string | null;
	user_id: string | null;
	tenant_id: string | null;
	ip_address: string | null;
	app_id: string | null;
	app_name: string | null;
	resource_id: string | null;
	resource_name: string | null;
	category: string | null;
	client_app: string | null;
	ca_status: string | null;
	ca_policies: string | null;
	flow: string | null;
	failure_reason: string | null;
	additional_details: string | null;
	is_interactive: number | null;
	device_id: string | null;
	device_os: string | null;
	browser: string | null;
	device_compliant: number | null;
	device_managed: number | null;
	device_trust_type: string | null;
	location: string | null;
	cause: string | null;
}

export interface FoundSignin {
	via: LinkVia;
	row: SigninRow;
}

const columns = `e.id, e.time, e.outcome, e.error_code, e.request_id, e.correlation_id, e.user_principal_name, e.user_id,
	e.tenant_id, e.ip_address, e.app_id, e.app_name, e.resource_id, e.resource_name, e.category, e.client_app, e.ca_status,
	e.ca_policies, e.flow, e.failure_reason, e.additional_details, e.is_interactive, e.device_id, e.device_os, e.browser,
	e.device_compliant, e.device_managed, e.device_trust_type, e.location, c.cause`;

export class SigninLookup {
	private readonly byRequestId: Statement;
	private readonly byCorrelationId: Statement;
	private readonly byUti: Statement;

	constructor(db: Db) {
		const from = 'FROM events e LEFT JOIN causes c ON c.id = e.cause_id';
		this.byRequestId = db.prepare(`SELECT ${columns} ${from} WHERE e.request_id = ? AND e.kind = 'signin' LIMIT 1`);
		// One client request can make several sign-ins (an MFA interrupt, then success): the failed one nearest in time first.
		this.byCorrelationId = db.prepare(`SELECT ${columns} ${from} WHERE e.correlation_id = ? AND e.kind = 'signin'
			ORDER BY e.outcome = 'success', e.time IS NULL, abs(julianday(e.time) - julianday(coalesce(?, e.time))) LIMIT 1`);
		this.byUti = db.prepare(`SELECT ${columns} ${from} WHERE e.uti = ? AND e.kind = 'signin' LIMIT 1`);
	}

	/** The best-joined sign-in for this app event, or undefined. */
	find(event: AuthEvent): FoundSignin | undefined {
		const {traceId, requestId, correlationId, uti} = event.ids;
		let row: SigninRow | undefined;
		if (traceId && (row = this.byRequestId.get(traceId) as SigninRow | undefined)) return {via: 'trace_id', row};
		if (requestId && (row = this.byRequestId.get(requestId) as SigninRow | undefined)) return {via: 'request_id', row};
		if (correlationId && (row = this.byCorrelationId.get(correlationId, event.time ?? null) as SigninRow | undefined)) return {via: 'correlation_id', row};
		if (uti && (row = this.byUti.get(uti) as SigninRow | undefined)) return {via: 'uti', row};
		return undefined;
	}
}

/** True when the app event logged an id a sign-in could have. */
export function hasJoinIds(event: AuthEvent): boolean {
	const {traceId, requestId, correlationId, uti} = event.ids;
	return Boolean(traceId || requestId || correlationId || uti);
}
