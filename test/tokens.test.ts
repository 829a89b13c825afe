import test from 'ava';
import {randomUUID} from 'node:crypto';
import {redactTokens} from '../src/tokens/find.js';
import {redactSecrets} from '../src/tokens/secrets.js';
import {fingerprintOf, tokenFacts} from '../src/tokens/decode.js';
import {cloudOf, issuerKind} from '../src/tokens/issuer.js';
import {guidFromUti, normalizeUti, tokenIdOfSignin, utiFromGuid} from '../src/tokens/uti.js';
import {assessToken} from '../src/tokens/assess.js';
import {SignatureChecker, loadKeySets} from '../src/tokens/key-sets.js';
import {findExpectations} from '../src/extract/artifacts/expectations.js';
import type {SignatureCheck, TokenFacts} from '../src/extract/event.js';
import {accessClaims, encrypted, hs256, newSigner, otherTenant, secretParts, tenant, unsigned, v1Issuer, v2Issuer} from './token-fixtures.js';
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {tempDir} from './helpers.js';

const iat = 1_795_000_000;

test('JWTs are found wherever logs put them, replaced by their fingerprint, and decoded', async (t) => {
	const signer = await newSigner('k1');
	const token = await signer.sign(accessClaims(iat));
	const places = [
		`Authorization: Bearer ${token}`,
		`GET /api/orders?access_token=${token}&x=1 HTTP/1.1" 401`,
		`{"level":"warn","id_token":"${token}","msg":"login failed"}`,
		`token=${token}`,
		`IDX10223: Lifetime validation failed.\n   token: '${token}'\n   at Microsoft.IdentityModel...`,
		`client_assertion=${token}&client_id=x`,
	];
	for (const text of places) {
		const found: TokenFacts[] = [];
		const out = redactSecrets(redactTokens(text, found));
		t.is(found.length, 1, text);
		t.is(found[0].fingerprint, fingerprintOf(token));
		t.true(out.includes(`<jwt:${fingerprintOf(token)}>`), out);
		for (const part of secretParts(token)) t.false(out.includes(part), out);
		t.is(found[0].aud, 'api://orders');
		t.is(found[0].issuerKind, 'aad-v2');
		t.is(found[0].alg, 'RS256');
		t.is(found[0].kid, 'k1');
		t.is(found[0].exp, iat + 3600);
	}
});

test('the same token twice in a record is one token; two tokens are two', async (t) => {
	const signer = await newSigner('k1');
	const a = await signer.sign(accessClaims(iat));
	const b = await signer.sign(accessClaims(iat + 1));
	const found: TokenFacts[] = [];
	redactTokens(`${a} ${a} ${b}`, found);
	t.is(found.length, 2);
});

test('a token cut short is malformed, never a crash; an encrypted token is recognised', async (t) => {
	const signer = await newSigner('k1');
	const token = await signer.sign(accessClaims(iat));
	const cut = token.slice(0, token.indexOf('.') + 20) + '.abc';
	const found: TokenFacts[] = [];
	const out = redactTokens(`Bearer ${cut}`, found);
	t.true(found[0].malformed);
	t.false(out.includes(cut));
	const jwe = await encrypted({secret: 'x'});
	const found2: TokenFacts[] = [];
	const out2 = redactTokens(`Bearer ${jwe}`, found2);
	t.true(found2[0].encrypted);
	t.is(found2[0].enc, 'A256GCM');
	for (const part of jwe.split('.').slice(1)) if (part.length > 8) t.false(out2.includes(part));
});

test('opaque bearer values, Basic credentials, refresh tokens and secrets are redacted; challenges are not', (t) => {
	const opaque = 'EwBwA8l6BAAUO9chh8cJscQLmU+LSWpbnr0vmwwAAQ7K3a9iTokF2xR0ab';
	const out = redactSecrets(redactTokens(`Authorization: Bearer ${opaque}\nAuthorization: Basic dXNlcjpwYXNzd29yZDEyMw==`, []));
	t.false(out.includes(opaque));
	t.true(out.includes(`Bearer <bearer:${fingerprintOf(opaque)}>`));
	t.false(out.includes('dXNlcjpwYXNzd29yZDEyMw'));
	const challenge = 'WWW-Authenticate: Bearer authorization_uri="https://login.microsoftonline.com/x/oauth2/authorize", error="invalid_token", error_description="The token is expired"';
	t.is(redactTokens(challenge, []), challenge);
	const form = 'grant_type=refresh_token&refresh_token=0.AXEA1b2c3d4e5f6g7h8&client_secret=Zk8Q~abc.DEF_123&password=hunter22&code=0.AAAB123xyz';
	const cleaned = redactSecrets(form);
	for (const secret of ['0.AXEA1b2c3d4e5f6g7h8', 'Zk8Q~abc.DEF_123', 'hunter22']) t.false(cleaned.includes(secret), cleaned);
	t.true(cleaned.includes('grant_type=refresh_token'), 'the grant type names no secret');
	t.false(redactSecrets('https://app/cb?code=0.AAAB123xyz&state=s').includes('0.AAAB123xyz'));
	const json = redactSecrets('{"refresh_token":"1.AR8Aabcdef","clientSecret":"s3cr3t"}');
	t.false(json.includes('1.AR8Aabcdef'));
	t.false(json.includes('s3cr3t'));
});

test('issuer kind and cloud from iss (and the policy claim of older B2C tokens)', (t) => {
	t.is(issuerKind(v1Issuer), 'aad-v1');
	t.is(issuerKind(v2Issuer), 'aad-v2');
	t.is(issuerKind('https://contoso.b2clogin.com/tid/v2.0/'), 'b2c');
	t.is(issuerKind('https://login.microsoftonline.com/tid/v2.0/', {acr: 'b2c_1_signin'}), 'b2c');
	t.is(issuerKind('https://login.microsoftonline.com/tid/v2.0/', {tfp: 'B2C_1A_signup'}), 'b2c');
	t.is(issuerKind('https://accounts.google.com'), 'other');
	t.is(cloudOf('https://login.microsoftonline.us/tid/v2.0'), 'us-gov');
	t.is(cloudOf('https://login.partner.microsoftonline.cn/tid/v2.0'), 'china');
	t.is(cloudOf(v1Issuer), 'public');
	t.is(cloudOf('https://accounts.google.com'), undefined);
});

test('uti is the Request ID GUID in .NET byte order, base64url', (t) => {
	// .NET: new Guid("00112233-4455-6677-8899-aabbccddeeff").ToByteArray() = 33 22 11 00 55 44 77 66 88 99 aa ...
	const expected = Buffer.from('33221100554477668899aabbccddeeff', 'hex').toString('base64url');
	t.is(utiFromGuid('00112233-4455-6677-8899-aabbccddeeff'), expected);
	t.is(guidFromUti(expected), '00112233-4455-6677-8899-aabbccddeeff');
	t.is(normalizeUti(expected), expected);
	t.is(normalizeUti('00112233-4455-6677-8899-AABBCCDDEEFF'), expected);
	// some exports write base64 of the GUID's text
	t.is(normalizeUti(Buffer.from('00112233-4455-6677-8899-aabbccddeeff').toString('base64')), expected);
	t.is(tokenIdOfSignin(undefined, '00112233-4455-6677-8899-aabbccddeeff'), expected);
	t.is(guidFromUti('short'), undefined);
	// Any GUID, either case, comes back from its uti (guidFromUti decodes with Buffer, independently).
	for (let i = 0; i < 500; i++) {
		const guid = randomUUID();
		const spelled = i % 2 === 0 ? guid : guid.toUpperCase();
		t.is(guidFromUti(utiFromGuid(spelled)), guid, spelled);
	}
});

test('assessment: expiry and not-before at the event time, with the clock skew', (t) => {
	const facts = tokenFacts(unsigned(accessClaims(iat)));
	t.false(assessToken(facts, iat + 3600 + 299, undefined, 300).expiredAtUse);
	t.true(assessToken(facts, iat + 3600 + 301, undefined, 300).expiredAtUse);
	t.true(assessToken(facts, iat + 3601, undefined, 0).expiredAtUse);
	t.is(assessToken(facts, iat + 7200, undefined, 300).secondsPastExp, 3600);
	t.true(assessToken(facts, iat - 301, undefined, 300).notYetValidAtUse);
	t.false(assessToken(facts, iat - 299, undefined, 300).notYetValidAtUse);
	t.is(assessToken(facts, undefined, undefined, 300).expiredAtUse, undefined, 'no event time: unknown, not a guess');
});

test('assessment: audience, issuer version, tenant, B2C vs Entra, scopes', (t) => {
	const v1 = tokenFacts(unsigned(accessClaims(iat, {iss: v1Issuer, ver: '1.0'})));
	const v2 = tokenFacts(unsigned(accessClaims(iat)));
	const foreign = tokenFacts(unsigned(accessClaims(iat, {iss: `https://login.microsoftonline.com/${otherTenant}/v2.0`, tid: otherTenant})));
	const b2c = tokenFacts(unsigned(accessClaims(iat, {iss: `https://contoso.b2clogin.com/${tenant}/v2.0/`})));
	t.true(assessToken(v2, iat, {audiences: ['api://payments']}, 300).audienceMismatch);
	t.false(assessToken(v2, iat, {audiences: ['api://orders/']}, 300).audienceMismatch, 'a trailing slash is ignored, as IdentityModel does');
	t.true(assessToken(v2, iat, {audiences: ['API://orders']}, 300).audienceMismatch, 'case is not: the comparison is ordinal');
	t.true(assessToken(v1, iat, {issuers: [v2Issuer]}, 300).versionMismatch);
	t.falsy(assessToken(v1, iat, {issuers: [v2Issuer]}, 300).tenantMismatch);
	t.false(assessToken(v2, iat, {issuers: [v2Issuer]}, 300).issuerMismatch);
	const slash = assessToken(v2, iat, {issuers: [v2Issuer + '/']}, 300);
	t.true(slash.issuerMismatch && slash.issuerFormatMismatch, 'issuers compare exactly; a slash apart is its own finding');
	t.falsy(slash.versionMismatch);
	const wrongTenant = assessToken(foreign, iat, {issuers: [v2Issuer]}, 300);
	t.true(wrongTenant.tenantMismatch);
	t.falsy(wrongTenant.versionMismatch);
	t.true(assessToken(b2c, iat, {issuers: [v2Issuer]}, 300).authorityMismatch);
	t.true(assessToken(v2, iat, {issuers: ['https://contoso.b2clogin.com/x/v2.0/']}, 300).authorityMismatch);
	// a template issuer says nothing about the tenant
	t.falsy(assessToken(foreign, iat, {issuers: ['https://login.microsoftonline.com/{tenantid}/v2.0']}, 300).tenantMismatch);
	t.deepEqual(assessToken(v2, iat, {scopes: ['api://orders/Orders.Write', 'Orders.Read']}, 300).missingScopes, ['api://orders/Orders.Write']);
	t.is(assessToken(v2, iat, {scopes: ['orders.read']}, 300).missingScopes, undefined);
});

test('expectations are read from IdentityModel, Microsoft.Identity.Web and RFC 6750 texts; hidden PII is skipped', (t) => {
	t.deepEqual(findExpectations("IDX10214: Audience validation failed. Audiences: 'https://graph.microsoft.com'. Did not match: validationParameters.ValidAudience: 'api://orders' or validationParameters.ValidAudiences: 'api://orders-v2, 6e1f0a5b'."), {audiences: ['api://orders', 'api://orders-v2', '6e1f0a5b']});
	t.deepEqual(findExpectations(`IDX10205: Issuer validation failed. Issuer: 'x'. Did not match: validationParameters.ValidIssuer: '${v2Issuer}' or validationParameters.ValidIssuers: 'null'.`), {issuers: [v2Issuer]});
	t.is(findExpectations("IDX10214: Audience validation failed. Audiences: '[PII is hidden]'. Did not match: validationParameters.ValidAudience: '[PII of type 'System.String' is hidden]'"), undefined);
	t.deepEqual(findExpectations("IDW10203: The 'scope' or 'scp' claim does not contain scopes 'access_as_user' or was not found."), {scopes: ['access_as_user']});
	t.deepEqual(findExpectations('WWW-Authenticate: Bearer error="insufficient_scope", error_description="needs more", scope="Orders.Write Orders.Read"'), {scopes: ['Orders.Write', 'Orders.Read']});
	t.is(findExpectations('GET /health 200'), undefined);
});

test('signatures against a local key set: valid, invalid, kid unknown, symmetric, unsigned', async (t) => {
	const signer = await newSigner('key-1');
	const impostor = await newSigner('key-1'); // same kid, other key
	const stranger = await newSigner('key-9');
	const dir = tempDir();
	const file = path.join(dir, 'jwks.json');
	writeFileSync(file, JSON.stringify({keys: [signer.jwk]}));
	const checker = new SignatureChecker(loadKeySets([file]));
	const cases: [string, SignatureCheck][] = [
		[await signer.sign(accessClaims(iat)), 'valid'],
		[await impostor.sign(accessClaims(iat)), 'invalid'],
		[await stranger.sign(accessClaims(iat)), 'kid-unknown'],
		[await hs256(accessClaims(iat)), 'symmetric'],
		[unsigned(accessClaims(iat)), 'unsigned'],
	];
	for (const [token, expected] of cases) {
		const facts = tokenFacts(token);
		checker.start(token, facts);
		t.deepEqual(await checker.settle([facts]), [expected]);
		t.is(facts.signature, undefined, 'the shared decoded facts are not written to');
	}
	// a tampered payload fails with the right key
	const good = await signer.sign(accessClaims(iat));
	const [h, , s] = good.split('.');
	const tampered = `${h}.${Buffer.from(JSON.stringify(accessClaims(iat, {scp: 'Orders.Write'}))).toString('base64url')}.${s}`;
	const facts = tokenFacts(tampered);
	checker.start(tampered, facts);
	t.deepEqual(await checker.settle([facts]), ['invalid']);
});

test('a key set file that is not JSON or has no keys is a usage error naming the file', (t) => {
	const dir = tempDir();
	const bad = path.join(dir, 'bad.json');
	writeFileSync(bad, '{"nokeys": 1}');
	t.throws(() => loadKeySets([bad]), {message: /bad\.json.*no "keys"/});
	writeFileSync(bad, '{oops');
	t.throws(() => loadKeySets([bad]), {message: /bad\.json/});
});

test('a token cut after its payload, wrapped over lines, or followed by dots keeps one fingerprint and is redacted', async (t) => {
	const signer = await newSigner('k1');
	const token = await signer.sign(accessClaims(iat));
	const [h, p] = token.split('.');
	const wrappedFound: TokenFacts[] = [];
	const wrapped = redactTokens(`Authorization: Bearer ${token.slice(0, 30)}\n   ${token.slice(30, 200)}\n   ${token.slice(200)}\nnext line`, wrappedFound);
	t.is(wrappedFound[0].fingerprint, fingerprintOf(token), 'the pieces are joined into the whole token');
	t.true(wrapped.endsWith('\nnext line'));
	const dotted: TokenFacts[] = [];
	t.is(redactTokens(`token=${token}... retrying`, dotted), `token=<jwt:${fingerprintOf(token)}>... retrying`);
	t.is(dotted[0].fingerprint, fingerprintOf(token));
	const cut: TokenFacts[] = [];
	const out = redactTokens(`IDX12741: JWT: '${h}.${p}' must have three segments`, cut);
	t.false(out.includes(p));
	t.true(cut[0].malformed);
	// a complete token at the end of a line does not swallow the exception name on the next one
	const apart = redactTokens(`token: ${token}\nMicrosoft.IdentityModel.Tokens.SecurityTokenExpiredException: IDX10223`, []);
	t.true(apart.includes('\nMicrosoft.IdentityModel.Tokens.SecurityTokenExpiredException: IDX10223'));
});

test('claims that hold another token are kept with that token redacted', async (t) => {
	const signer = await newSigner('k1');
	const inner = await signer.sign(accessClaims(iat, {jti: 'inner'}));
	const outer = await signer.sign(accessClaims(iat, {_claim_sources: {src1: {access_token: inner}}}));
	const facts = tokenFacts(outer);
	for (const part of secretParts(inner)) t.false(facts.claimsJson!.includes(part));
	t.true(facts.claimsJson!.includes(`<jwt:${fingerprintOf(inner)}>`));
});

test('signature checks: x5t-only headers and several candidate keys find the right key; base64 n and odd alg are normalized', async (t) => {
	const a = await newSigner('key-a');
	const b = await newSigner('key-b');
	const dir = tempDir();
	const file = path.join(dir, 'jwks.json');
	// key-a written in plain base64 with a non-JWS alg, plus its x5t; key-b with the same x5t missing
	const plainN = Buffer.from(a.jwk.n!, 'base64url').toString('base64');
	writeFileSync(file, JSON.stringify({keys: [{...a.jwk, n: plainN, alg: 'SHA256', x5t: 'thumb-a'}, {...b.jwk, x5t: 'thumb-b'}]}));
	const checker = new SignatureChecker(loadKeySets([file, file]));
	t.is(checker.keySet.keys.length, 2, 'the same file twice is the same keys');
	const check = async (token: string): Promise<string | undefined> => {
		const facts = tokenFacts(token);
		checker.start(token, facts);
		return (await checker.settle([facts]))[0];
	};
	t.is(await check(await a.sign(accessClaims(iat), {kid: undefined, x5t: 'thumb-a'})), 'valid');
	t.is(await check(await b.sign(accessClaims(iat), {kid: undefined, x5t: 'thumb-a'})), 'invalid');
	t.is(await check(await a.sign(accessClaims(iat), {kid: undefined, x5t: 'thumb-z'})), 'kid-unknown');
	t.is(await check(await a.sign(accessClaims(iat, {jti: 'kid'}))), 'valid');
});

test('a signature check belongs to the run that made it: a later run without key sets shows none', async (t) => {
	const {TokenInspector} = await import('../src/tokens/inspect.js');
	const {newEvent} = await import('../src/extract/event.js');
	const signer = await newSigner('k1');
	const token = await signer.sign(accessClaims(iat, {jti: 'shared'}));
	const dir = tempDir();
	const file = path.join(dir, 'jwks.json');
	writeFileSync(file, JSON.stringify({keys: [signer.jwk]}));
	const use = async (inspector: InstanceType<typeof TokenInspector>): Promise<string | undefined> => {
		const found: TokenFacts[] = [];
		redactTokens(`Bearer ${token}`, found, inspector.onToken);
		const event = newEvent('app', {file: 'f', line: 1});
		event.tokens = found;
		await inspector.inspect(event);
		return event.tokens[0].signature;
	};
	t.is(await use(new TokenInspector({keySet: loadKeySets([file])})), 'valid');
	t.is(await use(new TokenInspector()), undefined);
});
