/**
 * A compact token → its facts, with jose's decoders (no verification here). Decoding never
 * throws: a token that is cut short or not JSON is recorded as malformed. Facts are cached
 * by fingerprint, because the same token is usually logged many times.
 */
import {createHash} from 'node:crypto';
import {decodeJwt, decodeProtectedHeader} from 'jose';
import type {TokenFacts} from '../extract/event.js';
import {redactTokens} from './find.js';
import {idTokenEvidence} from './id-token.js';
import {cloudOf, isGraphAudience, issuerKind} from './issuer.js';
import {redactSecrets} from './secrets.js';
import {normalizeUti} from './uti.js';

const cache = new Map<string, TokenFacts>();
const cacheLimit = 10_000;
/** Bounded by size too: a token's claims can be large (distributed claims, group lists). */
const cacheCharsLimit = 32 * 1024 * 1024;
let cacheChars = 0;

/** SHA-256 of the whole token, first 32 hex characters: joins logs without keeping the token. */
export function fingerprintOf(token: string): string {
	return createHash('sha256').update(token).digest('hex').slice(0, 32);
}

/** Cached facts of a token (decoded on first sight). */
export function tokenFacts(token: string, fingerprint = fingerprintOf(token)): TokenFacts {
	return cachedFacts(fingerprint, () => decode(token, fingerprint));
}

/** The facts cached under a fingerprint, built on first sight (a JWT, or IdentityModel's rendering of one). */
export function cachedFacts(fingerprint: string, build: () => TokenFacts): TokenFacts {
	const cached = cache.get(fingerprint);
	if (cached) return cached;
	const facts = build();
	const chars = facts.claimsJson?.length ?? 0;
	if (cache.size >= cacheLimit || cacheChars + chars > cacheCharsLimit) {
		cache.clear();
		cacheChars = 0;
	}
	cache.set(fingerprint, facts);
	cacheChars += chars;
	return facts;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function decode(token: string, fingerprint: string): TokenFacts {
	const segments = token.split('.');
	let header: Record<string, unknown>;
	try {
		header = decodeProtectedHeader(token) as Record<string, unknown>;
	} catch {
		return {fingerprint, malformed: true, hasNonce: false, issuerKind: 'other'};
	}
	const fromHeader = headerFacts(header);
	if (segments.length === 5 && typeof header.enc === 'string') {
		return {fingerprint, encrypted: true, enc: header.enc, ...fromHeader, issuerKind: 'other'};
	}
	try {
		// Five segments without `enc` is a JWS followed by dots in the log text ("eyJ...sig..").
		const claims = decodeJwt(segments.length === 3 ? token : segments.slice(0, 3).join('.'));
		return claimFacts(fingerprint, header, claims);
	} catch {
		return {fingerprint, malformed: true, ...fromHeader, issuerKind: 'other'};
	}
}

/** A token's header and claims → its facts: the same for a decoded JWT and for a JSON rendering of one. */
export function claimFacts(fingerprint: string, header: Record<string, unknown>, claims: Record<string, unknown>): TokenFacts {
	const iss = str(claims.iss);
	const aud =
		typeof claims.aud === 'string' ? claims.aud : Array.isArray(claims.aud) ? claims.aud.filter((a): a is string => typeof a === 'string') : undefined;
	return {
		fingerprint,
		...headerFacts(header),
		aud,
		iss,
		tid: str(claims.tid),
		appid: str(claims.appid),
		azp: str(claims.azp),
		ver: str(claims.ver),
		scp: str(claims.scp),
		roles: Array.isArray(claims.roles) ? claims.roles.filter((r): r is string => typeof r === 'string') : undefined,
		uti: normalizeUti(str(claims.uti)),
		idtyp: str(claims.idtyp),
		iat: num(claims.iat),
		nbf: num(claims.nbf),
		exp: num(claims.exp),
		issuerKind: issuerKind(iss, {tfp: claims.tfp, acr: claims.acr, kid: header.kid}),
		cloud: cloudOf(iss),
		graphAudience: isGraphAudience(aud),
		idToken: idTokenEvidence(claims) !== undefined,
		// Claims can carry credentials themselves (distributed claims with an access_token): redacted too.
		claimsJson: redactSecrets(redactTokens(JSON.stringify(claims), [])),
	};
}

function headerFacts(header: Record<string, unknown>): Pick<TokenFacts, 'alg' | 'kid' | 'typ' | 'hasNonce'> {
	return {alg: str(header.alg), kid: str(header.kid) ?? str(header.x5t), typ: str(header.typ), hasNonce: 'nonce' in header};
}
