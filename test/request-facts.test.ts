/**
 * Request facts of one app record (src/extract/artifacts/request.ts → event.request): the
 * grant and flow, On-Behalf-Of, the scopes or resource asked for, the response's
 * WWW-Authenticate and what the log says of the app registration; and the rule fields that
 * read them. The lines are written here in the shapes the libraries log: form bodies as
 * HTTP client traces print them, MSAL.NET's "Token Acquisition" lines, msal-node and MSAL
 * Python method names, Azure.Identity credential names, Serilog/pino JSON lines.
 */
import test from 'ava';
import {compileSelection} from '../src/classify/compile.js';
import {loadKnowledge} from '../src/classify/knowledge.js';
import {matchableFields} from '../src/classify/rule-fields.js';
import {findRequestFacts} from '../src/extract/artifacts/request.js';
import {newEvent} from '../src/extract/event.js';
import {extractAppText} from '../src/extract/shapes/app-log.js';
import {kqlTarget} from '../src/rules-compiler/kql-target.js';
import {sqlTarget} from '../src/rules-compiler/sql-target.js';
import {source} from './shapes/shape-helpers.js';

const grantOf = (text: string): string | undefined => findRequestFacts(text)?.grantType;

test('grant type from a form body, url-encoded or not, and from JSON (escaped too) and Python reprs', (t) => {
	t.is(grantOf('POST /oauth2/v2.0/token grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&client_id=c'), 'device_code');
	t.is(grantOf('body: grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=<redacted>'), 'jwt-bearer');
	t.is(grantOf('grant_type=authorization_code&code=<redacted>&redirect_uri=https%3A%2F%2Fapp%2Fcb'), 'authorization_code');
	t.is(grantOf('{"grant_type":"client_credentials","client_id":"c"}'), 'client_credentials');
	t.is(grantOf('{"level":"error","msg":"{\\"grant_type\\":\\"refresh_token\\"}"}'), 'refresh_token');
	t.is(grantOf("data={'grant_type': 'password', 'username': 'u'}"), 'password');
	t.is(grantOf('grant_type=urn:ietf:params:oauth:grant-type:saml2-bearer'), 'saml2-bearer');
	t.is(grantOf('grantType: urn:ietf:params:oauth:grant-type:device_code'), 'device_code');
	// A client assertion's type names jwt-bearer too: it is how the client authenticates, not the grant.
	t.is(grantOf('client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer&client_assertion=<redacted>'), undefined);
	t.is(grantOf('grant_type=something_else'), undefined);
});

test('grant type from the MSAL and Azure.Identity calls the log names', (t) => {
	const calls: Array<[string, string]> = [
		['MSAL.NET AcquireTokenByDeviceCode started', 'device_code'],
		['[msal-node] acquireTokenByDeviceCode called', 'device_code'],
		['msal.application: initiate_device_flow(scopes=...)', 'device_code'],
		['msal acquire_token_by_device_flow polling', 'device_code'],
		['DeviceCodeCredential.GetToken invoked', 'device_code'],
		['AcquireTokenOnBehalfOf failed', 'jwt-bearer'],
		['acquireTokenOnBehalfOf error', 'jwt-bearer'],
		['acquire_token_on_behalf_of returned an error', 'jwt-bearer'],
		['=== Token Acquisition (ClientCredentialRequest) started', 'client_credentials'],
		['AcquireTokenForClient failed', 'client_credentials'],
		['acquireTokenByClientCredential failed', 'client_credentials'],
		['acquire_token_for_client failed', 'client_credentials'],
		['AcquireTokenByAuthorizationCode failed', 'authorization_code'],
		['acquireTokenByCode failed', 'authorization_code'],
		['AcquireTokenSilent failed', 'refresh_token'],
		['acquireTokenByRefreshToken failed', 'refresh_token'],
		['AcquireTokenByUsernamePassword failed', 'password'],
		['acquireTokenByUsernamePassword failed', 'password'],
		['acquire_token_by_username_password failed', 'password'],
	];
	for (const [line, grant] of calls) t.is(grantOf(line), grant, line);
	t.is(
		grantOf('To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code GH7K4QZ2A to authenticate.'),
		'device_code',
	);
	t.is(grantOf('info: request finished in 12 ms'), undefined);
	// The grant_type field outranks a method name: it is what was sent.
	t.is(grantOf('AcquireTokenSilent fell back: grant_type=authorization_code'), 'authorization_code');
});

test('On-Behalf-Of: requested_token_use=on_behalf_of or an OBO call; a jwt-bearer grant alone is not', (t) => {
	t.true(findRequestFacts('grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&requested_token_use=on_behalf_of')?.onBehalfOf);
	t.true(findRequestFacts('"requested_token_use":"on_behalf_of"')?.onBehalfOf);
	t.true(findRequestFacts('acquireTokenOnBehalfOf failed')?.onBehalfOf);
	t.true(findRequestFacts('OnBehalfOfCredential authentication failed')?.onBehalfOf);
	t.is(findRequestFacts('grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=<redacted>')?.onBehalfOf, undefined);
	t.is(findRequestFacts('AcquireTokenForClient failed')?.onBehalfOf, undefined);
});

const scopesOf = (text: string): string[] | undefined => findRequestFacts(text)?.scopes;

test('scopes: form (url-decoded, + or %20 separated), JSON, lists, prose, resource, and the scope AADSTS70011 refused', (t) => {
	t.deepEqual(scopesOf('scope=api%3A%2F%2Forders%2F.default+offline_access&client_id=c'), ['api://orders/.default', 'offline_access']);
	t.deepEqual(scopesOf('scope=openid%20profile%20User.Read'), ['openid', 'profile', 'User.Read']);
	t.deepEqual(scopesOf('{"scope":"User.Read openid","grant_type":"refresh_token"}'), ['User.Read', 'openid']);
	t.deepEqual(scopesOf('{"msg":"{\\"scopes\\":\\"api://x/Orders.Read\\"}"}'), ['api://x/Orders.Read']);
	t.deepEqual(scopesOf('{"scopes":["api://x/.default","openid"]}'), ['api://x/.default', 'openid']);
	t.deepEqual(scopesOf('acquireTokenOnBehalfOf scopes: [api://x/.default]'), ['api://x/.default']);
	t.deepEqual(scopesOf("acquire_token_by_device_flow Scopes: 'User.Read openid'"), ['User.Read', 'openid']);
	t.deepEqual(scopesOf('=== Token Acquisition started:\n\tScopes: https://graph.microsoft.com/.default openid\n\tAuthority Host: login'), [
		'https://graph.microsoft.com/.default',
		'openid',
	]);
	t.deepEqual(scopesOf('resource=https%3A%2F%2Fmanagement.azure.com%2F&client_id=c'), ['https://management.azure.com/']);
	t.deepEqual(scopesOf("The provided value for the input parameter 'scope' is not valid. The scope 'api://x/.default openid' is not valid."), [
		'api://x/.default',
		'openid',
	]);
});

test('not scopes: the challenge of an insufficient_scope answer, hidden PII, prose, a resource that is no resource', (t) => {
	// What the API requires is the validator's expectation (expected.scopes), not what the client asked for.
	t.is(scopesOf('WWW-Authenticate: Bearer error="insufficient_scope", scope="Orders.Read"'), undefined);
	t.is(scopesOf("Scopes: '[PII is hidden]'"), undefined);
	t.is(scopesOf('scopes: [PII of type System.String is hidden]'), undefined);
	t.is(scopesOf('scope: 5 items loaded'), undefined);
	t.is(scopesOf('info: resource: /api/orders request finished'), undefined);
	t.is(scopesOf('"resource": {"service.name":"orders"}'), undefined);
});

test('WWW-Authenticate: text header, JSON header map (escaped once or twice), Python dict; bounded', (t) => {
	const challenge = (text: string): string | undefined => findRequestFacts(text)?.wwwAuthenticate;
	t.is(
		challenge('HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer error="invalid_token", error_description="The signature is invalid"\nContent-Length: 0'),
		'Bearer error="invalid_token", error_description="The signature is invalid"',
	);
	t.is(challenge('{"headers":{"www-authenticate":"Bearer realm=\\"\\", error=\\"invalid_token\\""}}'), 'Bearer realm="", error="invalid_token"');
	t.is(challenge('{"msg":"{\\"WWW-Authenticate\\":\\"Bearer error=\\\\\\"invalid_token\\\\\\"\\", \\"x\\":1}"}'), 'Bearer error="invalid_token"');
	t.is(challenge("{'WWW-Authenticate': 'Bearer error=\"invalid_token\"', 'Content-Length': '0'}"), 'Bearer error="invalid_token"');
	t.is(challenge('response 401\\r\\nWWW-Authenticate: Bearer error="invalid_token"\\r\\nDate: x'), 'Bearer error="invalid_token"');
	const long = challenge(`WWW-Authenticate: Bearer error_description="${'x'.repeat(5000)}"`);
	t.true(long !== undefined && long.length <= 513);
	t.is(challenge('WWW-Authenticate: [PII is hidden]'), undefined);
});

test('registration notes: a fixed vocabulary for "app roles only" and "no delegated scopes"', (t) => {
	const notes = (text: string): string[] | undefined => findRequestFacts(text)?.registration;
	t.deepEqual(notes('The resource application exposes only application permissions.'), ['app-roles-only']);
	t.deepEqual(notes('partner-api defines only app roles'), ['app-roles-only']);
	t.deepEqual(notes('API permissions: application permissions only'), ['app-roles-only']);
	t.deepEqual(notes('api://partner has no delegated scopes defined'), ['no-delegated-scopes']);
	t.deepEqual(notes('The API does not expose any delegated permissions'), ['no-delegated-scopes']);
	t.deepEqual(notes('manifest: "oauth2PermissionScopes": [], "appRoles": [{"value":"Orders.ReadAll"}]'), ['no-delegated-scopes']);
	t.deepEqual(notes('resource has no delegated scopes (only application permissions)'), ['app-roles-only', 'no-delegated-scopes']);
	t.is(notes('only 3 retries left; delegated to the worker'), undefined);
});

test('an app record carries its request facts as event.request; a record that states none has none', (t) => {
	const e = extractAppText(
		'2026-11-20T10:00:01Z fail: POST https://login.microsoftonline.com/t/oauth2/v2.0/token grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&requested_token_use=on_behalf_of&scope=api%3A%2F%2Fdownstream%2F.default&client_secret=abc~123 -> AADSTS50000',
		source,
	);
	t.deepEqual(e.request, {grantType: 'jwt-bearer', onBehalfOf: true, scopes: ['api://downstream/.default']});
	t.false(e.message!.includes('abc~123'), 'read from the redacted message');
	t.is(extractAppText('info: Microsoft.Hosting.Lifetime[0] Application started.', source).request, undefined);
});

test('rules name request.* and incident.records; both are app-only and not portable to KQL or SQL', (t) => {
	for (const field of ['request.grantType', 'request.onBehalfOf', 'request.scopes', 'request.wwwAuthenticate', 'request.registration', 'incident.records'])
		t.true(matchableFields.has(field), field);
	const event = newEvent('app', source);
	event.outcome = 'failure';
	event.codes.aadsts.push(50000);
	event.request = {grantType: 'device_code', scopes: ['api://x/.default'], registration: ['app-roles-only']};
	const view = {event};
	t.deepEqual(compileSelection({'codes.aadsts': 50000, 'request.grantType': 'device_code'})(view), ['codes.aadsts=50000', 'request.grantType=device_code']);
	t.deepEqual(compileSelection({'request.scopes|endswith': '/.default', 'request.registration': 'app-roles-only'})(view), [
		'request.scopes=api://x/.default',
		'request.registration=app-roles-only',
	]);
	t.is(compileSelection({'request.onBehalfOf': true})(view), undefined);
	t.is(compileSelection({'incident.records|gte': 2})(view), undefined, 'no incident: no record count');
	event.incident = {records: [source, {file: 't', line: 2}, {file: 't', line: 3}], origins: {}, messages: ['', '', '']};
	t.deepEqual(compileSelection({'incident.records|gte': 2})(view), ['incident.records=3']);

	const {catalog} = loadKnowledge();
	for (const target of [kqlTarget('SigninLogs', catalog), sqlTarget()]) {
		for (const field of ['request.grantType', 'incident.records']) {
			const resolution = target.resolve(field);
			t.is(resolution.kind, 'known', `${target.name}: ${field}`);
			if (resolution.kind === 'known') {
				t.is(resolution.why.kind, 'app-evidence');
				t.regex(resolution.why.text, /no sign-in carries it/);
			}
		}
	}
});
