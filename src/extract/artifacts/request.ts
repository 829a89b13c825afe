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

/** A scope or resource label: `scope=`, `"scopes":`, `Scopes: `, `resource=`, also url-encoded (`scope%3D`). */
const scopeLabel = /(?<![A-Za-z0-9_.-])(scopes?|resource)(\\{0,7}["'])?\s{0,8}([=:]|%3[dD])\s{0,8}/gi;
/**
 * The value after a scope label: escaped-quoted, quoted, single-quoted, a [list], or one bare
 * word. Each stops at the next quote or bracket, so a failed read ends where the next
 * label's value could start: over all labels, the text is read a bounded number of times.
 */
const scopeValue = /\\{1,7}"([^"\\\n]{1,2048})\\{1,7}"|"([^"\n]{1,2048})"|'([^'\n]{1,2048})'|\[([^[\]\n]{0,2048})\]|([^\s&"'<>\\,;)\]}{[]{1,2048})/y;
/** The next word of a prose list (`Scopes: a b`, `scopes: a, b`). */
const nextWord = /[ \t,]{1,8}([^\s&"'<>\\,;)\]}{[]{1,256})/y;
/** AADSTS70011 names the scope it refused: "The scope 'api://x/.default openid' is not valid." */
const refusedScope = /\bThe scope (?:'([^'\n]{1,1024})'|(\S{1,256})) (?:is not valid|is invalid|does not exist)/g;
/** OpenID Connect scopes have no dot, slash or underscore; every other scope has one of them. */
const oidcScopes = new Set(['openid', 'profile', 'email', 'offline_access']);
const maxScopes = 64;
/** Labels read per record: a record names what it asked for a few times, not thousands. */
const maxLabels = 256;

/** The response header, then `:` (or a JSON / Python key's quote, then `:`). */
const wwwAuthenticateLabel = /www-authenticate(?:\\{0,7}["'])?\s{0,8}[:=]\s{0,8}/gi;
const jsonString = /"(?:[^"\\\n]|\\.){1,1024}"/y;
const maxHeaderChars = 512;
/** A record prints its response's headers once or twice; past this many labels without a value, there is none. */
const maxHeaderTries = 8;

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

function findScopes(text: string): string[] {
	const scopes = new Set<string>();
	if (/scope|resource/i.test(text)) {
		scopeLabel.lastIndex = 0;
		let labels = 0;
		for (let m = scopeLabel.exec(text); m !== null && scopes.size < maxScopes && labels < maxLabels; m = scopeLabel.exec(text), labels++) {
			const [, name, quote, separator] = m;
			scopeValue.lastIndex = scopeLabel.lastIndex;
			const v = scopeValue.exec(text);
			if (!v) continue;
			const [, escapedQuoted, quoted, singleQuoted, list, bare] = v;
			// `Bearer error="insufficient_scope", scope="x"` is what the API requires (expectations.ts), not what was asked.
			if (quoted !== undefined && separator === '=' && quote === undefined && inChallenge(text, m.index)) continue;
			const isResource = name.toLowerCase() === 'resource';
			let values: string[];
			if (bare !== undefined) values = isResource ? [decoded(bare)] : bareScopes(text, bare, separator, scopeValue.lastIndex);
			else if (isResource) values = list === undefined ? [escapedQuoted ?? quoted ?? singleQuoted ?? ''] : [];
			else values = list === undefined ? (escapedQuoted ?? quoted ?? singleQuoted ?? '').split(/[\s,]+/) : list.split(',');
			for (const value of values) {
				if (isHidden(value.trim())) break;
				const scope = cleanScope(value);
				if (scope === undefined || (isResource && !looksLikeResource(scope))) continue;
				scopes.add(scope);
			}
			scopeLabel.lastIndex = Math.max(scopeLabel.lastIndex, bare === undefined ? scopeValue.lastIndex : nextWord.lastIndex);
		}
	}
	if (text.includes('The scope ')) {
		refusedScope.lastIndex = 0;
		for (let m = refusedScope.exec(text); m !== null && scopes.size < maxScopes; m = refusedScope.exec(text)) {
			for (const value of (m[1] ?? m[2]).split(/\s+/)) {
				const scope = cleanScope(value);
				if (scope !== undefined) scopes.add(scope);
			}
		}
	}
	return [...scopes].slice(0, maxScopes);
}

/**
 * A bare value after `=` is one form or query value (spaces are encoded there: `+`, `%20`).
 * After `:` it is prose (`Scopes: https://graph.microsoft.com/.default openid`): the
 * leading words that look like scopes. Leaves nextWord.lastIndex after the last word read.
 */
function bareScopes(text: string, first: string, separator: string, at: number): string[] {
	nextWord.lastIndex = at;
	if (separator !== ':') return decoded(first).split(/\s+/).filter(looksLikeScope);
	if (!looksLikeScope(first)) return [];
	const scopes = [first];
	while (scopes.length < maxScopes) {
		const from = nextWord.lastIndex;
		const next = nextWord.exec(text);
		if (!next || !looksLikeScope(next[1])) {
			nextWord.lastIndex = from;
			break;
		}
		scopes.push(next[1]);
	}
	return scopes;
}

function looksLikeScope(word: string): boolean {
	return /^[A-Za-z0-9_:/.~%-]{1,256}$/.test(word) && (/[./_:]/.test(word) || oidcScopes.has(word.toLowerCase()));
}

function looksLikeResource(value: string): boolean {
	return /^(?:https?:\/\/|api:\/\/|urn:|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$)/i.test(value);
}

function cleanScope(value: string): string | undefined {
	const scope = value.trim().replace(/^\\{0,7}["']+|\\{0,7}["']+$/g, '');
	if (scope === '' || scope.length > 256 || /[\s<>"]/.test(scope) || scope === 'null' || scope === 'undefined') return undefined;
	return scope;
}

/** IdentityModel's `[PII is hidden]` (or a value cut to `[PII`): nothing of it is a scope. */
function isHidden(value: string): boolean {
	return /^\[?PII\b/.test(value);
}

/** A `Bearer ... scope="x"` parameter: a challenge on the same line, before the label. */
function inChallenge(text: string, at: number): boolean {
	const lineStart = text.lastIndexOf('\n', at) + 1;
	const before = text.slice(Math.max(lineStart, at - 1024), at);
	return /Bearer\b/i.test(before);
}

function findWwwAuthenticate(text: string): string | undefined {
	wwwAuthenticateLabel.lastIndex = 0;
	let tries = 0;
	for (let m = wwwAuthenticateLabel.exec(text); m !== null && tries < maxHeaderTries; m = wwwAuthenticateLabel.exec(text), tries++) {
		const value = headerValue(text, wwwAuthenticateLabel.lastIndex);
		if (value !== undefined) return value.length > maxHeaderChars ? `${value.slice(0, maxHeaderChars)}…` : value;
	}
	return undefined;
}

/** The header's value as the log wrote it: a JSON string (escaped once or not), a quoted string, or the rest of the line. */
function headerValue(text: string, at: number): string | undefined {
	const end = text.indexOf('\n', at);
	const rest = text.slice(at, Math.min(end === -1 ? text.length : end, at + 4 * maxHeaderChars));
	let value: string;
	if (rest.startsWith('"')) {
		jsonString.lastIndex = 0;
		const m = jsonString.exec(rest);
		value = m ? parsedString(m[0]) : rest.slice(1);
	} else if (rest.startsWith('\\"')) {
		// JSON inside a JSON string: the value ends at the first `\"` whose backslash is not itself escaped.
		const close = /(?<!\\)\\"/g;
		close.lastIndex = 2;
		const m = close.exec(rest);
		value = rest
			.slice(2, m ? m.index : rest.length)
			.replace(/\\\\\\"/g, '"')
			.replace(/\\{1,3}"/g, '"');
	} else if (rest.startsWith("'")) {
		const close = rest.indexOf("'", 1);
		value = rest.slice(1, close === -1 ? rest.length : close);
	} else {
		// A literal `\r\n` escape ends the line too (an exception's text inside a JSON log line).
		value = rest.split(/\\r|\\n|\r/)[0];
		if (value.startsWith('[') && value.endsWith(']')) value = value.slice(1, -1);
	}
	value = value.trim();
	return value === '' || isHidden(value) ? undefined : value;
}

function parsedString(literal: string): string {
	try {
		return JSON.parse(literal) as string;
	} catch {
		return literal.slice(1, -1);
	}
}

function registrationNotes(text: string): string[] {
	const notes: string[] = [];
	if (appRolesOnly.test(text)) notes.push('app-roles-only');
	if (noDelegatedScopes.test(text)) notes.push('no-delegated-scopes');
	return notes;
}

/** Form and query values: `+` is a space, `%XX` a byte; a value that is no valid encoding stays as it is. */
function decoded(value: string): string {
	if (!value.includes('%') && !value.includes('+')) return value;
	try {
		return decodeURIComponent(value.replace(/\+/g, ' '));
	} catch {
		return value;
	}
}
