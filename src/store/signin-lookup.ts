/**
 * Finds the sign-in behind an app event in the database, by the ids the app logged:
 * the STS trace id or an `x-ms-request-id` (both are the sign-in's Request ID), the
 * correlation id (shared by every sign-in of one client request; the failed one nearest in
 * time is taken), or the uti of the token the app saw (the sign-in that issued it). Only
 * sign-ins of the days around the app event are probed (day-window.ts).
 */
import type {Statement} from 'better-sqlite3';
import type {AuthEvent, CaPolicy, LinkVia, Outcome} from '../extract/event.js';
import type {Db} from './database.js';
import {dayOf, dayWindow} from './day-window.js';
import {policiesFromRows, policiesOfEvent, type StoredPolicy} from './policy-rows.js';

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
	/** Its Conditional Access policies (event_ca_policies), in the record's order. */
	policies?: CaPolicy[];
}

const columns = `e.id, e.time, e.outcome, e.error_code, e.request_id, e.correlation_id, e.user_principal_name, e.user_id,
	e.tenant_id, e.ip_address, e.app_id, e.app_name, e.resource_id, e.resource_name, e.category, e.client_app, e.ca_status,
	e.flow, e.failure_reason, e.additional_details, e.is_interactive, e.device_id, e.device_os, e.browser,
	e.device_compliant, e.device_managed, e.device_trust_type, e.location, c.cause`;

export class SigninLookup {
	/** By id and the days around the app event's time; `any`: by id alone, for an event with no time. */
	private readonly byRequestId: {near: Statement; any: Statement};
	private readonly byCorrelationId: {near: Statement; any: Statement};
	private readonly byUti: {near: Statement; any: Statement};
	private readonly policies: Statement;

	constructor(db: Db) {
		const from = 'FROM events e LEFT JOIN causes c ON c.id = e.cause_id';
		const statements = (where: string, orderBy = ''): {near: Statement; any: Statement} => ({
			near: db.prepare(`SELECT ${columns} ${from} WHERE ${dayOf('e')} IN (${dayWindow('@time')}) AND ${where} ${orderBy} LIMIT 1`),
			any: db.prepare(`SELECT ${columns} ${from} WHERE ${where} ${orderBy} LIMIT 1`),
		});
		this.byRequestId = statements("e.request_id = @id AND e.kind = 'signin'");
		// One client request can make several sign-ins (an MFA interrupt, then success): the failed one nearest in time first.
		this.byCorrelationId = statements(
			"e.correlation_id = @id AND e.kind = 'signin'",
			"ORDER BY e.outcome = 'success', e.time IS NULL, abs(julianday(e.time) - julianday(coalesce(@time, e.time)))",
		);
		this.byUti = statements("e.uti = @id AND e.kind = 'signin'");
		this.policies = db.prepare(policiesOfEvent);
	}

	/** The best-joined sign-in for this app event, or undefined. */
	find(event: AuthEvent): FoundSignin | undefined {
		const found = this.findRow(event);
		if (found) found.policies = policiesFromRows(this.policies.all(found.row.id) as StoredPolicy[]);
		return found;
	}

	private findRow(event: AuthEvent): FoundSignin | undefined {
		const {traceId, requestId, correlationId, uti} = event.ids;
		const time = event.time ?? null;
		const get = (by: {near: Statement; any: Statement}, id: string): SigninRow | undefined =>
			(time === null ? by.any.get({id, time}) : by.near.get({id, time})) as SigninRow | undefined;
		let row: SigninRow | undefined;
		if (traceId && (row = get(this.byRequestId, traceId))) return {via: 'trace_id', row};
		if (requestId && (row = get(this.byRequestId, requestId))) return {via: 'request_id', row};
		if (correlationId && (row = get(this.byCorrelationId, correlationId))) return {via: 'correlation_id', row};
		if (uti && (row = get(this.byUti, uti))) return {via: 'uti', row};
		return undefined;
	}
}

/** True when the app event logged an id a sign-in could have. */
export function hasJoinIds(event: AuthEvent): boolean {
	const {traceId, requestId, correlationId, uti} = event.ids;
	return Boolean(traceId || requestId || correlationId || uti);
}
