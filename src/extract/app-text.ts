/**
 * Application log records (text blocks, or JSON log lines scanned as text): AADSTS, OAuth,
 * IDX and RFC 6750 errors, HTTP status, labelled ids, tokens (redacted) and a timestamp.
 */
import type {AuthEvent, RecordSource, TokenFacts} from './event.js';
import {newEvent} from './event.js';
import {findAadstsCodes, findIdxCodes} from './artifacts/aadsts.js';
import {findIds} from './artifacts/ids.js';
import {findHttpErrors} from './artifacts/http.js';
import {redactTokens, type OnToken} from '../tokens/find.js';
import {redactSecrets} from '../tokens/secrets.js';
import {findExpectations} from './artifacts/expectations.js';
import {applyErrorBody, findErrorBody} from './artifacts/error-body.js';
import {normalizeTime} from './artifacts/time.js';

/** Stored messages are cut here; the codes and ids were taken from the whole text first. */
const maxMessageChars = 8192;

const leadingTimestamp = /^\[?(\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)?)/;
const stsTimestamp = /Timestamp:\s*(\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ)/;
const jsonTimestamp = /"(?:@t|time|timestamp|Timestamp|@timestamp)"\s*:\s*"([^"]+)"/;

/** `onToken` sees each JWT while the raw token still exists (signature checks with --jwks). */
export function extractAppText(raw: string, source: RecordSource, fromJson = false, onToken?: OnToken): AuthEvent {
	const event = newEvent('app', source);
	const tokens: TokenFacts[] = [];
	const message = redactSecrets(redactTokens(raw, tokens, onToken));
	if (tokens.length > 0) event.tokens = tokens;

	findAadstsCodes(message, event.codes.aadsts);
	findIdxCodes(message, event.codes.idx);
	findHttpErrors(message, event.codes);
	findIds(message, event.ids);
	const body = message.includes('{"error"') ? findErrorBody(message) : undefined;
	if (body) applyErrorBody(body, event.codes, event.ids);
	if (event.ids.uti === undefined && tokens.length > 0) event.ids.uti = tokens.find((t) => t.uti)?.uti;
	const expected = findExpectations(message);
	if (expected) event.expected = expected;

	event.time = findTime(message, fromJson) ?? (body?.timestamp ? normalizeTime(body.timestamp) : undefined);
	event.outcome = appOutcome(event);
	event.message = message.length > maxMessageChars ? message.slice(0, maxMessageChars) + '…' : message;
	return event;
}

function findTime(text: string, fromJson: boolean): string | undefined {
	const m = (fromJson ? jsonTimestamp.exec(text) : leadingTimestamp.exec(text)) ?? stsTimestamp.exec(text);
	return m ? normalizeTime(m[1].replace(',', '.')) : undefined;
}

/**
 * An app record fails when it carries auth error evidence (a code, an OAuth or bearer error,
 * 401/403); it succeeds on a 2xx/3xx; otherwise it says nothing about authentication.
 */
function appOutcome(event: AuthEvent): AuthEvent['outcome'] {
	const {codes} = event;
	if (codes.aadsts.length > 0 || codes.idx.length > 0 || codes.oauthError || codes.bearerError) return 'failure';
	const status = codes.httpStatus;
	if (status === 401 || status === 403) return 'failure';
	if (status !== undefined && status >= 200 && status < 400) return 'success';
	return 'unknown';
}
