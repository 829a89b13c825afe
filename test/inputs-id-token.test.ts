/**
 * `aadlog token` notices an ID token sent as an access token (no scp/roles/azp/appid, a
 * nonce, the client id as aud) and says how to get an access token instead; real access
 * tokens, user or app, are not flagged.
 */

import test from 'ava';
import {cli} from './helpers.js';
import {accessClaims, newSigner, secretParts, tenant, v2Issuer} from './token-fixtures.js';

const clientId = '11111111-2222-4333-8444-555555555555';

function idClaims(iat: number): Record<string, unknown> {
	return {
		aud: clientId,
		iss: v2Issuer,
		tid: tenant,
		ver: '2.0',
		nonce: 'n-1',
		oid: 'o',
		sub: 's',
		preferred_username: 'a@contoso.com',
		iat,
		nbf: iat,
		exp: iat + 3600,
	};
}

test('an ID token is diagnosed as sent in place of an access token, with the fix', async (t) => {
	const signer = await newSigner('k1');
	const now = Math.floor(Date.now() / 1000);
	const token = await signer.sign(idClaims(now));
	const result = cli(['token', '--json', token]);
	t.is(result.status, 2, result.stderr);
	const [report] = JSON.parse(result.stdout) as [{diagnoses: {rule: string; fix: string; evidence: string[]}[]}];
	t.is(report.diagnoses[0].rule, 'id-token-as-access-token');
	t.regex(report.diagnoses[0].fix, /access token/);
	t.true(report.diagnoses[0].evidence.some((e) => e.includes('nonce')));
	for (const secret of secretParts(token)) t.false(result.stdout.includes(secret));
	const text = cli(['token', token]);
	t.regex(text.stdout, /ID token sent as an access token/);
});

test('access tokens are not taken for ID tokens: user (scp), app (roles), app without roles (idtyp)', async (t) => {
	const signer = await newSigner('k1');
	const now = Math.floor(Date.now() / 1000);
	const tokens = [
		await signer.sign(accessClaims(now)),
		await signer.sign({...accessClaims(now), scp: undefined, azp: undefined, roles: ['Orders.Read.All'], aud: clientId}),
		await signer.sign({...accessClaims(now), scp: undefined, azp: undefined, idtyp: 'app', aud: clientId}),
	];
	for (const token of tokens) {
		const [report] = JSON.parse(cli(['token', '--json', token]).stdout) as [{diagnoses: {rule: string}[]}];
		t.false(
			report.diagnoses.some((d) => d.rule === 'id-token-as-access-token'),
			JSON.stringify(report.diagnoses),
		);
	}
});
