/**
 * Application log records (text blocks, or JSON log lines scanned as text): AADSTS, OAuth,
 * IDX and RFC 6750 errors, HTTP status, labelled ids, tokens (redacted), the request that
 * failed (grant, scopes, challenge) and a timestamp.
 * The fallback shape: it reads what no other shape recognizes, from the record's text.
 */

import {type OnToken, redactTokens} from '../../tokens/find.js';
import {findJsonRenderings} from '../../tokens/json-rendering.js';
import {redactSecrets} from '../../tokens/secrets.js';
import {findAadstsCodes, findIdxCodes} from '../artifacts/aadsts.js';
import {applyErrorBody, findErrorBody} from '../artifacts/error-body.js';
import {findExpectations} from '../artifacts/expectations.js';
import {findHttpErrors} from '../artifacts/http.js';
import {findIds} from '../artifacts/ids.js';
import {findRequestFacts} from '../artifacts/request.js';
import {findServerFailure} from '../artifacts/server-failure.js';
import {normalizeTime} from '../artifacts/time.js';
import type {AuthEvent, RecordSource, TokenFacts} from '../event.js';
import {newEvent} from '../event.js';
import type {ScanBudget} from '../scan-budget.js';

/** Stored messages are cut here; the codes and ids were taken from the whole text first. */
const maxMessageChars = 8192;

const leadingTimestamp = /^\[?(\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)?)/;
const stsTimestamp = /Timestamp:\s*(\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ)/;
const jsonTimestamp = /"(?:@t|time|timestamp|Timestamp|@timestamp)"\s*:\s*"([^"]+)"/;

/**
 * `onToken` sees each JWT while the raw token still exists (signature checks with --jwks).
 * `budget` is checked between the scans (each linear in the text): over it, the scan stops
 * with a ScanTimeout, for the caller to keep the record as a reject.
 */
export function extractAppText(raw: string, source: RecordSource, fromJson = false, onToken?: OnToken, budget?: ScanBudget): AuthEvent {
	const event = newEvent('app', source);
	const tokens: TokenFacts[] = [];
	const unredacted = redactTokens(raw, tokens, onToken);
	budget?.check();
	// IdentityModel's JSON rendering of a rejected token: facts as for any token. Read before the
	// secrets pass, which redacts the value after `token:` (its claims are redacted in claimsJson).
	findJsonRenderings(unredacted, tokens);
	budget?.check();
	const message = redactSecrets(unredacted);
	if (tokens.length > 0) event.tokens = tokens;
	budget?.check();

	findAadstsCodes(message, event.codes.aadsts);
	findIdxCodes(message, event.codes.idx);
	findHttpErrors(message, event.codes);
	budget?.check();
	findIds(message, event.ids);
	const body = message.includes('{"error"') ? findErrorBody(message) : undefined;
	if (body) applyErrorBody(body, event.codes, event.ids);
	findServerFailure(message, event.codes, body?.service);
	budget?.check();
	if (event.ids.uti === undefined && tokens.length > 0) event.ids.uti = tokens.find((t) => t.uti)?.uti;
	const expected = findExpectations(message);
	if (expected) event.expected = expected;
	budget?.check();
	const request = findRequestFacts(message);
	if (request) event.request = request;
	budget?.check();

	// A JSON log line inside a text log (pino, Serilog, winston next to console lines) is read as JSON.
	event.time = findTime(message, fromJson || message.startsWith('{')) ?? (body?.timestamp ? normalizeTime(body.timestamp) : undefined);
	event.outcome = appOutcome(event);
	event.message = message.length > maxMessageChars ? message.slice(0, maxMessageChars) + '…' : message;
	return event;
}

/** pino and bunyan write epoch milliseconds: `"time":1795253700912`. */
const jsonEpochMillis = /"time"\s*:\s*(\d{13})\b/;
/** Apache / nginx common log format: `[21/Nov/2026:10:41:17 +0000]`. */
const clfTimestamp = /\[(\d\d)\/([A-Z][a-z]{2})\/(\d{4}):(\d\d:\d\d:\d\d) ([+-]\d{4})\]/;
const months: Record<string, string> = {
	Jan: '01',
	Feb: '02',
	Mar: '03',
	Apr: '04',
	May: '05',
	Jun: '06',
	Jul: '07',
	Aug: '08',
	Sep: '09',
	Oct: '10',
	Nov: '11',
	Dec: '12',
};

/**
 * The record's own time, from the shapes logs write it in. Syslog's `Nov 21 10:41:17` has no
 * year and no zone: such a record keeps no time rather than a guessed one.
 */
function findTime(text: string, fromJson: boolean): string | undefined {
	if (fromJson) {
		const millis = jsonEpochMillis.exec(text);
		if (millis) return normalizeTime(Number(millis[1]));
	}
	const m = (fromJson ? jsonTimestamp.exec(text) : leadingTimestamp.exec(text)) ?? stsTimestamp.exec(text);
	if (m) return normalizeTime(m[1].replace(',', '.'));
	const clf = text.includes('/') ? clfTimestamp.exec(text) : null;
	if (clf && months[clf[2]]) return normalizeTime(`${clf[3]}-${months[clf[2]]}-${clf[1]}T${clf[4]}${clf[5]}`);
	return undefined;
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

/** The fallback of the registry (shapes/index.ts): read from the record's text, not its fields. */
export const appLog = {
	name: 'app-log',
	summary: 'application logs: text lines and blocks, and JSON log lines no other shape recognizes (msal-node, pino, Serilog)',
	extract: extractAppText,
} as const;
