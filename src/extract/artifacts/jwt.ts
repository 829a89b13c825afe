/**
 * Bearer tokens in text: found, fingerprinted, decoded (jose), and cut out of the text.
 * A token is a credential: nothing downstream ever sees it, only `<jwt:FINGERPRINT>` and
 * the decoded facts.
 */
import {createHash} from 'node:crypto';
import {decodeJwt, decodeProtectedHeader} from 'jose';
import type {TokenFacts} from '../event.js';

/** Compact JWS: base64url header `eyJ...`, payload, signature (empty for alg none). */
const jwtPattern = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;

/** Decoded facts by fingerprint: the same token is usually logged many times. */
const cache = new Map<string, TokenFacts>();
const cacheLimit = 10_000;

export function fingerprintOf(token: string): string {
	return createHash('sha256').update(token).digest('hex').slice(0, 32);
}

/** Replaces every JWT in `text` with `<jwt:FINGERPRINT>` and returns the facts of each. */
export function redactTokens(text: string, found: TokenFacts[]): string {
	if (!text.includes('eyJ')) return text;
	jwtPattern.lastIndex = 0;
	return text.replace(jwtPattern, (token) => {
		const facts = tokenFacts(token);
		if (!found.some((f) => f.fingerprint === facts.fingerprint)) found.push(facts);
		return `<jwt:${facts.fingerprint}>`;
	});
}

export function tokenFacts(token: string): TokenFacts {
	const fingerprint = fingerprintOf(token);
	const cached = cache.get(fingerprint);
	if (cached) return cached;
	const facts = decode(token, fingerprint);
	if (cache.size >= cacheLimit) cache.clear();
	cache.set(fingerprint, facts);
	return facts;
}

function decode(token: string, fingerprint: string): TokenFacts {
	try {
		const header = decodeProtectedHeader(token);
		const claims = decodeJwt(token);
		const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
		const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
		const iss = str(claims.iss);
		return {
			fingerprint,
			alg: str(header.alg),
			kid: str(header.kid),
			typ: str(header.typ),
			aud: typeof claims.aud === 'string' || Array.isArray(claims.aud) ? claims.aud : undefined,
			iss,
			tid: str(claims.tid),
			appid: str(claims.appid),
			azp: str(claims.azp),
			ver: str(claims.ver),
			scp: str(claims.scp),
			roles: Array.isArray(claims.roles) ? claims.roles.filter((r): r is string => typeof r === 'string') : undefined,
			uti: str(claims.uti),
			iat: num(claims.iat),
			nbf: num(claims.nbf),
			exp: num(claims.exp),
			hasNonce: 'nonce' in header,
			issuerKind: issuerKind(iss),
		};
	} catch {
		return {fingerprint, malformed: true, hasNonce: false, issuerKind: 'other'};
	}
}

/** Entra v1 tokens come from sts.windows.net, v2 from login.*\/{tid}/v2.0, B2C from *.b2clogin.com. */
export function issuerKind(iss: string | undefined): TokenFacts['issuerKind'] {
	if (!iss) return 'other';
	if (/b2clogin\.com|\/tfp\//i.test(iss)) return 'b2c';
	if (/^https:\/\/sts\.(windows\.net|chinacloudapi\.cn|microsoftonline\.us)\//i.test(iss)) return 'aad-v1';
	if (/^https:\/\/login\.(microsoftonline\.(com|us)|partner\.microsoftonline\.cn|chinacloudapi\.cn)\/[^/]+\/v2\.0\/?$/i.test(iss)) return 'aad-v2';
	return 'other';
}

/** Secret-bearing parameters in URLs, form bodies and JSON: the value is replaced. */
const secretPattern =
	/((?:client_secret|refresh_token|password|client_assertion|access_token|id_token|code_verifier)\\?"?\s*[=:]\s*\\?"?)([^&\s"\\,}]+)/gi;

export function redactSecrets(text: string): string {
	return text.replace(secretPattern, (_all, label: string, value: string) => (value.startsWith('<jwt:') ? label + value : `${label}<redacted>`));
}
