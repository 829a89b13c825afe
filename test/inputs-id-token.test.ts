/**
 * An ID token sent as an access token (no scp/roles/azp/appid, a nonce, the client id as
 * aud) is noticed by `aadlog token` and by `aadlog analyze` in an API's log, with how to get
 * an access token instead; real access tokens, user or app, are not flagged.
 */

import {writeFileSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {cli, tempDir} from './helpers.js';
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

/** An API's log: the request with its bearer token, then the validator's audience error. */
function apiLog(token: string): string {
	const at = new Date().toISOString();
	return [
		`${at} info: GET /api/orders Authorization: Bearer ${token}`,
		`${at} fail: JwtBearerHandler[1] Failed to validate the token. IDX10214: Audience validation failed. Audiences: '${clientId}'. Did not match: validationParameters.ValidAudience: 'api://orders'.`,
		'',
	].join('\n');
}

function causesOf(log: string): string[] {
	const file = path.join(tempDir(), 'api.log');
	writeFileSync(file, log);
	const run = cli(['analyze', '--db', ':memory:', '--json', file]);
	assertRan(run.status, run.stderr);
	return (JSON.parse(run.stdout) as {causes: {cause: string}[]}).causes.map((c) => c.cause);
}

function assertRan(status: number | null, stderr: string): void {
	if (status !== 0) throw new Error(`analyze exited ${status}: ${stderr}`);
}

test('analyze: an API that rejected an ID token is told to send an access token', async (t) => {
	const signer = await newSigner('k1');
	const now = Math.floor(Date.now() / 1000);
	const log = apiLog(await signer.sign(idClaims(now)));
	t.deepEqual(causesOf(log), ['id-token-as-access-token']);
});

test('analyze: the same rejection of an access token stays an audience mismatch', async (t) => {
	const signer = await newSigner('k1');
	const now = Math.floor(Date.now() / 1000);
	const log = apiLog(await signer.sign({...accessClaims(now), aud: clientId}));
	t.deepEqual(causesOf(log), ['api-audience-mismatch']);
});
