/**
 * Offline signature checks against JWKS files (`--jwks`): the keys an API would have loaded
 * from its metadata's jwks_uri. jose's local key set picks keys by kid and alg and verifies
 * the signature; the outcome says which of the signature-validation causes applies.
 * Results are cached by fingerprint; the raw token lives only until its check settles.
 */
import {readFileSync} from 'node:fs';
import {compactVerify, createLocalJWKSet, errors, type JSONWebKeySet, type JWK} from 'jose';
import type {SignatureCheck, TokenFacts} from '../extract/event.js';
import {AadlogError} from '../errors.js';

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
		const list = (parsed as {keys?: unknown}).keys;
		if (!Array.isArray(list)) throw new AadlogError('ERR_USAGE', `--jwks ${file}: not a JSON Web Key Set (no "keys" array)`);
		for (const key of list as JWK[]) {
			if (key === null || typeof key !== 'object') continue;
			const id = `${key.kid ?? ''}|${key.n ?? key.x ?? ''}`;
			if (seen.has(id)) continue;
			seen.add(id);
			keys.push(normalizeKey(key));
		}
	}
	return {keys};
}

/** Published key sets sometimes write `n`/`e` in plain base64; JWK wants base64url. */
function normalizeKey(key: JWK): JWK {
	const url = (v: string | undefined): string | undefined => (v === undefined ? v : v.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''));
	return key.kty === 'RSA' ? {...key, n: url(key.n), e: url(key.e)} : key;
}

export class SignatureChecker {
	private readonly getKey: ReturnType<typeof createLocalJWKSet>;
	/** kid and x5t of every key: v1 tokens may name their key by x5t only. */
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
		if (this.results.has(fp) || this.pending.has(fp)) return;
		this.pending.set(fp, this.check(token, facts));
	}

	/** Waits for the checks of these tokens and writes their outcome into the facts. */
	async settle(tokens: readonly TokenFacts[]): Promise<void> {
		for (const facts of tokens) {
			const fp = facts.fingerprint;
			const waiting = this.pending.get(fp);
			if (waiting) {
				if (this.results.size >= 100_000) this.results.clear(); // bounded: a re-check costs ~0.2 ms
				this.results.set(fp, await waiting);
				this.pending.delete(fp);
			}
			const result = this.results.get(fp);
			if (result !== undefined) facts.signature = result;
		}
	}

	private async check(token: string, facts: TokenFacts): Promise<SignatureCheck> {
		if (facts.malformed || facts.encrypted) return 'unsupported';
		const alg = facts.alg ?? '';
		if (alg.toLowerCase() === 'none') return 'unsigned';
		if (/^HS\d+$/i.test(alg)) return 'symmetric';
		// jose matches keys by kid; a token naming its key by x5t alone is tried against every key.
		if (facts.kid !== undefined && !this.keyIds.has(facts.kid)) return 'kid-unknown';
		try {
			await compactVerify(token.split('.').slice(0, 3).join('.'), this.getKey);
			return 'valid';
		} catch (error) {
			if (error instanceof errors.JWKSNoMatchingKey) return 'kid-unknown';
			if (error instanceof errors.JWSSignatureVerificationFailed) return 'invalid';
			// Several keys matched and none verified (jose tries each): the signature is wrong.
			if (error instanceof errors.JWKSMultipleMatchingKeys) return 'invalid';
			return 'unsupported';
		}
	}
}
