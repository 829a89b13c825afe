/**
 * Test tokens, generated here with jose (never real ones): an RSA signing key with its
 * JWKS, and helpers for signed, HS256, unsigned and encrypted tokens with chosen claims.
 */
import {CompactEncrypt, exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT} from 'jose';

export interface Signer {
	kid: string;
	jwk: JWK;
	sign(claims: JWTPayload, header?: Record<string, unknown>): Promise<string>;
}

export async function newSigner(kid: string): Promise<Signer> {
	const {privateKey, publicKey} = await generateKeyPair('RS256', {extractable: true});
	const jwk = {...(await exportJWK(publicKey)), kid, use: 'sig', kty: 'RSA'};
	return {
		kid,
		jwk,
		sign: (claims, header = {}) => new SignJWT(claims).setProtectedHeader({alg: 'RS256', typ: 'JWT', kid, ...header}).sign(privateKey),
	};
}

export function hs256(claims: JWTPayload): Promise<string> {
	return new SignJWT(claims).setProtectedHeader({alg: 'HS256', typ: 'JWT'}).sign(new TextEncoder().encode('a-shared-secret-of-32-bytes-long!'));
}

/** alg none: jose will not make one, so it is put together by hand. */
export function unsigned(claims: JWTPayload): string {
	const part = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
	return `${part({alg: 'none', typ: 'JWT'})}.${part(claims)}.`;
}

export async function encrypted(claims: JWTPayload): Promise<string> {
	const {publicKey} = await generateKeyPair('RSA-OAEP-256', {extractable: true});
	return new CompactEncrypt(new TextEncoder().encode(JSON.stringify(claims)))
		.setProtectedHeader({alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: 'enc1'})
		.encrypt(publicKey);
}

export const tenant = '6c1d5f2e-8a4b-4c39-9e7d-1f2a3b4c5d6e';
export const otherTenant = '0b1c2d3e-0000-4000-8000-000000000001';
export const v1Issuer = `https://sts.windows.net/${tenant}/`;
export const v2Issuer = `https://login.microsoftonline.com/${tenant}/v2.0`;

/** Claims of an Entra v2 access token for api://orders, valid from `iat` for an hour. */
export function accessClaims(iat: number, extra: JWTPayload = {}): JWTPayload {
	return {aud: 'api://orders', iss: v2Issuer, tid: tenant, ver: '2.0', azp: 'client-app', scp: 'Orders.Read', iat, nbf: iat, exp: iat + 3600, ...extra};
}

/** The segments of a compact token that must never appear in any output. */
export function secretParts(token: string): string[] {
	const parts = token.split('.');
	return parts.length === 3 ? [parts[1], parts[2]].filter((p) => p.length > 0) : parts.slice(1).filter((p) => p.length > 0);
}
