/**
 * What an app record says about the token request or API call that failed (RequestFacts):
 *
 *   grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code     form bodies, url-encoded or not
 *   "grant_type":"client_credentials"                                      JSON (escaped too), Python reprs
 *   acquireTokenOnBehalfOf / AcquireTokenForClient / acquire_token_by_device_flow   the MSAL call that ran
 *   scope=api%3A%2F%2Fx%2F.default  "scope":"User.Read openid"  scopes: [api://x/.default]  Scopes: 'User.Read'
 *   WWW-Authenticate: Bearer error="invalid_token", ...                     the response's challenge
 *   "the API exposes only application permissions"                        what the log says of the registration
 *
 * It reads the redacted message (secrets are gone before this). Every pattern is bounded
 * and starts on a literal, so a hostile line costs linear time.
 */
import type {RequestFacts} from '../event.js';
import {decoded} from './request-values.js';
import {findScopes} from './requested-scopes.js';
import {findWwwAuthenticate} from './www-authenticate.js';

/** grant_type values (lower case, decoded) → the short form rules name. */
const grantValues = new Map<string, string>([
	['authorization_code', 'authorization_code'],
	['refresh_token', 'refresh_token'],
	['client_credentials', 'client_credentials'],
	['password', 'password'],
	['device_code', 'device_code'],
	['urn:ietf:params:oauth:grant-type:device_code', 'device_code'],
	// ADAL's name for the device code grant.
	['http://oauth.net/grant_type/device/1.0', 'device_code'],
	['urn:ietf:params:oauth:grant-type:jwt-bearer', 'jwt-bearer'],
	['urn:ietf:params:oauth:grant-type:saml2-bearer', 'saml2-bearer'],
	['urn:ietf:params:oauth:grant-type:saml1_1-bearer', 'saml1_1-bearer'],
]);

/** `grant_type=x`, `"grant_type":"x"`, `\"grantType\":\"x\"`, `'grant_type': 'x'`, `grant_type%3Dx`. */
const grantField = /(?<![A-Za-z0-9])grant[_-]?type(?:\\{0,7}["'])?\s{0,8}(?:[=:]|%3[dD])\s{0,8}(?:\\{0,7}["'])?([A-Za-z0-9_:.%/+-]{1,160})/gi;

/**
 * The calls and flow names MSAL (.NET, node, browser, Python) and Azure.Identity log, and the
 * words a device code prompt prints. One alternation, so the first one in the text wins.
 * `on_behalf_of` is the value of requested_token_use, which only an OBO exchange sends.
 */
const flowName = new RegExp(
	[
		'(?<obo>acquire_?token_?on_?behalf_?of|OnBehalfOf(?:Credential|Request)|on_behalf_of)',
		'(?<device>acquire_?token_?(?:by|with)_?device_?(?:code|flow)|initiate_device_flow|device[ _-]?code|devicelogin|enter the code [A-Z0-9-]{6,12} to authenticate)',
		'(?<client>acquire_?token_?for_?client|acquire_?token_?by_?client_?credential|ClientCredentialRequest|Client(?:Secret|Certificate|Assertion)Credential)',
		'(?<ropc>acquire_?token_?by_?username_?password|UsernamePassword(?:Credential|Request))',
		'(?<code>acquire_?token_?by_?(?:authorization_?code|auth_?code(?:_?flow)?|code)|(?:ConfidentialAuthCode|AuthorizationCode)Request|acquire_?token_?(?:interactive(?:ly)?|popup|redirect)|InteractiveRequest|InteractiveBrowserCredential)',
		'(?<refresh>acquire_?token_?silent(?:ly)?|acquire_?token_?by_?refresh_?token|(?:ByRefreshToken|Silent)Request)',
	].join('|'),
	'i',
);
const flowGrants: Record<string, string> = {
	obo: 'jwt-bearer',
	device: 'device_code',
	client: 'client_credentials',
	ropc: 'password',
	code: 'authorization_code',
	refresh: 'refresh_token',
};
const mentionsFlow = /acquire|on_behalf_of|onbehalfof|device|credential|request/i;
/**
 * Registration notes, a small stable vocabulary (event.ts): `app-roles-only` the API defines
 * application permissions (app roles) and nothing else; `no-delegated-scopes` it exposes no
 * delegated permission (scope) a user token could carry. One note may state both.
 */
const appRolesOnly =
	/\bonly\s{1,4}(?:application\s{1,4}permissions?|app(?:lication)?\s{1,4}roles?)\b|\b(?:application\s{1,4}permissions?|app\s{1,4}roles?)\s{1,4}only\b/i;
const noDelegatedScopes =
	/\bno\s{1,4}delegated\s{1,4}(?:permissions?|scopes?)\b|\bdo(?:es)?\s{0,4}n[o']?t\s{1,4}(?:expose|define|have)\s{1,4}(?:any\s{1,4})?(?:delegated\s{1,4})?(?:permissions?|scopes?)\b|\bno\s{1,4}(?:delegated\s{1,4})?scopes?\s{1,4}(?:are\s{1,4}|is\s{1,4})?(?:defined|exposed)\b|oauth2PermissionScopes\\{0,7}"?\s{0,8}:\s{0,8}\[\s{0,8}\]/i;
const mentionsRegistration = /only|delegated|permissionscopes/i;
/** The request facts the text states, or undefined when it states none. */
export function findRequestFacts(text: string): RequestFacts | undefined {
	const facts: RequestFacts = {};
	const grant = grantFromField(text);
	const flow = mentionsFlow.test(text) ? flowName.exec(text) : null;
	const flowKind = flow?.groups ? Object.keys(flowGrants).find((name) => flow.groups![name] !== undefined) : undefined;
	if (grant !== undefined) facts.grantType = grant;
	else if (flowKind !== undefined) facts.grantType = flowGrants[flowKind];
	if (flowKind === 'obo' || /on_behalf_of/i.test(text)) facts.onBehalfOf = true;
	const scopes = findScopes(text);
	if (scopes.length > 0) facts.scopes = scopes;
	const challenge = text.length > 16 && /www-authenticate/i.test(text) ? findWwwAuthenticate(text) : undefined;
	if (challenge !== undefined) facts.wwwAuthenticate = challenge;
	const registration = mentionsRegistration.test(text) ? registrationNotes(text) : [];
	if (registration.length > 0) facts.registration = registration;
	return Object.keys(facts).length > 0 ? facts : undefined;
}

function grantFromField(text: string): string | undefined {
	if (!/grant/i.test(text)) return undefined;
	grantField.lastIndex = 0;
	for (let m = grantField.exec(text); m !== null; m = grantField.exec(text)) {
		const grant = grantValues.get(decoded(m[1]).toLowerCase());
		if (grant !== undefined) return grant;
	}
	return undefined;
}
function registrationNotes(text: string): string[] {
	const notes: string[] = [];
	if (appRolesOnly.test(text)) notes.push('app-roles-only');
	if (noDelegatedScopes.test(text)) notes.push('no-delegated-scopes');
	return notes;
}
