/**
 * Token endpoint and API error bodies logged inside a line (`Token request failed: {"error":...}`):
 * parsed as JSON when they are JSON, so `error_codes`, `trace_id` and `correlation_id` are
 * read as fields rather than guessed from text. Escaped bodies (JSON inside a JSON string)
 * are left to the text patterns, which read them as well.
 */
import type {EventCodes} from '../event.js';
import {oauthErrorValues} from './http.js';
import {type FoundIds, realId} from './ids.js';
import type {ServiceError} from './server-failure.js';

export interface ErrorBody {
	error?: string;
	/** Graph and ARM nest theirs: `{"error":{"code":"InvalidAuthenticationToken","message":"..."}}`. */
	service?: ServiceError;
	codes: number[];
	traceId?: string;
	correlationId?: string;
	timestamp?: string;
}

/**
 * Each try reads to the object's closing brace and parses it: over every occurrence, a
 * record of nested `{"error"` that never parse would cost its length squared. A log line
 * holds one or two bodies; past this many failed tries, there is none.
 */
const maxBodyTries = 8;

/** The first embedded `{"error": ...}` object that parses, if any (of the first few). */
export function findErrorBody(text: string): ErrorBody | undefined {
	let tries = 0;
	for (let start = text.indexOf('{"error"'); start !== -1 && tries < maxBodyTries; start = text.indexOf('{"error"', start + 1), tries++) {
		const end = matchingBrace(text, start);
		if (end === -1) return undefined;
		try {
			const body = JSON.parse(text.slice(start, end + 1)) as Record<string, unknown>;
			const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
			const nested = body.error !== null && typeof body.error === 'object' ? (body.error as Record<string, unknown>) : undefined;
			return {
				error: str(body.error),
				service: nested ? {code: str(nested.code), message: str(nested.message)} : undefined,
				codes: Array.isArray(body.error_codes) ? body.error_codes.filter((c): c is number => Number.isInteger(c)) : [],
				traceId: realId(str(body.trace_id)),
				correlationId: realId(str(body.correlation_id)),
				timestamp: str(body.timestamp),
			};
		} catch {
			// not JSON after all: try the next occurrence
		}
	}
	return undefined;
}

/** Applies a body's fields; they outrank what the text patterns found. */
export function applyErrorBody(body: ErrorBody, codes: EventCodes, ids: FoundIds): void {
	const seen = new Set(codes.aadsts); // error_codes can list thousands: no scan of the list per code
	for (const code of body.codes) {
		if (!seen.has(code)) {
			seen.add(code);
			codes.aadsts.push(code);
		}
	}
	if (body.error && oauthErrorValues.has(body.error)) codes.oauthError = body.error;
	if (body.traceId) ids.traceId = body.traceId;
	if (body.correlationId) ids.correlationId = body.correlationId;
}

/** The index of the brace closing the object that opens at `start` (strings and their escapes skipped), or -1. */
export function matchingBrace(text: string, start: number): number {
	let depth = 0;
	let inString = false;
	for (let i = start; i < text.length; i++) {
		const c = text[i];
		if (inString) {
			if (c === '\\') i++;
			else if (c === '"') inString = false;
		} else if (c === '"') inString = true;
		else if (c === '{') depth++;
		else if (c === '}' && --depth === 0) return i;
	}
	return -1;
}
