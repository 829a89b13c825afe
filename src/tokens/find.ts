/**
 * Bearer credentials in text: JWTs (signed or encrypted, whole, cut short, or wrapped over
 * lines) wherever they appear, and opaque `Authorization: Bearer|Basic` values. Each is
 * replaced by a placeholder before anything else sees the text: `<jwt:FINGERPRINT>` (the
 * facts are kept), `<bearer:FINGERPRINT>` for an opaque bearer value, `<redacted>` for
 * Basic credentials. Every pattern here runs in linear time on any input: a JWT can only
 * start where no base64url character precedes it.
 */
import type {TokenFacts} from '../extract/event.js';
import {fingerprintOf, tokenFacts} from './decode.js';

/**
 * Segments are bounded (1 Mi characters, far above any real token): a greedy loop keeps a
 * backtrack entry per character, and over a run of millions of base64url characters an
 * unbounded one grew super-linearly, then threw "Maximum call stack size exceeded".
 */
const segment = 1 << 20;
/**
 * A compact JWS (header.payload.signature; the signature is empty for alg none), a JWE
 * (five segments), or a token cut after its payload (one dot: IdentityModel prints those).
 * The header of every JWT is base64url JSON, so it starts with `eyJ`. It can follow a
 * percent-encoded character (`Bearer%20eyJ...`) or a JSON escape (`\\neyJ...`).
 */
const jwtPattern = new RegExp(
	String.raw`(?:(?<![A-Za-z0-9_-])|(?<=%[0-9A-Fa-f]{2}|\\[nrt]))eyJ[A-Za-z0-9_-]{4,${segment}}(?:\.|\\{1,7}u002[eE])[A-Za-z0-9_-]{2,${segment}}(?:(?:\.|\\{1,7}u002[eE])[A-Za-z0-9_-]{0,${segment}}){0,3}`,
	'g',
);
/** A dot written as a JSON escape (`\u002e`): the token is the same once unescaped. */
const escapedDot = /\\{1,7}u002[eE]/g;
/**
 * A token wrapped over lines: a piece ending its line, then continuation lines that are
 * base64url runs (indented or not). Joined before the search, so it gets its true fingerprint.
 * No continuation line is needed to match: a run that ends its line unwrapped is matched
 * (and kept as it is) whole, so the search goes on after it. Required, every `eyJ` after a
 * dot in the run started a new match that read to the run's end and failed: quadratic.
 */
const wrappedToken = new RegExp(
	String.raw`(?:(?<![A-Za-z0-9_-])|(?<=%[0-9A-Fa-f]{2}|\\[nrt]))eyJ[A-Za-z0-9_.-]{8,${segment}}(?:(?:\r?\n|\\r\\n|\\n)[ \t]{0,64}[A-Za-z0-9_-][A-Za-z0-9_.-]{15,${segment}}(?=\r?\n|\\[rn"]|["']|$)){0,64}`,
	'g',
);
/** Line breaks, real or JSON-escaped (a token wrapped at 76 characters inside a JSON string). */
const lineBreak = /\r?\n|\\r\\n|\\n/;

/** An opaque credential after the scheme (RFC 7235 token68, percent-encoded too); JWTs were replaced before. */
const schemePattern = new RegExp(`\\b(Bearer|Basic)(\\s{1,64})([A-Za-z0-9._~+/%-]{8,${segment}}={0,8})`, 'gi');
const mentionsScheme = /bearer|basic/i;
/** RFC 6750 challenge parameters: `Bearer error="..."` is no credential. */
const challengeParams = new Set([
	'error',
	'error_description',
	'error_uri',
	'authorization_uri',
	'realm',
	'scope',
	'resource_id',
	'claims',
	'client_id',
	'trusted_issuers',
	'token_types',
]);

/** Called with each JWT found, while the raw token still exists (signature checks). */
export type OnToken = (token: string, facts: TokenFacts) => void;

/** Replaces every credential in `text`; the facts of each JWT are added to `found` once. */
export function redactTokens(text: string, found: TokenFacts[], onToken?: OnToken): string {
	let out = text;
	if (out.includes('eyJ')) {
		if (out.includes('\n') || out.includes('\\n')) out = out.replace(wrappedToken, unwrap);
		jwtPattern.lastIndex = 0;
		// A record can hold thousands of distinct tokens (or fragments): no scan of `found` per match.
		const seen = new Set(found.map((f) => f.fingerprint));
		out = out.replace(jwtPattern, (match) => {
			const {token, rest} = splitMatch(match.includes('\\') ? match.replace(escapedDot, '.') : match);
			const facts = tokenFacts(token);
			if (!seen.has(facts.fingerprint)) {
				seen.add(facts.fingerprint);
				found.push(facts);
				onToken?.(token, facts);
			}
			return `<jwt:${facts.fingerprint}>${rest}`;
		});
	}
	if (mentionsScheme.test(out)) {
		schemePattern.lastIndex = 0;
		out = out.replace(schemePattern, (all, scheme: string, space: string, value: string) => {
			if (challengeParams.has(value.replace(/=+$/, '').toLowerCase())) return all;
			if (scheme.toLowerCase() === 'basic') return isBasicCredential(value) ? `${scheme}${space}<redacted>` : all;
			if (value.length < 16 || !/\d/.test(value)) return all; // prose ("Bearer authentication"), not a credential
			return `${scheme}${space}<bearer:${fingerprintOf(value)}>`;
		});
	}
	return out;
}

/**
 * Joins a wrapped token only when the piece before a break is unfinished (fewer than two
 * dots) or the next line has no dot (more signature): a complete token at the end of a line
 * followed by `Microsoft.IdentityModel...` stays apart from it.
 */
function unwrap(match: string): string {
	const lines = match.split(lineBreak);
	let joined = lines[0];
	let dots = dotsIn(joined);
	let i = 1;
	for (; i < lines.length; i++) {
		const next = lines[i].trim();
		const nextDots = dotsIn(next);
		if (dots >= 2 && nextDots > 0) break;
		joined += next;
		dots += nextDots;
	}
	return i === lines.length ? joined : [joined, ...lines.slice(i)].join('\n');
}

function dotsIn(text: string): number {
	let n = 0;
	for (let at = text.indexOf('.'); at !== -1; at = text.indexOf('.', at + 1)) n++;
	return n;
}

/**
 * Five segments are a JWE only when the header says `enc`; otherwise a JWS followed by dots
 * in the text (`eyJ...sig..`): the token is its first three segments, the rest stays text.
 */
function splitMatch(match: string): {token: string; rest: string} {
	const segments = match.split('.');
	if (segments.length <= 3) return {token: match, rest: ''};
	if (segments.length === 5 && Buffer.from(segments[0], 'base64url').toString('latin1').includes('"enc"')) return {token: match, rest: ''};
	const token = segments.slice(0, 3).join('.');
	return {token, rest: match.slice(token.length)};
}

/** Basic credentials are base64 of `user:password`. */
function isBasicCredential(value: string): boolean {
	if (value.length >= 24 && /\d/.test(value)) return true;
	return Buffer.from(value, 'base64').toString('latin1').includes(':');
}
