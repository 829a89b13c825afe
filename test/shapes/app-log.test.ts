/** The app-log shape, the fallback: application log text and JSON log lines (src/extract/shapes/app-log.ts). */
import test from 'ava';
import {extractRecord} from '../../src/extract/extract-record.js';
import {extractAppText} from '../../src/extract/shapes/app-log.js';
import {shapeOf} from '../../src/extract/shapes/index.js';
import {fromJson, g1, g2, source} from './shape-helpers.js';

test('app-log reads text records and JSON records no other shape recognizes', (t) => {
	t.is(shapeOf({errorCode: 'invalid_grant', errorMessage: 'AADSTS70008'}), undefined);
	const text = extractRecord({type: 'text', text: 'fail: AADSTS50126: Invalid username or password.', source});
	t.true(text.ok && text.event.kind === 'app');
	t.true(fromJson({level: 30, msg: 'AADSTS50126'}).kind === 'app');
});

test('msal-node error line: OAuth error, AADSTS code, ids, timestamp', (t) => {
	const line = `{"errorCode":"invalid_client","errorMessage":"7000215 - [2026-11-19 08:44:04Z]: AADSTS7000215: Invalid client secret provided.\\r\\nTrace ID: ${g1}\\r\\nCorrelation ID: ${g2}\\r\\nTimestamp: 2026-11-19 08:44:04Z","subError":"","name":"ServerError"}`;
	const e = fromJson(JSON.parse(line));
	t.is(e.kind, 'app');
	t.is(e.outcome, 'failure');
	t.deepEqual(e.codes.aadsts, [7000215]);
	t.is(e.codes.oauthError, 'invalid_client');
	t.is(e.ids.traceId, g1);
	t.is(e.ids.correlationId, g2);
	t.is(e.time, '2026-11-19T08:44:04.000Z');
});

test('WWW-Authenticate challenge, IDX codes and HTTP status from app text', (t) => {
	const e = extractAppText(
		'HTTP/1.1 401 Unauthorized WWW-Authenticate: Bearer error="invalid_token", error_description="The token is expired" IDX10223: Lifetime validation failed.',
		source,
	);
	t.is(e.codes.bearerError, 'invalid_token');
	t.is(e.codes.bearerErrorDescription, 'The token is expired');
	t.deepEqual(e.codes.idx, ['IDX10223']);
	t.is(e.codes.httpStatus, 401);
	t.is(e.outcome, 'failure');
});

test('a line with no auth evidence says nothing (unknown); a 2xx access line is a success', (t) => {
	t.is(extractAppText('info: Microsoft.Hosting.Lifetime[0] Application started.', source).outcome, 'unknown');
	t.is(extractAppText('203.0.113.5 - - [19/Nov/2026:08:00:00 +0000] "GET /api HTTP/1.1" 200 512', source).outcome, 'success');
});

test('secrets in form bodies and URLs are redacted in the stored message', (t) => {
	const e = extractAppText('POST /token grant_type=refresh_token&refresh_token=0.AAAAsecretvalue&client_secret=abc~123 failed: invalid_grant', source);
	t.false(e.message!.includes('0.AAAAsecretvalue'));
	t.false(e.message!.includes('abc~123'));
	t.is(e.codes.oauthError, 'invalid_grant');
});

test('a token endpoint error body embedded in a log line is parsed as JSON', (t) => {
	const body = {
		error: 'invalid_scope',
		error_description: 'AADSTS70011: The provided value for scope is not valid.',
		error_codes: [70011, 9002313],
		timestamp: '2026-11-19 08:00:00Z',
		trace_id: g1.toUpperCase(),
		correlation_id: g2,
	};
	const e = extractAppText(`warn: Token request failed: ${JSON.stringify(body)} (attempt 2)`, source);
	t.deepEqual(e.codes.aadsts, [70011, 9002313]);
	t.is(e.codes.oauthError, 'invalid_scope');
	t.is(e.ids.traceId, g1);
	t.is(e.ids.correlationId, g2);
	t.is(e.time, '2026-11-19T08:00:00.000Z');
});

test('a code is AADSTS and 5 to 8 digits, IDX and 5: a longer digit run is no code (not a cut real one)', (t) => {
	const e = extractAppText(
		'failed: AADSTS500111111111 then AADSTS7000215999 and IDX105111 and AADSTS5011; real: AADSTS50126, AADSTS7000215: and IDX10511.',
		source,
	);
	t.deepEqual(e.codes.aadsts, [50126, 7000215]);
	t.deepEqual(e.codes.idx, ['IDX10511']);
	t.deepEqual(extractAppText('AADSTS500111112\r\nAADSTS90002313', source).codes.aadsts, [90002313]);
	t.deepEqual(extractAppText('\\r\\nAADSTS50126:', source).codes.aadsts, [50126], 'glued to escapes still found');
});
