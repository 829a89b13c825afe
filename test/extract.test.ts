import test from 'ava';
import {extractRecord} from '../src/extract/extract-record.js';
import {extractAppText} from '../src/extract/app-text.js';
import {normalizeTime} from '../src/extract/artifacts/time.js';
import {findIds} from '../src/extract/artifacts/ids.js';
import type {AuthEvent} from '../src/extract/event.js';

const source = {file: 't', line: 1};
const fromJson = (value: Record<string, unknown>): AuthEvent => {
	const result = extractRecord({type: 'json', value, raw: JSON.stringify(value), source});
	if (!result.ok) throw new Error(result.reason);
	return result.event;
};
const g1 = '11111111-aaaa-4bbb-8ccc-111111111111';
const g2 = '22222222-aaaa-4bbb-8ccc-222222222222';

test('Graph signIn: status code, ids, user, app, CA policies that acted', (t) => {
	const e = fromJson({
		id: g1.toUpperCase(), createdDateTime: '2026-11-19T08:44:04.6195833Z', correlationId: g2, userPrincipalName: 'a@contoso.com',
		appId: 'app', appDisplayName: 'Portal', status: {errorCode: 53003, failureReason: 'Blocked by CA'},
		appliedConditionalAccessPolicies: [{displayName: 'Block legacy', result: 'failure'}, {displayName: 'Other', result: 'notEnabled'}],
		signInEventTypes: ['interactiveUser'], authenticationProtocol: 'deviceCode',
	});
	t.is(e.kind, 'signin');
	t.is(e.outcome, 'failure');
	t.deepEqual(e.codes.aadsts, [53003]);
	t.is(e.ids.requestId, g1);
	t.is(e.time, '2026-11-19T08:44:04.619Z');
	t.deepEqual(e.signin?.caPolicies, ['Block legacy:failure']);
	t.is(e.signin?.category, 'interactiveUser');
	t.is(e.signin?.flow, 'deviceCode');
});

test('success is error code 0; a missing or empty status is unknown, not success', (t) => {
	t.is(fromJson({createdDateTime: '2026-11-19T00:00:00Z', status: {errorCode: 0, failureReason: 'Other.'}}).outcome, 'success');
	t.is(fromJson({createdDateTime: '2026-11-19T00:00:00Z', status: {}}).outcome, 'unknown');
	t.is(fromJson({createdDateTime: '2026-11-19T00:00:00Z'}).outcome, 'unknown');
});

test('diagnostic-settings record: resultType string, envelope fields, drift in Level and time', (t) => {
	const e = fromJson({
		time: '11/19/2026 1:45:17 PM', resultType: '50126', category: 'NonInteractiveUserSignInLogs', Level: 'Informational',
		correlationId: g2, tenantId: 'T1', callerIpAddress: '203.0.113.9', durationMs: '0',
		properties: {id: g1, status: {errorCode: 50126}, userPrincipalName: 'b@contoso.com'},
	});
	t.is(e.outcome, 'failure');
	t.deepEqual(e.codes.aadsts, [50126]);
	t.is(e.time, '2026-11-19T13:45:17.000Z');
	t.is(e.signin?.category, 'NonInteractiveUserSignInLogs');
	t.is(e.who.tenantId, 't1');
	t.is(e.who.ip, '203.0.113.9');
	t.is(fromJson({resultType: '0', properties: {}}).outcome, 'success');
	t.is(fromJson({resultType: '', properties: {}, category: 'SignInLogs'}).outcome, 'unknown');
});

test('Log Analytics row: PascalCase columns, JSON encoded as strings decoded', (t) => {
	const e = fromJson({
		TimeGenerated: '2026-11-19T08:00:00Z', ResultType: '50173', CorrelationId: g2, Id: g1, UserPrincipalName: 'c@contoso.com',
		Status: '{"errorCode":50173,"failureReason":"Fresh auth token is needed."}', ConditionalAccessPolicies: '[{"displayName":"P","result":"success"}]',
		AuthenticationProcessingDetails: '[{"key":"Legacy TLS","value":"False"}]',
	});
	t.deepEqual(e.codes.aadsts, [50173]);
	t.is(e.signin?.failureReason, 'Fresh auth token is needed.');
	t.deepEqual(e.signin?.caPolicies, ['P:success']);
	t.deepEqual(e.signin?.processingDetails, ['Legacy TLS=False']);
});

test('times: 7 fraction digits, offsets, no zone, US locale with comma and millis', (t) => {
	t.is(normalizeTime('2026-11-19T08:44:04.6195833Z'), '2026-11-19T08:44:04.619Z');
	t.is(normalizeTime('2026-11-19T08:44:04+02:00'), '2026-11-19T06:44:04.000Z');
	t.is(normalizeTime('2026-11-19T08:44:04'), '2026-11-19T08:44:04.000Z');
	t.is(normalizeTime('4/28/2021, 2:08:45.221 PM'), '2021-04-28T14:08:45.221Z');
	t.is(normalizeTime('12/1/2026 12:05:00 AM'), '2026-12-01T00:05:00.000Z');
	t.is(normalizeTime('not a time'), undefined);
});

test('ids in every spelling, including glued to literal \\r\\n escapes', (t) => {
	const spellings: Array<[string, keyof ReturnType<typeof idsOf>]> = [
		[`Correlation ID: ${g1}`, 'correlationId'],
		[`"correlation_id":"${g1}"`, 'correlationId'],
		[`CorrelationId ${g1}`, 'correlationId'],
		[`correlationId=${g1}`, 'correlationId'],
		[`...provided.\\r\\nCorrelation ID: ${g1}\\r\\nTimestamp`, 'correlationId'],
		[`{\\"correlation_id\\":\\"${g1}\\"}`, 'correlationId'],
		[`client-request-id: ${g1}`, 'correlationId'],
		[`Trace ID: ${g1}`, 'traceId'],
		[`"trace_id":"${g1}"`, 'traceId'],
		[`x-ms-request-id: ${g1}`, 'requestId'],
		[`request_id=${g1.toUpperCase()}`, 'requestId'],
	];
	for (const [text, kind] of spellings) t.is(idsOf(text)[kind], g1, text);
	t.deepEqual(idsOf('Correlation ID: undefined'), {});
});

function idsOf(text: string): {correlationId?: string; traceId?: string; requestId?: string} {
	const ids = {};
	findIds(text, ids);
	return ids;
}

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
	const e = extractAppText('HTTP/1.1 401 Unauthorized WWW-Authenticate: Bearer error="invalid_token", error_description="The token is expired" IDX10223: Lifetime validation failed.', source);
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

test('a JSON value that is no object is rejected with a reason', (t) => {
	const result = extractRecord({type: 'json', value: 42, raw: '42', source});
	t.false(result.ok);
});

test('a token endpoint error body embedded in a log line is parsed as JSON', (t) => {
	const body = {error: 'invalid_scope', error_description: 'AADSTS70011: The provided value for scope is not valid.', error_codes: [70011, 9002313], timestamp: '2026-11-19 08:00:00Z', trace_id: g1.toUpperCase(), correlation_id: g2};
	const e = extractAppText(`warn: Token request failed: ${JSON.stringify(body)} (attempt 2)`, source);
	t.deepEqual(e.codes.aadsts, [70011, 9002313]);
	t.is(e.codes.oauthError, 'invalid_scope');
	t.is(e.ids.traceId, g1);
	t.is(e.ids.correlationId, g2);
	t.is(e.time, '2026-11-19T08:00:00.000Z');
});

test('a code is AADSTS and 5 to 8 digits, IDX and 5: a longer digit run is no code (not a cut real one)', (t) => {
	const e = extractAppText('failed: AADSTS500111111111 then AADSTS7000215999 and IDX105111 and AADSTS5011; real: AADSTS50126, AADSTS7000215: and IDX10511.', source);
	t.deepEqual(e.codes.aadsts, [50126, 7000215]);
	t.deepEqual(e.codes.idx, ['IDX10511']);
	t.deepEqual(extractAppText('AADSTS500111112\r\nAADSTS90002313', source).codes.aadsts, [90002313]);
	t.deepEqual(extractAppText('\\r\\nAADSTS50126:', source).codes.aadsts, [50126], 'glued to escapes still found');
});

test('a sign-in error code too large to be exact is no code', (t) => {
	const e = fromJson({createdDateTime: '2026-11-19T00:00:00Z', status: {errorCode: '500111111111111111111'}});
	t.deepEqual(e.codes.aadsts, []);
	t.is(e.outcome, 'unknown');
	t.deepEqual(fromJson({createdDateTime: '2026-11-19T00:00:00Z', status: {errorCode: '50126'}}).codes.aadsts, [50126]);
});
