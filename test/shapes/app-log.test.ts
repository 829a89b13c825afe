/** The app-log shape, the fallback: application log text and JSON log lines (src/extract/shapes/app-log.ts). */
import test from 'ava';
import {loadKnowledge} from '../../src/classify/knowledge.js';
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

/**
 * An API's refusal told without an IDX code or a challenge, as logged: JwtBearer's failure
 * text after a status line, a Graph error body, the Graph .NET SDK's ServiceException text,
 * ASP.NET Core's "was challenged" and "Request finished" lines, .NET's WebException and
 * HttpClient messages.
 */
test('server-side failures without an IDX code or a challenge are failures, with the challenge they imply', (t) => {
	const codesOf = (text: string) => {
		const e = extractAppText(text, source);
		return {outcome: e.outcome, ...e.codes};
	};
	t.like(codesOf("fail: GET /api/orders 401 Unauthorized: The audience 'api://other' is invalid"), {
		outcome: 'failure',
		httpStatus: 401,
		bearerError: 'invalid_token',
		bearerErrorDescription: "The audience 'api://other' is invalid",
	});
	const graph = {error: {code: 'InvalidAuthenticationToken', message: 'Access token validation failure. Invalid audience.', innerError: {'request-id': g1}}};
	t.like(codesOf(`Graph call failed: ${JSON.stringify(graph)}`), {
		outcome: 'failure',
		httpStatus: 401,
		bearerError: 'invalid_token',
		bearerErrorDescription: 'Access token validation failure. Invalid audience.',
	});
	t.like(codesOf('Microsoft.Graph.ServiceException: Code: InvalidAuthenticationToken\nMessage: Access token is empty.'), {
		outcome: 'failure',
		bearerError: 'invalid_token',
		bearerErrorDescription: 'Access token is empty.',
	});
	t.like(codesOf('warn: Bearer was not authenticated. Failure message: The signature is invalid'), {outcome: 'failure', bearerError: 'invalid_token'});
	t.like(codesOf('Lifetime validation failed. The token is expired.'), {
		outcome: 'failure',
		bearerErrorDescription: 'Lifetime validation failed. The token is expired.',
	});
	t.like(codesOf('info: Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerHandler[12] AuthenticationScheme: Bearer was challenged.'), {
		outcome: 'failure',
		httpStatus: 401,
	});
	t.like(codesOf('AuthenticationScheme: Bearer was forbidden.'), {outcome: 'failure', httpStatus: 403});
	t.like(codesOf('info: Request finished HTTP/1.1 GET http://localhost:5000/api/orders - 401 0 - 23.5ms'), {outcome: 'failure', httpStatus: 401});
	t.like(codesOf('info: Request finished HTTP/1.1 GET https://localhost:7001/api - - - 403 0 - 8.1ms'), {outcome: 'failure', httpStatus: 403});
	t.like(codesOf('The remote server returned an error: (403) Forbidden.'), {outcome: 'failure', httpStatus: 403});
	t.like(codesOf('Response status code does not indicate success: 401 (Unauthorized).'), {outcome: 'failure', httpStatus: 401});
	t.like(codesOf('{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation."}}'), {
		outcome: 'failure',
		httpStatus: 403,
	});
	t.like(codesOf('info: Request finished HTTP/1.1 GET http://localhost:5000/api/orders - 200 512 - 3.1ms'), {outcome: 'success', httpStatus: 200});
});

test('an error name after `code` is no secret; the resource-api rules name the cause from the implied challenge', (t) => {
	const e = extractAppText('{"error":{"code":"InvalidAuthenticationToken","message":"Access token validation failure. Invalid audience."}}', source);
	t.true(e.message!.includes('"code":"InvalidAuthenticationToken"'));
	const {engine} = loadKnowledge();
	t.is(engine.classify(e)[0].rule.id, 'api-audience-mismatch');
});

test('an API failure sentence beside a token issuance code or a challenge leaves them as they are', (t) => {
	// MSAL's own cache messages and the STS's codes are no API's refusal.
	t.deepEqual(extractAppText('AADSTS700082: The refresh token has expired due to inactivity.', source).codes.bearerError, undefined);
	t.is(extractAppText('[MSAL] Access token has expired or about to expire.', source).outcome, 'unknown');
	const challenged = extractAppText('WWW-Authenticate: Bearer error="insufficient_scope" The signature is invalid', source);
	t.is(challenged.codes.bearerError, 'insufficient_scope');
	const idx = extractAppText('IDX10214: Audience validation failed.', source);
	t.is(idx.codes.bearerError, undefined, 'the IDX code says it');
});
