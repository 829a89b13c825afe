/**
 * A group of app records (grouper.ts) that holds a failure becomes one event: the failure's
 * own record is its base (its key, source and time), and every other record adds what it
 * knew — codes, ids, tokens, the validator's expectations, the request's facts. Where each
 * piece came from is kept (incident.origins), for the evidence to name its record.
 */
import type {Pending} from '../correlate/correlator.js';
import type {AuthEvent, Expectations, IncidentFacts, RecordSource, RequestFacts, TokenAtUse} from '../extract/event.js';

/** The merged message (all the records' text, in order) is cut here, as one record's is. */
const maxMessageChars = 16_384;

export function mergeIncident(members: readonly Pending[]): Pending {
	const first = members.find((m) => m.event.outcome === 'failure' || m.event.outcome === 'interrupt') ?? members[0];
	const base = first.event;
	// The failure's record first: its codes lead, its values win where two records disagree.
	const ordered = [first, ...members.filter((m) => m !== first)].map((m) => m.event);
	const origins: Record<string, RecordSource> = {};
	const note = (key: string, from: AuthEvent): void => {
		origins[key] ??= from.source;
	};
	const event: AuthEvent = {
		...base,
		codes: {aadsts: [], idx: []},
		ids: {},
		who: {},
		app: {},
		resource: {},
	};
	// Rebuilt from every record below.
	delete event.tokens;
	delete event.expected;
	delete event.request;
	const tokens: TokenAtUse[] = [];
	const fingerprints = new Set<string>();
	for (const member of ordered) {
		const {codes} = member;
		addCodes(event.codes.aadsts, codes.aadsts, (code) => note(`codes.aadsts=${code}`, member));
		addCodes(event.codes.idx, codes.idx, (code) => note(`codes.idx=${code}`, member));
		for (const field of ['oauthError', 'bearerError', 'bearerErrorDescription'] as const) {
			if (event.codes[field] === undefined && codes[field] !== undefined) {
				event.codes[field] = codes[field];
				note(`codes.${field}`, member);
			}
		}
		fillFrom(event.ids, member.ids);
		fillFrom(event.who, member.who);
		fillFrom(event.app, member.app);
		fillFrom(event.resource, member.resource);
		event.time ??= member.time;
		for (const token of member.tokens ?? []) {
			if (fingerprints.has(token.fingerprint)) continue;
			fingerprints.add(token.fingerprint);
			tokens.push(token);
			note('token', member);
		}
		if (member.expected) event.expected = mergeExpectations(event.expected, member.expected, () => note('expected', member));
		if (member.request) event.request = mergeRequest(event.request ?? {}, member.request, (field) => note(`request.${field}`, member));
	}
	const status = httpStatusOf(ordered);
	if (status) {
		event.codes.httpStatus = status.value;
		note('codes.httpStatus', status.from);
	}
	if (tokens.length > 0) event.tokens = tokens;
	const inOrder = members.map((m) => m.event);
	const messages = inOrder.map((e) => e.message ?? '');
	const text = messages.join('\n');
	event.message = text.length > maxMessageChars ? `${text.slice(0, maxMessageChars)}…` : text;
	const incident: IncidentFacts = {records: inOrder.map((e) => e.source), origins, messages};
	event.incident = incident;
	event.outcome = base.outcome === 'interrupt' ? 'interrupt' : 'failure';
	return {...first, event};
}

function addCodes<T>(into: T[], from: readonly T[], added: (code: T) => void): void {
	for (const code of from) {
		if (into.includes(code)) continue;
		into.push(code);
		added(code);
	}
}

/** The failure's own status, else the first 401/403 of the group (the response), else any. */
function httpStatusOf(events: readonly AuthEvent[]): {value: number; from: AuthEvent} | undefined {
	const own = events[0];
	if (own.codes.httpStatus !== undefined) return {value: own.codes.httpStatus, from: own};
	const denied = events.find((e) => e.codes.httpStatus === 401 || e.codes.httpStatus === 403);
	const any = denied ?? events.find((e) => e.codes.httpStatus !== undefined);
	return any ? {value: any.codes.httpStatus!, from: any} : undefined;
}

function fillFrom<T extends object>(into: T, from: T): void {
	for (const key of Object.keys(from) as Array<keyof T>) if (into[key] === undefined && from[key] !== undefined) into[key] = from[key];
}

function union(a: string[] | undefined, b: string[] | undefined): string[] | undefined {
	if (!b || b.length === 0) return a;
	return [...new Set([...(a ?? []), ...b])];
}

function mergeExpectations(into: Expectations | undefined, from: Expectations, noted: () => void): Expectations {
	noted();
	return {audiences: union(into?.audiences, from.audiences), issuers: union(into?.issuers, from.issuers), scopes: union(into?.scopes, from.scopes)};
}

function mergeRequest(into: RequestFacts, from: RequestFacts, noted: (field: keyof RequestFacts) => void): RequestFacts {
	const merged: RequestFacts = {...into};
	for (const field of ['grantType', 'wwwAuthenticate', 'onBehalfOf'] as const) {
		if (merged[field] === undefined && from[field] !== undefined) {
			(merged as Record<string, unknown>)[field] = from[field];
			noted(field);
		}
	}
	for (const field of ['scopes', 'registration'] as const) {
		if (from[field]?.length) {
			merged[field] = union(merged[field], from[field]);
			noted(field);
		}
	}
	return merged;
}
