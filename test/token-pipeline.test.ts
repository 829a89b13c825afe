/**
 * Tokens through the whole pipeline: diagnoses at the time of each log line, the tokens
 * table and its joins, and the no-leak guarantee over every byte a run produces.
 */

import {readdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import Database from 'better-sqlite3';
import {loadKnowledge} from '../src/classify/knowledge.js';
import {analyze} from '../src/pipeline.js';
import {defaultReadLimits} from '../src/read/record.js';
import {fingerprintOf} from '../src/tokens/decode.js';
import {loadKeySets} from '../src/tokens/key-sets.js';
import {utiFromGuid} from '../src/tokens/uti.js';
import {cli, memoryInput, tempDir} from './helpers.js';
import {accessClaims, hs256, newSigner, secretParts, tenant, v1Issuer, v2Issuer} from './token-fixtures.js';

const knowledge = loadKnowledge();
const at = (iso: string): number => Date.parse(iso) / 1000;
const signinRequestId = '5a4e765f-9b89-4a71-9b0a-2b854a0d5e11';

/** An API's log with one failure per record, each with the token it rejected. */
async function scenario() {
	const signer = await newSigner('api-key-1');
	const stranger = await newSigner('rotated-away');
	const t0 = at('2026-11-20T08:00:00Z');
	const tokens = {
		expired: await signer.sign(accessClaims(t0)), // exp 09:00, used at 10:00
		fresh: await signer.sign(accessClaims(t0 + 7200, {jti: 'fresh'})), // valid 10:00..11:00, "expired" says the API at 10:30
		graph: await signer.sign(accessClaims(t0 + 7200, {aud: 'https://graph.microsoft.com', scp: 'User.Read'}), {nonce: 'n-123'}),
		v1: await signer.sign(accessClaims(t0 + 7200, {iss: v1Issuer, ver: '1.0'})),
		narrow: await signer.sign(accessClaims(t0 + 7200, {jti: 'narrow'})),
		unknownKid: await stranger.sign(accessClaims(t0 + 7200, {jti: 'stranger'})),
		symmetric: await hs256(accessClaims(t0 + 7200)),
		issued: await signer.sign(accessClaims(t0 + 7200, {uti: utiFromGuid(signinRequestId)})),
	};
	const log =
		[
			`2026-11-20T10:00:00Z fail: Microsoft.AspNetCore.Authentication.JwtBearer[1]\n      IDX10223: Lifetime validation failed. The token is expired.\n      Authorization: Bearer ${tokens.expired}`,
			`2026-11-20T10:30:00Z fail: Microsoft.AspNetCore.Authentication.JwtBearer[1]\n      IDX10223: Lifetime validation failed. The token is expired.\n      Authorization: Bearer ${tokens.fresh}`,
			`2026-11-20T10:31:00Z fail: Microsoft.AspNetCore.Authentication.JwtBearer[1]\n      IDX10214: Audience validation failed. Audiences: 'https://graph.microsoft.com'. Did not match: validationParameters.ValidAudience: 'api://orders' or validationParameters.ValidAudiences: 'null'.\n      token: ${tokens.graph}`,
			`2026-11-20T10:32:00Z fail: Microsoft.AspNetCore.Authentication.JwtBearer[1]\n      IDX10205: Issuer validation failed. Issuer: '${v1Issuer}'. Did not match: validationParameters.ValidIssuer: '${v2Issuer}' or validationParameters.ValidIssuers: 'null'.\n      token: ${tokens.v1}`,
			`2026-11-20T10:33:00Z 10.0.0.7 "GET /api/orders/7 HTTP/1.1" 403 WWW-Authenticate: Bearer error="insufficient_scope", scope="Orders.Write" Authorization: Bearer ${tokens.narrow}`,
			`2026-11-20T10:34:00Z 10.0.0.7 "GET /api/orders HTTP/1.1" 401 Authorization: Bearer ${tokens.unknownKid}`,
			`2026-11-20T10:35:00Z 10.0.0.7 "GET /api/orders HTTP/1.1" 401 Authorization: Bearer ${tokens.symmetric}`,
			`2026-11-20T10:36:00Z 10.0.0.7 "GET /api/orders HTTP/1.1" 401 Authorization: Bearer ${tokens.issued} client_secret=Zk8Q~never.printed_1 refresh_token=0.AXEAnever-printed-rt`,
		].join('\n\n') + '\n';
	const signin =
		JSON.stringify({
			id: signinRequestId,
			createdDateTime: '2026-11-20T09:59:00Z',
			correlationId: '9f3e26ea-754c-403d-9ee0-dc2099d4e9aa',
			userPrincipalName: 'megan@contoso.com',
			appId: 'client-app',
			appDisplayName: 'Orders SPA',
			resourceDisplayName: 'Orders API',
			status: {errorCode: 0},
		}) + '\n';
	return {signer, tokens, log, signin};
}

const causeOf = (db: Database.Database, line: number): string =>
	db.prepare('SELECT c.cause FROM events e JOIN causes c ON c.id = e.cause_id WHERE e.kind = ? AND e.line = ?').pluck().get('app', line) as string;

test('each rejected token gets the cause its facts show, judged at the time of its log line', async (t) => {
	const {signer, log, signin, tokens} = await scenario();
	const dir = tempDir();
	const jwks = path.join(dir, 'jwks.json');
	writeFileSync(jwks, JSON.stringify({keys: [signer.jwk]}));
	const file = path.join(dir, 'a.db');
	await analyze({
		inputs: [memoryInput('signins.jsonl', signin), memoryInput('api.log', log)],
		db: file,
		knowledge,
		limits: defaultReadLimits,
		version: 'test',
		tokens: {keySet: loadKeySets([jwks]), clockSkewSeconds: 300},
	});
	const db = new Database(file, {readonly: true});
	const lines = db.prepare("SELECT line FROM events WHERE kind = 'app' ORDER BY line").pluck().all() as number[];
	t.is(lines.length, 8, 'one event per log record');
	t.deepEqual(
		lines.map((l) => causeOf(db, l)),
		[
			'api-token-expired',
			'api-clock-skew',
			'graph-token-sent-to-api',
			'api-issuer-v1-v2-mismatch',
			'api-token-missing-scope',
			'api-token-kid-unknown',
			'api-token-symmetric-alg',
			'api-401-without-detail',
		],
	);
	const expired = db.prepare('SELECT seconds_past_exp, expired_at_use FROM event_tokens WHERE fingerprint = ?').get(fingerprintOf(tokens.expired));
	t.deepEqual(expired, {seconds_past_exp: 3600, expired_at_use: 1});
	const signatures = db.prepare('SELECT signature, count(*) n FROM tokens GROUP BY signature ORDER BY signature').all();
	t.deepEqual(signatures, [
		{signature: 'kid-unknown', n: 1},
		{signature: 'symmetric', n: 1},
		{signature: 'valid', n: 6},
	]);
	const graph = db
		.prepare('SELECT aud, graph_audience, has_nonce, issuer_kind, tenant_id FROM tokens WHERE fingerprint = ?')
		.get(fingerprintOf(tokens.graph));
	t.deepEqual(graph, {aud: 'https://graph.microsoft.com', graph_audience: 1, has_nonce: 1, issuer_kind: 'aad-v2', tenant_id: tenant});
	db.close();
});

test('a token in an app log joins the sign-in that issued it (uti = Request ID)', async (t) => {
	const {log, signin, tokens} = await scenario();
	const file = path.join(tempDir(), 'a.db');
	await analyze({
		inputs: [memoryInput('signins.jsonl', signin), memoryInput('api.log', log)],
		db: file,
		knowledge,
		limits: defaultReadLimits,
		version: 'test',
	});
	const db = new Database(file, {readonly: true});
	const joined = db
		.prepare('SELECT fingerprint, signin_request_id, user_principal_name, app_name FROM token_sign_ins WHERE signin_event_id IS NOT NULL')
		.all();
	t.deepEqual(joined, [
		{fingerprint: fingerprintOf(tokens.issued), signin_request_id: signinRequestId, user_principal_name: 'megan@contoso.com', app_name: 'Orders SPA'},
	]);
	t.is(db.prepare('SELECT count(*) FROM token_sign_ins').pluck().get(), 8, 'every use is listed, joined or not');
	// and the app failure that carried it is joined to that sign-in in the correlations table
	const via = db
		.prepare(`SELECT co.via FROM correlations co JOIN event_tokens et ON et.event_id = co.app_event_id WHERE et.fingerprint = ?`)
		.pluck()
		.all(fingerprintOf(tokens.issued));
	t.deepEqual(via, ['uti']);
	db.close();
});

/** Shapes of credentials that slipped through once (a review found them): each must be redacted. */
async function hardCases(signer: Awaited<ReturnType<typeof newSigner>>) {
	const wrapped = await signer.sign(accessClaims(1_795_000_000, {jti: 'wrapped'}));
	const cut = await signer.sign(accessClaims(1_795_000_000, {jti: 'cut'}));
	const inner = await signer.sign(accessClaims(1_795_000_000, {jti: 'inner'}));
	const nested = await signer.sign(
		accessClaims(1_795_000_000, {
			jti: 'outer',
			_claim_sources: {src1: {endpoint: 'https://graph.microsoft.com/v1.0/users/x/getMemberObjects', access_token: inner}},
		}),
	);
	const inSignin = await signer.sign(accessClaims(1_795_000_000, {jti: 'in-signin'}));
	const dots = await signer.sign(accessClaims(1_795_000_000, {jti: 'dots'}));
	const [ch, cp] = cut.split('.');
	const secrets = {
		env: 'Zq8~EnvSecretValue0123456789abcdef',
		py: 'Zq8~PyReprSecret0123456789abcdef',
		code: '0.AXEAsecretAuthCodeValue1234567890abcdefghijklmnop',
		pw: 'correct horse battery staple 42',
		basic: 'dXNlcjpwYXNz',
		esc: 'SecretAfterQuote0123456789',
		xml: 'XmlSecretValue0123456789abcdef',
		comma: 'Pa,ssCommaSecretValue0123456789',
		sas: 'SasSig0123456789abcdefABCDEF',
		rt: '0.ARefreshTokenValue0123456789abcdefghijklmnopqrstuvwxyzRT',
		signinSecret: 'Zk8Q~SecretInFailureReason_77',
	};
	const log =
		[
			`2026-11-20T11:00:00Z ERROR 401 Authorization: Bearer ${wrapped.slice(0, 30)}\n  ${wrapped.slice(30)}`,
			`2026-11-20T11:00:01Z IDX12741: JWT: '${ch}.${cp}' must have three segments (JWS) or five segments (JWE).`,
			`2026-11-20T11:00:02Z ERROR 401 Authorization: Bearer ${nested}`,
			`2026-11-20T11:00:03Z ERROR 401 token=${dots}... retrying`,
			`2026-11-20T11:00:04Z ERROR AADSTS7000215 config AZURE_CLIENT_SECRET=${secrets.env}`,
			`2026-11-20T11:00:05Z ERROR request {'client_secret': '${secrets.py}', 'grant_type': 'client_credentials'}`,
			`2026-11-20T11:00:06Z ERROR AADSTS70008 POST /token body: code=${secrets.code}&grant_type=authorization_code`,
			`2026-11-20T11:00:07Z ERROR AADSTS50126 login {"username":"a@contoso.com","password":"${secrets.pw}"}`,
			`2026-11-20T11:00:08Z ERROR 401 Authorization: Basic ${secrets.basic}`,
			`2026-11-20T11:00:09Z ERROR AADSTS7000215 {"client_secret":"abc\\"${secrets.esc}"}`,
			`2026-11-20T11:00:10Z ERROR AADSTS7000215 <client_secret>${secrets.xml}</client_secret>`,
			`2026-11-20T11:00:11Z ERROR AADSTS50126 password=${secrets.comma}`,
			`2026-11-20T11:00:12Z ERROR 403 https://acct.blob.core.windows.net/c/b?sv=2022-11-02&amp;sig=${secrets.sas}`,
			`2026-11-20T11:00:13Z ERROR AADSTS700082 refresh token: ${secrets.rt}`,
		].join('\n\n') + '\n';
	const signin =
		JSON.stringify({
			id: '6b7c8d9e-0f1a-4b2c-9d3e-4f5a6b7c8d9e',
			createdDateTime: '2026-11-20T11:00:20Z',
			status: {errorCode: 7000215, failureReason: `Invalid client secret provided: client_secret=${secrets.signinSecret} token ${inSignin}`},
		}) + '\n';
	return {log, signin, tokens: {wrapped, cut: `${ch}.${cp}`, inner, nested, inSignin, dots}, secrets};
}

test('no raw token, signature, refresh token or secret reaches the database, its WAL, stdout or stderr', async (t) => {
	const {signer, log, signin, tokens} = await scenario();
	const hard = await hardCases(signer);
	const dir = tempDir();
	writeFileSync(path.join(dir, 'api.log'), log);
	writeFileSync(path.join(dir, 'signins.jsonl'), signin);
	writeFileSync(path.join(dir, 'hard.log'), hard.log);
	writeFileSync(path.join(dir, 'hard-signins.jsonl'), hard.signin);
	// broken records are kept as excerpts: one with a whole token, one cut inside the token's payload
	const broken = `{"level":"info"}\n{"level":"error","access_token":"${tokens.fresh}","msg":\n{"pad":"${'x'.repeat(100)}","id_token":"${tokens.v1}"\n`;
	writeFileSync(path.join(dir, 'broken.jsonl'), broken);
	const jwks = path.join(dir, 'keys.jwks');
	writeFileSync(jwks, JSON.stringify({keys: [signer.jwk]}));
	const outDir = tempDir();
	const db = path.join(outDir, 'run.db');
	// A second connection held open keeps the -wal file on disk after each run, so its bytes are searched too.
	const holder = new Database(db);
	const outputs: string[] = [];
	const inputs = ['api.log', 'signins.jsonl', 'broken.jsonl', 'hard.log', 'hard-signins.jsonl'].map((f) => path.join(dir, f));
	// --reread: the same files again (a second run would skip them), for every output shape
	for (const args of [['--json'], ['--reread'], ['--reread', '--jwks', jwks]]) {
		const run = cli(['analyze', '--db', db, ...args, ...inputs]);
		t.is(run.status, 2, run.stderr);
		outputs.push(run.stdout, run.stderr);
		holder.prepare('SELECT count(*) FROM sqlite_master').get();
		// Distinct tokens: records of one failed request are one event (src/incident), each of their tokens counted once.
		if (args[0] === '--json') t.is(JSON.parse(run.stdout).tokens.distinct, 8 + 4, 'wrapped, cut, nested and dotted tokens in hard.log');
	}
	for (const token of [...Object.values(tokens), hard.tokens.nested]) {
		for (const args of [['--json'], ['--jwks', jwks, '--expect-aud', 'api://orders']]) {
			const run = cli(['token', ...args], {input: `Authorization: Bearer ${token}\n`});
			t.true(run.status === 0 || run.status === 2, run.stderr);
			outputs.push(run.stdout, run.stderr);
		}
	}
	// A token pasted where a file name or an option value belongs is echoed in the error: redacted.
	for (const args of [
		['analyze', '--db', ':memory:', tokens.fresh],
		['token', '--jwks', tokens.fresh],
		['token', '--at', tokens.fresh],
	]) {
		const run = cli(args, {input: tokens.fresh});
		t.is(run.status, 1, run.stderr);
		outputs.push(run.stdout, run.stderr);
	}
	const files = readdirSync(outDir).map((f) => path.join(outDir, f));
	t.true(
		files.some((f) => f.endsWith('run.db-wal') && readFileSync(f).length > 0),
		'the WAL is there to be searched',
	);
	const haystacks = [...files.map((f) => readFileSync(f).toString('latin1')), ...outputs];
	const needles = [
		...Object.values(tokens).flatMap(secretParts),
		...Object.values(hard.tokens).flatMap(secretParts),
		...Object.values(hard.secrets),
		'Zk8Q~never.printed_1',
		'0.AXEAnever-printed-rt',
	];
	for (const needle of needles) {
		for (const hay of haystacks)
			if (hay.includes(needle))
				t.fail(
					`found a secret (${needle.slice(0, 12)}...) in the output: ...${hay.slice(Math.max(0, hay.indexOf(needle) - 40), hay.indexOf(needle)).replace(/\n/g, ' ')}`,
				);
	}
	holder.close();
	// and the facts are there: the test would pass trivially if nothing had been stored
	const sql = new Database(db, {readonly: true});
	t.is(sql.prepare('SELECT count(*) FROM tokens').pluck().get(), 8 + 4);
	t.is(sql.prepare("SELECT count(*) FROM tokens WHERE claims LIKE '%<jwt:%'").pluck().get(), 1, 'the nested token became a placeholder in the claims');
	t.deepEqual(sql.prepare('SELECT DISTINCT line FROM rejects ORDER BY line').pluck().all(), [2, 3], 'both broken records are kept');
	for (const excerpt of sql.prepare('SELECT excerpt FROM rejects').pluck().all() as string[]) {
		t.notRegex(excerpt, /eyJ[A-Za-z0-9_-]{8,}/, 'not even a piece of a token');
		t.regex(excerpt, /<jwt:|<redacted>/, 'the token was there and was replaced');
	}
	t.regex(
		sql.prepare("SELECT failure_reason FROM events WHERE error_code = 7000215 AND kind = 'signin'").pluck().get() as string,
		/client_secret=<redacted> token <jwt:/,
	);
	sql.close();
});
