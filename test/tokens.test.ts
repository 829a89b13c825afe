import {randomBytes, randomUUID} from 'node:crypto';
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {loadKnowledge} from '../src/classify/knowledge.js';
import {findExpectations} from '../src/extract/artifacts/expectations.js';
import type {SignatureCheck, TokenFacts} from '../src/extract/event.js';
import {extractRecord} from '../src/extract/extract-record.js';
import {extractAppText} from '../src/extract/shapes/app-log.js';
import {extractGraphSignin} from '../src/extract/shapes/graph-signin.js';
import {assessToken} from '../src/tokens/assess.js';
import {fingerprintOf, tokenFacts} from '../src/tokens/decode.js';
import {redactTokens} from '../src/tokens/find.js';
import {cloudOf, issuerKind} from '../src/tokens/issuer.js';
import {findJsonRenderings} from '../src/tokens/json-rendering.js';
import {loadKeySets, SignatureChecker} from '../src/tokens/key-sets.js';
import {redactExcerpt, redactText} from '../src/tokens/redact.js';
import {redactSecrets} from '../src/tokens/secrets.js';
import {guidFromUti, normalizeUti, tokenIdOfSignin, utiFromGuid} from '../src/tokens/uti.js';
import {tempDir} from './helpers.js';
import {accessClaims, encrypted, hs256, newSigner, otherTenant, secretParts, tenant, unsigned, v1Issuer, v2Issuer} from './token-fixtures.js';

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
	const challenge =
		'WWW-Authenticate: Bearer authorization_uri="https://login.microsoftonline.com/x/oauth2/authorize", error="invalid_token", error_description="The token is expired"';
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
	t.deepEqual(
		findExpectations(
			"IDX10214: Audience validation failed. Audiences: 'https://graph.microsoft.com'. Did not match: validationParameters.ValidAudience: 'api://orders' or validationParameters.ValidAudiences: 'api://orders-v2, 6e1f0a5b'.",
		),
		{audiences: ['api://orders', 'api://orders-v2', '6e1f0a5b']},
	);
	t.deepEqual(
		findExpectations(
			`IDX10205: Issuer validation failed. Issuer: 'x'. Did not match: validationParameters.ValidIssuer: '${v2Issuer}' or validationParameters.ValidIssuers: 'null'.`,
		),
		{issuers: [v2Issuer]},
	);
	t.is(
		findExpectations(
			"IDX10214: Audience validation failed. Audiences: '[PII is hidden]'. Did not match: validationParameters.ValidAudience: '[PII of type 'System.String' is hidden]'",
		),
		undefined,
	);
	// Microsoft.IdentityModel 7.x with PII hidden: the hidden values are skipped, the ones marked non-PII read.
	const hidden = "[PII of type 'System.String' is hidden. For more details, see https://aka.ms/IdentityModel/PII.]";
	t.deepEqual(
		findExpectations(
			`IDX10214: Audience validation failed. Audiences: '${hidden}'. Did not match: validationParameters.ValidAudience: '${hidden}' or validationParameters.ValidAudiences: 'api://orders, ${hidden}'.`,
		),
		{audiences: ['api://orders']},
	);
	t.deepEqual(
		findExpectations(
			`IDX10205: Issuer validation failed. Issuer: '${hidden}'. Did not match: validationParameters.ValidIssuer: '${v2Issuer}' or validationParameters.ValidIssuers: '${hidden}' or validationParameters.ConfigurationManager.CurrentConfiguration.Issuer: '${v1Issuer}'. For more details, see https://aka.ms/IdentityModel/issuer-validation. `,
		),
		{issuers: [v2Issuer, v1Issuer]},
	);
	// 8.x's new validation path, and the older "Could not match: ... and ..." wording.
	t.deepEqual(
		findExpectations(
			`IDX10212: Issuer validation failed. Issuer: 'x'. Did not match any: validationParameters.ValidIssuers: '${v2Issuer}' or validationParameters.ConfigurationManager.CurrentConfiguration.Issuer: 'Null'.`,
		),
		{issuers: [v2Issuer]},
	);
	t.deepEqual(findExpectations("IDX10215: Audience validation failed. Audiences: 'x'. Did not match: ValidationParameters.ValidAudiences: 'api://y'."), {
		audiences: ['api://y'],
	});
	t.deepEqual(
		findExpectations(
			"IDX10214: Audience validation failed. Audiences: 'x'. Could not match:  validationParameters.ValidAudience: 'api://z' and validationParameters.ValidAudiences: 'null'",
		),
		{audiences: ['api://z']},
	);
	t.deepEqual(findExpectations("IDW10203: The 'scope' or 'scp' claim does not contain scopes 'access_as_user' or was not found."), {
		scopes: ['access_as_user'],
	});
	t.deepEqual(findExpectations('WWW-Authenticate: Bearer error="insufficient_scope", error_description="needs more", scope="Orders.Write Orders.Read"'), {
		scopes: ['Orders.Write', 'Orders.Read'],
	});
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
	writeFileSync(
		file,
		JSON.stringify({
			keys: [
				{...a.jwk, n: plainN, alg: 'SHA256', x5t: 'thumb-a'},
				{...b.jwk, x5t: 'thumb-b'},
			],
		}),
	);
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

/** A random secret body, built at run time (no secret is written in a test file). */
const randomSecret = (prefix: string, n = 32): string => prefix + randomBytes(n).toString('base64url').replace(/[-_]/g, 'x').slice(0, n);

test('every credential shape is redacted by the one redactor, plain, in a JSON string and in JSON inside JSON', async (t) => {
	const signer = await newSigner('shapes');
	const jwt = await signer.sign(accessClaims(iat, {jti: 'shapes'}));
	const s = Object.fromEntries(
		['url', 'ntlm', 'nego', 'cookie', 'aspnet', 'pem', 'p', 'pw', 'cs', 'ss', 'enc', 'sig', 'saml', 'wres', 'xml', 'text'].map((k) => [
			k,
			randomSecret(k === 'ntlm' ? 'TlRMTVNTUAAB' : 'Q9'),
		]),
	);
	const cases: Array<[string, string, string[]]> = [
		['password in a URL', `proxy https://svc:${s.url}@proxy.contoso.com:8080/x`, [s.url]],
		['NTLM header', `Authorization: NTLM ${s.ntlm}`, [s.ntlm]],
		['Negotiate header', `WWW-Authenticate: Negotiate ${s.nego}`, [s.nego]],
		['session cookies', `Cookie: ESTSAUTHPERSISTENT=${s.cookie}; .AspNetCore.Cookies=${s.aspnet}`, [s.cookie, s.aspnet]],
		['Set-Cookie', `Set-Cookie: ESTSAUTH=${s.cookie}; path=/; secure`, [s.cookie]],
		['PEM private key', `-----BEGIN RSA PRIVATE KEY-----\n${s.pem}\n${s.pem}\n-----END RSA PRIVATE KEY-----`, [s.pem]],
		['PEM private key, cut', `key: -----BEGIN PRIVATE KEY-----\n${s.pem}`, [s.pem]],
		['CLI -p', `az login --service-principal -u app -p ${s.p} --tenant t`, [s.p]],
		['CLI --password=', `tool --password=${s.pw}`, [s.pw]],
		['CLI --client-secret quoted', `tool --client-secret "${s.cs}"`, [s.cs]],
		['ConvertTo-SecureString', `ConvertTo-SecureString -String '${s.ss}' -AsPlainText -Force`, [s.ss]],
		['URL-encoded client_secret', `body=grant_type%3Dclient_credentials%26client_secret%3D${s.enc}%26scope%3Dx`, [s.enc]],
		['URL-encoded sig', `u=https%3A%2F%2Fa.blob.core.windows.net%2Fc%3Fsv%3D2022-11-02%26sig%3D${s.sig}`, [s.sig]],
		['URL-encoded Bearer', `auth=Bearer%20${jwt}`, secretParts(jwt)],
		['SAMLResponse', `SAMLResponse=${s.saml}&RelayState=r`, [s.saml]],
		['wresult', `wa=wsignin1.0&wresult=${s.wres}`, [s.wres]],
		['SAML assertion', `<saml2:Assertion ID="_1"><ds:SignatureValue>${s.xml}</ds:SignatureValue></saml2:Assertion>`, [s.xml]],
		['SAML assertion, cut', `<saml:Assertion ID="_1"><ds:SignatureValue>${s.xml}`, [s.xml]],
		['Graph secretText', `{"keyId":"k","secretText":"${s.text}"}`, [s.text]],
		['JWT with \\u002e dots', `{"m":"Bearer ${jwt.split('.').join('\\u002e')}"}`, secretParts(jwt)],
		['JWT wrapped with \\n escapes', `{"m":"token:\\n${jwt.match(/.{1,76}/g)!.join('\\n')}\\nend"}`, secretParts(jwt)],
	];
	for (const [shape, text, secrets] of cases) {
		for (const [position, written] of [
			['plain', text],
			['JSON string', JSON.stringify({m: text})],
			['JSON in JSON', JSON.stringify({b: JSON.stringify({m: text})})],
		]) {
			const out = redactText(written);
			for (const secret of secrets) t.false(out.includes(secret), `${shape} (${position}): ${out}`);
		}
	}
	t.is(redactText(`auth=Bearer%20${jwt}`), `auth=Bearer%20<jwt:${fingerprintOf(jwt)}>`, 'the token keeps its fingerprint');
	t.regex(redactText(`https://svc:${s.url}@proxy.contoso.com/x`), /^https:\/\/svc:<redacted>@proxy\.contoso\.com\/x$/, 'the account stays');
});

test('prose, identifiers and ordinary command lines are left as they are', (t) => {
	for (const text of [
		'Negotiate authentication failed for user; falling back to NTLM',
		'Microsoft.IdentityModel.Tokens.SecurityTokenExpiredException: IDX10223: Lifetime validation failed.',
		'5a4e765f-9b89-4a71-9b0a-2b854a0d5e11 request failed',
		'ssh -p 22 admin@host',
		'POST https://login.microsoftonline.com/common/oauth2/v2.0/token',
		'AADSTS50126: Error validating credentials due to invalid username or password.',
		'InvalidAuthenticationTokenTenant: the token is from the wrong issuer',
		'"grant_type":"client_credentials","token_type":"Bearer"',
		// Microsoft's error page: the query's `code` is an AADSTS number, not an authorization code
		'https://login.microsoftonline.com/error?code=50126',
		// identifiers made of words, where a folded token's piece could start
		'{"operation": "AcquireTokenSilent_Async2"}',
		'PaymentGatewayClient2 timed out',
		'HttpClientFactory_Retry3 exhausted',
	])
		t.is(redactText(text), text);
});

test('a token folded over records leaves no piece of it in any record, each redacted on its own', async (t) => {
	const signer = await newSigner('folded');
	const jwt = await signer.sign(accessClaims(iat, {jti: 'folded'}));
	const [head, rest] = [jwt.slice(0, 80), jwt.slice(80)];
	const [middle, tail] = [rest.slice(0, 100), rest.slice(100)];
	const records = [
		// text log: the continuation lines are unindented, so each starts a record
		`2026-11-20T12:00:00Z ERROR 401 Authorization: Bearer ${head}`,
		middle,
		tail,
		// Docker json-file partial lines
		JSON.stringify({log: `ERROR 401 Bearer ${head}`, stream: 'stdout'}),
		JSON.stringify({log: `${rest}\n`, stream: 'stdout'}),
		// CRI partial lines
		`2026-11-20T12:00:04.000000000Z stdout P ERROR 401 Bearer ${head}`,
		`2026-11-20T12:00:04.000000001Z stdout F ${rest}`,
		// a head cut before its payload
		`Authorization: Bearer ${jwt.slice(0, 30)}`,
	];
	const stored = records.map(redactText).join('\n');
	for (const piece of [...secretParts(jwt), jwt.split('.')[1].slice(0, 40), middle, tail, rest.split('.')[0]].filter((p) => p.length >= 16)) {
		t.false(stored.includes(piece), `a piece is left: ${piece.slice(0, 12)}... in\n${stored}`);
	}
	t.regex(stored, /<jwt:cut>/);
});

test('a reject excerpt cut inside a secret keeps none of its prefix', (t) => {
	const secret = randomSecret('Zk8Q~', 60);
	for (const excerpt of [`{"pad":"x","client_secret":"${secret.slice(0, 20)}…`, `password=${secret.slice(0, 20)}…`, `x ${secret.slice(0, 20)}…`]) {
		const out = redactExcerpt(excerpt);
		t.false(out.includes(secret.slice(0, 12)), out);
		t.true(out.endsWith('…'), 'it still says it was cut');
	}
});

test('rule evidence that quotes free text is redacted where the engine makes it', async (t) => {
	const signer = await newSigner('evidence');
	const jwt = await signer.sign(accessClaims(iat, {jti: 'evidence'}));
	const secret = randomSecret('Zk8Q~');
	const {engine} = loadKnowledge();
	const event = extractGraphSignin(
		{
			id: randomUUID(),
			createdDateTime: '2026-11-20T10:00:00Z',
			status: {errorCode: 50000, additionalDetails: `On-behalf-of request failed: assertion=${jwt}&client_secret=${secret}`},
		},
		{file: 'f', line: 1},
	);
	const causes = engine.classify(event);
	t.is(causes[0].rule.id, 'token-issuance-obo-invalid-request', 'the rule still saw the raw text');
	const evidence = causes.flatMap((c) => c.evidence).join('\n');
	t.regex(evidence, /signin\.additionalDetails=/);
	for (const part of [...secretParts(jwt), secret]) t.false(evidence.includes(part), evidence);
	t.true(evidence.includes(`<jwt:${fingerprintOf(jwt)}>`), 'the evidence keeps the fingerprint');
});

/**
 * IdentityModel with ShowPII prints the token it rejected as `header JSON.payload JSON`
 * (JwtSecurityToken.ToString()); with PII hidden, single values are `[PII is hidden]` or
 * `[PII of type 'System.String' is hidden. ...]`, quoted or bare. Written here after the
 * IDX10511 / IDX10214 messages of Microsoft.IdentityModel.Tokens 6.x-8.x.
 */
const b2cIssuer = `https://contoso.b2clogin.com/${tenant}/v2.0/`;
const b2cRendering = `{"alg":"RS256","kid":"X5eXk4xyojNFum1kl2Ytv8dlNP4","typ":"JWT"}.{"aud":"api://orders","iss":"${b2cIssuer}","exp":1795003600,"nbf":1795000000,"tfp":"B2C_1_signin","ver":"1.0","scp":"Orders.Read"}`;
const hiddenPii = "[PII of type 'System.String' is hidden. For more details, see https://aka.ms/IdentityModel/PII.]";
const graphRendering = `{"typ":"JWT","nonce":"[PII is hidden]","alg":"RS256","x5t":"k1","kid":"k1"}.{"aud":"00000003-0000-0000-c000-000000000000","iss":"${v1Issuer}","exp":${hiddenPii},"tid":"${tenant}","scp":"User.Read","roles":["Orders.Read","[PII is hidden]"]}`;

test("IdentityModel's JSON rendering of a rejected token is read as a token: facts, fingerprint of the rendering, hidden PII skipped", (t) => {
	const b2c = extractAppText(
		`fail: Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerHandler[1] IDX10511: Signature validation failed. Keys tried: 'x'. kid: 'X5eXk4xyojNFum1kl2Ytv8dlNP4'. token: '${b2cRendering}'.`,
		{file: 'f', line: 1},
	);
	t.is(b2c.tokens?.length, 1);
	const [facts] = b2c.tokens!;
	t.like(facts, {alg: 'RS256', kid: 'X5eXk4xyojNFum1kl2Ytv8dlNP4', typ: 'JWT', aud: 'api://orders', iss: b2cIssuer, ver: '1.0', scp: 'Orders.Read'});
	t.like(facts, {exp: 1795003600, nbf: 1795000000, issuerKind: 'b2c', cloud: 'public', graphAudience: false, hasNonce: false});
	t.is(facts.fingerprint, fingerprintOf(b2cRendering));
	t.is(JSON.parse(facts.claimsJson!).tfp, 'B2C_1_signin');

	// Hidden values inside and outside quotes: the JSON no longer parses, the plain pairs are read.
	const graph: TokenFacts[] = [];
	findJsonRenderings(`IDX10511: Signature validation failed. token: '${graphRendering}'`, graph);
	t.is(graph.length, 1);
	t.like(graph[0], {alg: 'RS256', kid: 'k1', aud: '00000003-0000-0000-c000-000000000000', tid: tenant, graphAudience: true, issuerKind: 'aad-v1'});
	t.true(graph[0].hasNonce, 'a hidden nonce is still a nonce');
	t.is(graph[0].exp, undefined, 'a hidden exp is no exp');
	t.deepEqual(graph[0].roles, ['Orders.Read']);

	// Inside a Serilog JSON line the rendering is JSON-escaped.
	const line = JSON.stringify({'@t': '2026-11-20T10:00:00Z', '@mt': `IDX10214: Audience validation failed. token: '${b2cRendering}'`});
	const result = extractRecord({type: 'json', value: JSON.parse(line), raw: line, source: {file: 'f', line: 1}});
	t.true(result.ok && result.event.tokens?.[0].fingerprint === fingerprintOf(b2cRendering), 'the same fingerprint escaped or not');
});

test('a JSON rendering is named by the rules that read token facts (B2C token at an Entra API, Graph token at an API)', (t) => {
	const {engine} = loadKnowledge();
	const causesOf = (text: string): string[] => engine.classify(extractAppText(text, {file: 'f', line: 1})).map((c) => c.rule.id);
	t.is(causesOf(`IDX10511: Signature validation failed. token: '${b2cRendering}'.`)[0], 'api-b2c-entra-authority-mismatch');
	t.is(causesOf(`IDX10511: Signature validation failed. token: '${graphRendering}'.`)[0], 'graph-token-sent-to-api');
});

test('no rendering: a header without alg, a header not followed by a payload, a JSON object that is no header', (t) => {
	const found: TokenFacts[] = [];
	findJsonRenderings('{"typ":"JWT","kid":"k"}.{"aud":"api://x"}', found);
	findJsonRenderings('{"alg":"RS256","kid":"k"} and then {"aud":"api://x"}', found);
	findJsonRenderings('{"level":"info","alg":"none"}.{"aud":"x"}', found);
	t.deepEqual(found, []);
	findJsonRenderings('{"alg":"RS256","kid":"k"}.[PII is hidden]', found);
	t.like(found[0], {alg: 'RS256', kid: 'k'}, 'a hidden payload leaves the header facts');
});

test("a device code prompt's user code after `token:` is a code, kept; a credential after `token:` is not", (t) => {
	// The prompt MSAL and the Azure CLI print, then a CLI's echo of what the user typed.
	const prompt =
		'To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code GH7K4QZ2A to authenticate. token: E7QK2L9PX';
	for (const redact of [redactSecrets, redactText]) {
		t.is(redact(prompt), prompt);
		t.is(redact('"token":"E7QK2L9PX"'), '"token":"E7QK2L9PX"');
		t.is(redact('user_code: GH7K4QZ2A'), 'user_code: GH7K4QZ2A');
		// Digits only (a one-time password), lower case, longer, or under another name: still redacted.
		t.is(redact('token: 12345678'), 'token: <redacted>');
		t.is(redact('token: e7qk2l9px'), 'token: <redacted>');
		t.is(redact('token: E7QK2L9PXAB7'), 'token: <redacted>');
		t.is(redact('access_token=E7QK2L9PX'), 'access_token=<redacted>');
		t.is(redact('password: E7QK2L9PX'), 'password: <redacted>');
		t.is(redact('token: abc~DEF123ghi456JKL789mno'), 'token: <redacted>');
		t.is(redact('device_code=DAQABAAEAAADzZ9ifQ0Rw3cvmhtP1RjoCG7rA'), 'device_code=<redacted>');
	}
});

test('the redactor runs in linear time on a megabyte of input hostile to each of its patterns', (t) => {
	const hostile: Record<string, string> = {
		'URL schemes with user and colon, no @': 'a://b:c'.repeat(150_000),
		'NTLM schemes without blobs': 'NTLM '.repeat(200_000),
		'PEM headers without END': '-----BEGIN PRIVATE KEY-----'.repeat(40_000),
		'SAML opening tags without closing': '<saml:Assertion ID="x">'.repeat(45_000),
		'CLI secret flags without values': '--password '.repeat(100_000),
		'secure strings without values': 'ConvertTo-SecureString '.repeat(45_000),
		'URL-encoded labels': '%26client_secret%3D'.repeat(55_000),
		'deeply escaped quotes after a label': 'secret\\\\\\":\\\\\\"'.repeat(70_000),
		'random runs at every line start': ('Ab1' + 'x'.repeat(20) + '\n').repeat(45_000),
		'one long random run in a JSON string': ':"' + 'Ab1_'.repeat(250_000),
		'eyJ without dots': 'eyJ'.repeat(350_000),
	};
	for (const [name, text] of Object.entries(hostile)) {
		const started = performance.now();
		redactText(text);
		redactExcerpt(text.slice(0, 200) + '…');
		const ms = performance.now() - started;
		t.true(ms < 3000, `${name}: ${Math.round(ms)} ms for ${text.length} characters`);
	}
});
