/**
 * The tokens the incident corpus names as `{{name}}`, generated with jose for each run (see
 * token-fixtures.ts): never a real token, and never one written into the corpus.
 */
import type {JWTPayload} from 'jose';
import {hs256, newSigner, tenant, v1Issuer, v2Issuer} from '../token-fixtures.js';

const at = (iso: string): number => Date.parse(iso) / 1000;
/** Valid around the corpus's log times (2026-11-21, 10:40 to 11:00 UTC). */
const valid = (extra: JWTPayload): JWTPayload => ({
	iat: at('2026-11-21T10:00:00Z'),
	nbf: at('2026-11-21T10:00:00Z'),
	exp: at('2026-11-21T11:00:00Z'),
	...extra,
});

export async function incidentTokens(): Promise<Record<string, string>> {
	const entra = await newSigner('entra-kid');
	const graph = await newSigner('graph-kid');
	const b2c = await newSigner('X5eXk4xyojNFum1kl2Ytv8dlNP4-c57dO6QGTVBwaNk');
	const samlApp = await newSigner('saml-app-cert');
	const api = '11111111-2222-3333-4444-555555555555';
	return {
		graphToken: await graph.sign(valid({aud: 'https://graph.microsoft.com', iss: v1Issuer, tid: tenant, ver: '1.0', scp: 'User.Read'}), {
			nonce: 'graph-nonce',
		}),
		hs256Assertion: await hs256(valid({aud: `https://login.microsoftonline.com/${tenant}/oauth2/v2.0/token`, iss: api, sub: api, jti: 'assertion-1'})),
		b2cToken: await b2c.sign(valid({aud: api, iss: `https://contosob2c.b2clogin.com/${tenant}/v2.0/`, tfp: 'B2C_1_susi', ver: '1.0'})),
		entraToken: await entra.sign(valid({aud: api, iss: v2Issuer, tid: tenant, ver: '2.0', scp: 'Orders.Read'})),
		samlAppToken: await samlApp.sign(valid({aud: api, iss: v1Issuer, tid: tenant, ver: '1.0', scp: 'Orders.Read'})),
		expiredToken: await entra.sign({
			aud: api,
			iss: v2Issuer,
			tid: tenant,
			ver: '2.0',
			iat: at('2026-11-21T09:00:00Z'),
			nbf: at('2026-11-21T09:00:00Z'),
			exp: at('2026-11-21T10:00:00Z'),
		}),
	};
}
