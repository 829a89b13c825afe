/**
 * Token endpoint error bodies logged inside a line (`Token request failed: {"error":...}`):
 * parsed as JSON when they are JSON, so `error_codes`, `trace_id` and `correlation_id` are
 * read as fields rather than guessed from text. Escaped bodies (JSON inside a JSON string)
 * are left to the text patterns, which read them as well.
 */
import type {EventCodes} from '../event.js';
import type {FoundIds} from './ids.js';
import {oauthErrorValues} from './http.js';

export interface ErrorBody {
	error?: string;
	codes: number[];
	traceId?: string;
	correlationId?: string;
	timestamp?: string;
}

/** The first embedded `{"error": ...}` object that parses, if any. */
export function findErrorBody(text: string): ErrorBody | undefined {
	for (let start = text.indexOf('{"error"'); start !== -1; start = text.indexOf('{"error"', start + 1)) {
		const end = matchingBrace(text, start);
		if (end === -1) return undefined;
		try {
			const body = JSON.parse(text.slice(start, end + 1)) as Record<string, unknown>;
			const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
			return {
				error: str(body.error),
				codes: Array.isArray(body.error_codes) ? body.error_codes.filter((c): c is number => Number.isInteger(c)) : [],
				traceId: str(body.trace_id)?.toLowerCase(),
				correlationId: str(body.correlation_id)?.toLowerCase(),
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
	for (const code of body.codes) if (!codes.aadsts.includes(code)) codes.aadsts.push(code);
	if (body.error && oauthErrorValues.has(body.error)) codes.oauthError = body.error;
	if (body.traceId) ids.traceId = body.traceId;
	if (body.correlationId) ids.correlationId = body.correlationId;
}

function matchingBrace(text: string, start: number): number {
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
