import {writeFileSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {cli, tempDir} from './helpers.js';
import {accessClaims, encrypted, newSigner, otherTenant, secretParts, unsigned, v1Issuer, v2Issuer} from './token-fixtures.js';

const now = Math.floor(Date.now() / 1000);

test('aadlog token reads standard input by default and shows header, claims and times, never the token', async (t) => {
	const signer = await newSigner('k1');
	const token = await signer.sign(accessClaims(now - 60));
	const run = cli(['token'], {input: `Authorization: Bearer ${token}\n`});
	t.is(run.status, 0, run.stderr);
	t.regex(run.stdout, /no problem found/);
	t.regex(run.stdout, /aud\s+api:\/\/orders/);
	t.regex(run.stdout, /issuer: Entra ID, v2\.0 issuer, public cloud/);
	t.regex(run.stdout, new RegExp(`exp\\s+${now - 60 + 3600}\\s+${new Date((now - 60 + 3600) * 1000).toISOString().slice(0, 16)}`));
	t.regex(run.stdout, /signature not checked: pass --jwks/);
	for (const part of secretParts(token)) t.false(run.stdout.includes(part));
});

test('an expired token is a problem (exit 2); --at judges it at another time', async (t) => {
	const signer = await newSigner('k1');
	const token = await signer.sign(accessClaims(1_700_000_000));
	const expired = cli(['token', '--json'], {input: token});
	t.is(expired.status, 2);
	const [report] = JSON.parse(expired.stdout);
	t.deepEqual(
		report.diagnoses.map((d: {rule: string}) => d.rule),
		['api-token-expired'],
	);
	t.true(report.facts.expiredAtUse);
	const then = cli(['token', '--json', '--at', '2023-11-14T23:00:00Z', '-'], {input: token});
	t.is(then.status, 0, then.stdout);
	t.deepEqual(JSON.parse(then.stdout)[0].diagnoses, []);
	t.is(cli(['token', '--at', String(1_700_000_000 + 1000), token]).status, 0, 'Unix seconds and a positional token work too');
});

test('expectations from the command line: Graph audience, v1 vs v2, wrong tenant; key sets', async (t) => {
	const signer = await newSigner('k1');
	const dir = tempDir();
	const jwks = path.join(dir, 'keys.json');
	writeFileSync(jwks, JSON.stringify({keys: [signer.jwk]}));
	const rules = async (claims: Record<string, unknown>, args: string[]): Promise<string[]> => {
		const run = cli(['token', '--json', ...args], {input: await signer.sign(accessClaims(now - 60, claims))});
		return JSON.parse(run.stdout)[0].diagnoses.map((d: {rule: string}) => d.rule);
	};
	t.deepEqual(await rules({aud: 'https://graph.microsoft.com'}, ['--expect-aud', 'api://orders']), ['graph-token-sent-to-api']);
	t.deepEqual(await rules({}, ['--expect-aud', 'api://payments']), ['api-audience-mismatch']);
	t.deepEqual(await rules({}, ['--expect-aud', 'api://orders', '--expect-iss', v2Issuer, '--jwks', jwks]), []);
	t.deepEqual(await rules({iss: v1Issuer, ver: '1.0'}, ['--expect-iss', v2Issuer]), ['api-issuer-v1-v2-mismatch']);
	t.deepEqual(await rules({iss: `https://login.microsoftonline.com/${otherTenant}/v2.0`, tid: otherTenant}, ['--expect-iss', v2Issuer]), [
		'api-token-wrong-tenant',
	]);
	const other = await newSigner('k2');
	const run = cli(['token', '--json', '--jwks', jwks], {input: await other.sign(accessClaims(now - 60))});
	t.deepEqual(
		JSON.parse(run.stdout)[0].diagnoses.map((d: {rule: string}) => d.rule),
		['api-token-kid-unknown'],
	);
	t.is(JSON.parse(run.stdout)[0].facts.signature, 'kid-unknown');
});

test('no token in the input is a usage error; the uti names the sign-in that issued the token', async (t) => {
	const none = cli(['token'], {input: 'Bearer not-a-jwt\n'});
	t.is(none.status, 1);
	t.regex(none.stderr, /no JWT found/);
	const signer = await newSigner('k1');
	const withUti = cli(['token'], {
		input: await signer.sign(accessClaims(now, {uti: Buffer.from('33221100554477668899aabbccddeeff', 'hex').toString('base64url')})),
	});
	t.regex(withUti.stdout, /Request ID 00112233-4455-6677-8899-aabbccddeeff/);
});

test('not yet valid, B2C vs Entra, alg none and encrypted tokens from the command line', async (t) => {
	const signer = await newSigner('k1');
	const rulesOf = (stdout: string): string[] => JSON.parse(stdout)[0].diagnoses.map((d: {rule: string}) => d.rule);
	const future = cli(['token', '--json'], {input: await signer.sign(accessClaims(now + 3600))});
	t.deepEqual(rulesOf(future.stdout), ['api-token-not-yet-valid']);
	const b2cExpected = cli(['token', '--json', '--expect-iss', 'https://contoso.b2clogin.com/0b1c2d3e-0000-4000-8000-000000000001/v2.0/'], {
		input: await signer.sign(accessClaims(now - 60)),
	});
	t.deepEqual(rulesOf(b2cExpected.stdout), ['api-b2c-entra-authority-mismatch']);
	const none = cli(['token', '--json'], {input: unsigned(accessClaims(now - 60))});
	t.deepEqual(rulesOf(none.stdout), ['api-token-unsigned']);
	const jwe = cli(['token'], {input: await encrypted({aud: 'api://orders'})});
	t.is(jwe.status, 0);
	t.regex(jwe.stdout, /encrypted \(JWE, enc A256GCM\)/);
});
