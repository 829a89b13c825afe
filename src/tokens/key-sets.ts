/**
 * Offline signature checks against JWKS files (`--jwks`): the keys an API would have loaded
 * from its metadata's jwks_uri. jose's local key set picks keys by kid and alg and verifies
 * the signature; the outcome says which of the signature-validation causes applies.
 * Results are cached by fingerprint; the raw token lives only until its check settles.
 */
import {readFileSync} from 'node:fs';
import {compactVerify, createLocalJWKSet, decodeProtectedHeader, errors, type JSONWebKeySet, type JWK} from 'jose';
import {AadlogError} from '../errors.js';
import type {SignatureCheck, TokenFacts} from '../extract/event.js';

/** Keys from one or more JWKS files (or OpenID `{"keys": [...]}` documents), de-duplicated. */
export function loadKeySets(files: readonly string[]): JSONWebKeySet {
	const keys: JWK[] = [];
	const seen = new Set<string>();
	for (const file of files) {
		let parsed: unknown;
		try {
			parsed = JSON.parse(readFileSync(file, 'utf8'));
		} catch (error) {
			throw new AadlogError('ERR_USAGE', `--jwks ${file}: ${(error as Error).message}`);
		}
		const list = parsed !== null && typeof parsed === 'object' ? (parsed as {keys?: unknown}).keys : undefined;
		if (!Array.isArray(list)) throw new AadlogError('ERR_USAGE', `--jwks ${file}: not a JSON Web Key Set (no "keys" array)`);
		for (const entry of list as unknown[]) {
			if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) continue;
			const key = normalizeKey(entry as JWK);
			// After normalizing: the same key written in base64 in one file and base64url in another is one key.
			const id = `${key.kid ?? ''}|${key.n ?? key.x ?? ''}`;
			if (seen.has(id)) continue;
			seen.add(id);
			keys.push(key);
		}
	}
	return {keys};
}

/** JWS algorithms a key's `alg` may name; anything else (a test set's "SHA256") would make jose skip the key. */
const jwsAlgs = new Set(['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519']);

/** Published key sets sometimes write `n`/`e` in plain base64 and a non-JWS `alg`; JWK wants base64url and a JWS alg. */
function normalizeKey(key: JWK): JWK {
	const url = (v: string | undefined): string | undefined => (v === undefined ? v : v.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''));
	const normalized: JWK = key.kty === 'RSA' ? {...key, n: url(key.n), e: url(key.e)} : {...key};
	if (normalized.alg !== undefined && !jwsAlgs.has(normalized.alg)) delete normalized.alg;
	return normalized;
}

export class SignatureChecker {
	private readonly getKey: ReturnType<typeof createLocalJWKSet>;
	/** Sub-sets by x5t: a token that names its key by x5t alone (v1 tokens may) is checked against those keys. */
	private readonly byThumbprint = new Map<string, ReturnType<typeof createLocalJWKSet>>();
	/** kid and x5t of every key. */
	private readonly keyIds: Set<string>;
	private readonly results = new Map<string, SignatureCheck>();
	private readonly pending = new Map<string, Promise<SignatureCheck>>();

	constructor(readonly keySet: JSONWebKeySet) {
		this.getKey = createLocalJWKSet(keySet);
		this.keyIds = new Set(keySet.keys.flatMap((k) => [k.kid, (k as {x5t?: string}).x5t]).filter((id): id is string => typeof id === 'string'));
	}

	/** Starts the check of a token just found (the raw token is not kept past it). */
	start(token: string, facts: TokenFacts): void {
		const fp = facts.fingerprint;
		if (this.pending.has(fp)) return;
		const known = this.results.get(fp);
		this.pending.set(fp, known === undefined ? this.check(token, facts) : Promise.resolve(known));
	}

	/**
	 * The outcome for each of these tokens, in order (undefined for a token never started).
	 * The facts are not written to: they are the decode cache's, shared by every check with
	 * any key set; the caller puts the outcome on its own copy of the token.
	 */
	async settle(tokens: readonly TokenFacts[]): Promise<Array<SignatureCheck | undefined>> {
		const outcomes: Array<SignatureCheck | undefined> = [];
		for (const facts of tokens) {
			const fp = facts.fingerprint;
			const waiting = this.pending.get(fp);
			if (waiting) {
				this.pending.delete(fp);
				if (this.results.size >= 100_000) this.results.clear(); // bounded: a re-check costs well under a millisecond
				this.results.set(fp, await waiting);
			}
			outcomes.push(this.results.get(fp));
		}
		return outcomes;
	}

	private async check(token: string, facts: TokenFacts): Promise<SignatureCheck> {
		if (facts.malformed || facts.encrypted) return 'unsupported';
		const alg = facts.alg ?? '';
		if (alg.toLowerCase() === 'none') return 'unsigned';
		if (/^HS\d+$/i.test(alg)) return 'symmetric';
		// facts.kid is the header's kid, or its x5t when there is no kid.
		if (facts.kid !== undefined && !this.keyIds.has(facts.kid)) return 'kid-unknown';
		const jws = token.split('.').slice(0, 3).join('.');
		const header = decodeProtectedHeader(jws);
		const getKey = header.kid === undefined && typeof header.x5t === 'string' ? this.thumbprintSet(header.x5t) : this.getKey;
		try {
			await compactVerify(jws, getKey);
			return 'valid';
		} catch (error) {
			if (error instanceof errors.JWKSNoMatchingKey) return 'kid-unknown';
			if (error instanceof errors.JWSSignatureVerificationFailed) return 'invalid';
			// Several keys fit the header: jose hands them over as an async iterable; any one that verifies will do.
			if (error instanceof errors.JWKSMultipleMatchingKeys)
				return (await anyKeyVerifies(jws, error as unknown as AsyncIterable<CryptoKey>)) ? 'valid' : 'invalid';
			return 'unsupported';
		}
	}

	private thumbprintSet(x5t: string): ReturnType<typeof createLocalJWKSet> {
		let set = this.byThumbprint.get(x5t);
		if (!set) {
			const keys = this.keySet.keys.filter((k) => (k as {x5t?: string}).x5t === x5t || k.kid === x5t).map((k) => ({...k, kid: undefined}));
			set = createLocalJWKSet({keys});
			this.byThumbprint.set(x5t, set);
		}
		return set;
	}
}

async function anyKeyVerifies(jws: string, keys: AsyncIterable<CryptoKey>): Promise<boolean> {
	for await (const key of keys) {
		try {
			await compactVerify(jws, key);
			return true;
		} catch {
			// the next key
		}
	}
	return false;
}
