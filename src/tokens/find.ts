/**
 * Bearer credentials in text: JWTs (signed or encrypted) wherever they appear, and opaque
 * `Authorization: Bearer|Basic` values. Each is replaced by a placeholder before anything
 * else sees the text: `<jwt:FINGERPRINT>` (the facts are kept), `<bearer:FINGERPRINT>` for
 * an opaque bearer value, `<redacted>` for Basic credentials.
 */
import type {TokenFacts} from '../extract/event.js';
import {fingerprintOf, tokenFacts} from './decode.js';

/**
 * A compact JWS (header.payload.signature; the signature is empty for alg none) or JWE
 * (five segments). The header of every JWT is base64url JSON, so it starts with `eyJ`.
 */
const jwtPattern = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)?/g;

/** An opaque credential after the scheme (RFC 7235 token68); JWTs were replaced before. */
const schemePattern = /\b(Bearer|Basic)(\s+)([A-Za-z0-9._~+/-]{16,}=*)/gi;
const mentionsScheme = /bearer|basic/i;
/** RFC 6750 challenge parameters: `Bearer error="..."` is no credential. */
const challengeParams = new Set(['error', 'error_description', 'error_uri', 'authorization_uri', 'realm', 'scope', 'resource_id', 'claims', 'client_id', 'trusted_issuers', 'token_types']);

/** Called with each JWT found, while the raw token still exists (signature checks). */
export type OnToken = (token: string, facts: TokenFacts) => void;

/** Replaces every credential in `text`; the facts of each JWT are added to `found` once. */
export function redactTokens(text: string, found: TokenFacts[], onToken?: OnToken): string {
	let out = text;
	if (out.includes('eyJ')) {
		jwtPattern.lastIndex = 0;
		out = out.replace(jwtPattern, (token) => {
			const facts = tokenFacts(token);
			if (!found.some((f) => f.fingerprint === facts.fingerprint)) {
				found.push(facts);
				onToken?.(token, facts);
			}
			return `<jwt:${facts.fingerprint}>`;
		});
	}
	if (mentionsScheme.test(out)) {
		schemePattern.lastIndex = 0;
		out = out.replace(schemePattern, (all, scheme: string, space: string, value: string) => {
			if (challengeParams.has(value.replace(/=+$/, '').toLowerCase())) return all;
			if (!/\d/.test(value)) return all; // prose ("Bearer authentication"), not a credential
			if (scheme.toLowerCase() === 'basic') return `${scheme}${space}<redacted>`;
			return `${scheme}${space}<bearer:${fingerprintOf(value)}>`;
		});
	}
	return out;
}
