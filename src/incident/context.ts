/**
 * What the grouper needs to know of one app record to tell which failed request it belongs
 * to: the ids it logged (the STS ids extraction found, plus the request, trace and activity
 * ids frameworks log that are not GUIDs), its logging lane (a thread or scope), its time, and
 * whether it is an access-log line (each one its own request).
 */
import type {AuthEvent} from '../extract/event.js';

/** The kinds of id a record can log; two records with different values of one kind are different requests. */
export type IdKind = 'trace' | 'request' | 'correlation' | 'activity' | 'span';

export interface RecordContext {
	/** `kind:value`, lower case: the keys records are joined by. */
	ids: Map<IdKind, string>;
	/** Thread or logging scope, when the log names one; '' when it does not. */
	lane: string;
	/** Epoch milliseconds of the record's own time. */
	time?: number;
	accessLog: boolean;
	/** Codes and status that make the record a failure, as one string: the same again is a new failure, not more evidence. */
	signature: string;
	failure: boolean;
	/** It carries an AADSTS or IDX code: an error of its own, not only a status or challenge. */
	coded: boolean;
	/** A 2xx/3xx, or a record that says it succeeded: it ends its request's group. */
	success: boolean;
}

/**
 * Labelled ids as frameworks log them: ASP.NET Core scopes (`RequestId:0HMQ8VQ1AC1KF:00000002`,
 * `TraceId:4bf9…`), Serilog/JSON properties (`"RequestId":"…"`), Python `request_id=…`,
 * `x-ms-request-id`, `client-request-id`, `operation_Id`. A value is 6 to 64 id characters.
 */
const labelledId = /\b(client-request|x-ms-request|request|trace|activity|operation|correlation|span)[ _-]?id\\?"?\s*[:=]\s*\\?["']?([\w:.-]{6,64})/gi;
const mentionsId = /id/i;
/** W3C traceparent: `00-<trace id>-<span id>-<flags>`. */
const traceparent = /\b00-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}\b/i;
/** MSAL.NET prints `[<time> - <correlation id>]`, msal-node `: [<correlation id>] :`. */
const msalCorrelation = /(?:Z - |\] : \[)([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\]/i;

const jsonThread = /"(?:ThreadId|threadId|thread_id|thread|threadName|thread_name)"\s*:\s*"?([\w.-]{1,40})/;
const textThread = /\[(?:Thread[- :]?|tid[:=]?)([\w.-]{1,40})\]|\btid[=:](\d{1,10})\b/i;

/** `acquireTokenPopup succeeded`, `Token acquired successfully`: the request (or its retry) is over, whatever the outcome says. */
const succeeded = /\b(?:succeeded|successfully|success)\b/i;

const accessLogLine = /"(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \S+ HTTP\/[\d.]+" \d{3}\b/;

export function recordContext(event: AuthEvent): RecordContext {
	const text = event.message ?? '';
	const ids = new Map<IdKind, string>();
	const put = (kind: IdKind, value: string | undefined): void => {
		if (value !== undefined && looksLikeId(value) && !ids.has(kind)) ids.set(kind, value.toLowerCase());
	};
	put('trace', event.ids.traceId);
	put('request', event.ids.requestId);
	put('correlation', event.ids.correlationId);
	// Each scan only where its literal is: most records have none of these.
	if (text.includes('Z - ') || text.includes('] : [')) put('correlation', msalCorrelation.exec(text)?.[1]);
	if (text.includes('00-')) put('trace', traceparent.exec(text)?.[1]);
	if (mentionsId.test(text)) {
		labelledId.lastIndex = 0;
		for (let m = labelledId.exec(text); m !== null; m = labelledId.exec(text)) put(idKind(m[1]), m[2]);
	}
	const thread = text.startsWith('{')
		? jsonThread.exec(text)?.[1]
		: text.includes('[') || text.includes('tid')
			? textThread.exec(text)?.slice(1).find(Boolean)
			: undefined;
	const time = event.time === undefined ? undefined : Date.parse(event.time);
	const {codes} = event;
	return {
		ids,
		lane: thread ?? '',
		time: Number.isNaN(time) ? undefined : time,
		accessLog: text.includes(' HTTP/') && accessLogLine.test(text),
		signature: [codes.aadsts.join(','), codes.idx.join(','), codes.oauthError ?? '', codes.bearerError ?? '', codes.httpStatus ?? ''].join('|'),
		failure: event.outcome === 'failure' || event.outcome === 'interrupt',
		coded: codes.aadsts.length > 0 || codes.idx.length > 0,
		success: event.outcome === 'success' || (event.outcome === 'unknown' && succeeded.test(text)),
	};
}

function idKind(label: string): IdKind {
	switch (label.toLowerCase()) {
		case 'trace':
			return 'trace';
		case 'request':
		case 'x-ms-request':
			return 'request';
		case 'span':
			return 'span';
		case 'activity':
		case 'operation':
			return 'activity';
		default:
			return 'correlation'; // correlation, client-request (MSAL's name for it)
	}
}

/**
 * An id has a digit and more than one distinct character: a redacted `xxxxxxxx`, `[PII is
 * hidden]` or a word after `request id:` in prose joins nothing.
 */
function looksLikeId(value: string): boolean {
	return /\d/.test(value) && /[0-9a-f]/i.test(value) && new Set(value.toLowerCase()).size > 2;
}
