/**
 * The no-leak promise end to end: a corpus generated at run time puts every secret shape
 * SECURITY.md names in every position a log can hold it (a message, a JSON string, JSON
 * inside JSON, a URL, a header, a rule's evidence, a file name, a CLI argument, a reject's
 * cut excerpt, a token folded over records), runs analyze, report (every format), query,
 * trace and a full dump of every table, and searches every byte written for every secret.
 */

import {randomBytes} from 'node:crypto';
import {readdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import Database from 'better-sqlite3';
import {cli, tempDir} from './helpers.js';
import {accessClaims, newSigner, secretParts} from './token-fixtures.js';

/** A random secret body: long enough that finding any 16 characters of it anywhere is a leak, not chance. */
const random = (n = 30): string =>
	randomBytes(n)
		.toString('base64url')
		.replace(/^[-_]+/, 'Q')
		.slice(0, n);

interface Planted {
	/** What the secret is, for the failure message. */
	shape: string;
	/** Strings none of which may appear in any byte written. */
	needles: string[];
}

/** Each secret's text as it appears in a log, and what must never be found of it. */
function secretShapes(jwt: string) {
	const s = {
		clientSecret: `Zk8Q~${random()}`,
		secretText: `Xy7~${random()}`,
		urlPassword: `Pw${random(24)}`,
		ntlm: `TlRMTVNTUAAB${random(40)}`,
		negotiate: `YIIGhgYGKwYBBQUCoIIGejCCBnag${random(40)}`,
		estsAuth: `0.AQcA${random(50)}`,
		aspCookie: `CfDJ8${random(60)}`,
		pem: `MIIEvQIBADANBgkqhkiG9w0BAQEFAASC${random(60)}`,
		cliShort: `Sp${random(24)}`,
		cliLong: `Lp${random(24)}`,
		cliSecret: `Cs${random(24)}`,
		secureString: `Ss${random(24)}`,
		urlEncodedSecret: `Ue${random(24)}`,
		urlEncodedSig: `Ug${random(30)}`,
		samlResponse: `PHNhbWxwOlJlc3BvbnNl${random(80)}`,
		wresult: `${random(60)}`,
		assertion: `${random(40)}`,
		basicPassword: `Bp${random(24)}`,
		refreshToken: `0.AXEA${random(80)}`,
		jsonPassword: `Jp${random(24)}`,
		verifier: random(43),
		authCode: `0.AAAB${random(80)}`,
		accountKey: `${random(64)}`,
		functionKey: random(50),
		kerberos: `YIIGdQYJKoZIhvcSAQICAQBuggZk${random(40)}`,
		setCookie: `0.ARoA${random(60)}`,
		envSecret: `Es${random(30)}`,
		pySecret: `Py${random(30)}`,
		xmlSecret: `Xm${random(30)}`,
		sasInUrl: random(40),
		codeInFragment: `0.AXgA${random(60)}`,
		deviceCode: `DAQABAAEAAAD${random(80)}`,
		opaqueAfterToken: random(40),
		secretAfterToken: `Tk8Q~${random()}`,
	};
	const basic = Buffer.from(`svc-user:${s.basicPassword}`).toString('base64');
	const jwtParts = secretParts(jwt);
	const samlXml = `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_a1"><ds:Signature><ds:SignatureValue>${s.assertion}</ds:SignatureValue></ds:Signature><saml:Subject><saml:NameID>adele@contoso.com</saml:NameID></saml:Subject></saml:Assertion>`;
	const shapes: Array<{shape: string; text: string; needles: string[]}> = [
		{shape: 'whole JWT', text: `assertion=${jwt}`, needles: jwtParts},
		{shape: 'client secret', text: `client_secret=${s.clientSecret}`, needles: [s.clientSecret]},
		{shape: 'Graph addPassword secretText', text: `{"customKeyIdentifier":null,"secretText":"${s.secretText}","hint":"Xy7"}`, needles: [s.secretText]},
		{shape: 'password in a URL', text: `GET https://svc-user:${s.urlPassword}@proxy.contoso.com/token failed`, needles: [s.urlPassword]},
		{shape: 'NTLM header', text: `Authorization: NTLM ${s.ntlm}`, needles: [s.ntlm]},
		{shape: 'Negotiate header', text: `WWW-Authenticate: Negotiate ${s.negotiate}`, needles: [s.negotiate]},
		{shape: 'session cookies', text: `Cookie: ESTSAUTH=${s.estsAuth}; .AspNetCore.Cookies=${s.aspCookie}; lang=en`, needles: [s.estsAuth, s.aspCookie]},
		{shape: 'PEM private key', text: `-----BEGIN PRIVATE KEY-----\n${s.pem}\n-----END PRIVATE KEY-----`, needles: [s.pem]},
		{shape: 'CLI -p', text: `az login --service-principal -u app-id -p ${s.cliShort} --tenant contoso`, needles: [s.cliShort]},
		{shape: 'CLI --password', text: `sqlcmd --password ${s.cliLong} -S db`, needles: [s.cliLong]},
		{shape: 'CLI --client-secret', text: `func run --client-secret=${s.cliSecret}`, needles: [s.cliSecret]},
		{shape: 'ConvertTo-SecureString', text: `$p = ConvertTo-SecureString '${s.secureString}' -AsPlainText -Force`, needles: [s.secureString]},
		{
			shape: 'URL-encoded client_secret',
			text: `body=grant_type%3Dclient_credentials%26client_secret%3D${s.urlEncodedSecret}%26scope%3Dx`,
			needles: [s.urlEncodedSecret],
		},
		{
			shape: 'URL-encoded sig',
			text: `redirect=https%3A%2F%2Facct.blob.core.windows.net%2Fc%3Fsv%3D2022-11-02%26sig%3D${s.urlEncodedSig}`,
			needles: [s.urlEncodedSig],
		},
		{shape: 'URL-encoded Bearer', text: `auth=Bearer%20${jwt}`, needles: jwtParts},
		{shape: 'SAMLResponse', text: `POST /acs SAMLResponse=${s.samlResponse}&RelayState=x`, needles: [s.samlResponse]},
		{shape: 'WS-Federation wresult', text: `wa=wsignin1.0&wresult=${s.wresult}&wctx=rm%3D0`, needles: [s.wresult]},
		{shape: 'raw SAML assertion', text: samlXml, needles: [s.assertion]},
		{shape: 'Basic credentials', text: `Authorization: Basic ${basic}`, needles: [basic.slice(8, 30)]},
		{shape: 'refresh token', text: `grant_type=refresh_token&refresh_token=${s.refreshToken}`, needles: [s.refreshToken]},
		{shape: 'password in JSON', text: `{"username":"adele@contoso.com","password":"${s.jsonPassword}"}`, needles: [s.jsonPassword]},
		{shape: 'PKCE code verifier', text: `code=x&code_verifier=${s.verifier}`, needles: [s.verifier]},
		{shape: 'authorization code in a URL', text: `GET https://app.contoso.com/signin-oidc?code=${s.authCode}&state=s`, needles: [s.authCode]},
		{shape: 'authorization code in a fragment', text: `redirect https://spa.contoso.com/#code=${s.codeInFragment}&state=s`, needles: [s.codeInFragment]},
		{
			shape: 'storage account key',
			text: `DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${s.accountKey}==;EndpointSuffix=core.windows.net`,
			needles: [s.accountKey],
		},
		{shape: 'function key header', text: `x-functions-key: ${s.functionKey}`, needles: [s.functionKey]},
		{shape: 'Kerberos header', text: `Authorization: Kerberos ${s.kerberos}`, needles: [s.kerberos]},
		{shape: 'Set-Cookie', text: `Set-Cookie: ESTSAUTHPERSISTENT=${s.setCookie}; path=/; secure; HttpOnly`, needles: [s.setCookie]},
		{shape: 'environment dump', text: `AZURE_CLIENT_ID=app AZURE_CLIENT_SECRET=${s.envSecret}`, needles: [s.envSecret]},
		{shape: 'Python repr', text: `{'client_id': 'app', 'client_secret': '${s.pySecret}'}`, needles: [s.pySecret]},
		{shape: 'XML element', text: `<client_secret>${s.xmlSecret}</client_secret>`, needles: [s.xmlSecret]},
		{
			shape: 'device code while polling',
			text: `POST /token grant_type=urn:ietf:params:oauth:grant-type:device_code&device_code=${s.deviceCode}&client_id=app`,
			needles: [s.deviceCode],
		},
		{shape: 'long opaque value after token:', text: `refresh failed, token: ${s.opaqueAfterToken}`, needles: [s.opaqueAfterToken]},
		{shape: 'client secret after token:', text: `using token: '${s.secretAfterToken}'`, needles: [s.secretAfterToken]},
		{
			shape: 'SAS signature in a URL',
			text: `PUT https://acct.blob.core.windows.net/c/b?sv=2022-11-02&sr=b&sig=${s.sasInUrl}&se=2026-12-01`,
			needles: [s.sasInUrl],
		},
	];
	return shapes;
}

/** A token folded over records the way each log format does it, and the pieces that must not survive. */
function foldedTokens(tokens: string[]) {
	const [textFold, escapedNewlines, unicodeDots, docker, cri] = tokens;
	const piecesOf = (token: string, cuts: number[]): string[] => {
		const pieces: string[] = [];
		let from = 0;
		for (const cut of [...cuts, token.length]) {
			pieces.push(token.slice(from, cut));
			from = cut;
		}
		return pieces;
	};
	const textPieces = piecesOf(textFold, [70, 180]);
	const dockerPieces = piecesOf(docker, [90]);
	const criPieces = piecesOf(cri, [110]);
	// Every piece's payload/signature characters, 16 at a time: any of them found is a leak.
	const needlesOf = (token: string, pieces: string[]): string[] => [
		...secretParts(token),
		...pieces.flatMap((p) => p.split('.')).filter((p) => p.length >= 16 && !p.startsWith('eyJhbGci')),
	];
	const textLog = `2026-11-20T12:00:00Z ERROR 401 Authorization: Bearer ${textPieces[0]}\n${textPieces[1]}\n${textPieces[2]}\n`;
	const escaped = JSON.stringify({time: '2026-11-20T12:00:01Z', level: 'error', msg: `401 token:\n${escapedNewlines.match(/.{1,76}/g)!.join('\n')}\nend`});
	const dotted = `{"time":"2026-11-20T12:00:02Z","level":"error","msg":"401 Bearer ${unicodeDots.split('.').join('\\u002e')}"}`;
	const dockerLines = [
		JSON.stringify({log: `2026-11-20T12:00:03Z ERROR 401 Authorization: Bearer ${dockerPieces[0]}`, stream: 'stdout', time: '2026-11-20T12:00:03.000Z'}),
		JSON.stringify({log: `${dockerPieces[1]}\n`, stream: 'stdout', time: '2026-11-20T12:00:03.001Z'}),
	].join('\n');
	const criLog = `2026-11-20T12:00:04.000000000Z stdout P ERROR 401 Authorization: Bearer ${criPieces[0]}\n2026-11-20T12:00:04.000000001Z stdout F ${criPieces[1]}\n`;
	return {
		textLog,
		jsonl: [escaped, dotted, dockerLines].join('\n') + '\n',
		criLog,
		planted: [
			{shape: 'JWT folded over text log records', needles: needlesOf(textFold, textPieces)},
			{shape: 'JWT wrapped with \\n escapes in a JSON string', needles: secretParts(escapedNewlines)},
			{shape: 'JWT with \\u002e dots', needles: secretParts(unicodeDots)},
			{shape: 'JWT folded over Docker json-file partial lines', needles: needlesOf(docker, dockerPieces)},
			{shape: 'JWT folded over CRI partial lines', needles: needlesOf(cri, criPieces)},
		],
	};
}

test('no secret shape survives in any position, in any byte analyze, report, query, trace or a dump writes', async (t) => {
	const signer = await newSigner('corpus');
	// A random jti first: each token's payload differs from its first characters, so a leak names its token.
	const sign = (what: string) => signer.sign({jti: `${what}-${random(12)}`, ...accessClaims(1_795_000_000)});
	const jwt = await sign('whole');
	const folded = foldedTokens(await Promise.all(['fold-text', 'fold-escaped', 'fold-dots', 'fold-docker', 'fold-cri'].map(sign)));
	const shapes = secretShapes(jwt);
	const dir = tempDir();
	const planted: Planted[] = [...folded.planted];
	for (const {shape, needles} of shapes) planted.push({shape, needles});

	// Rule evidence: the On-Behalf-Of rule quotes the free text it matched, in sign-ins and app logs.
	const signins = shapes.map(({text}, i) =>
		JSON.stringify({
			id: `50000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
			createdDateTime: `2026-11-20T10:${String(i).padStart(2, '0')}:00Z`,
			correlationId: `c0000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
			userPrincipalName: 'adele@contoso.com',
			appId: 'api-app',
			status: {errorCode: 50000, failureReason: `Invalid request: ${text}`, additionalDetails: `On-behalf-of token request failed: ${text}`},
		}),
	);
	writeFileSync(path.join(dir, 'signins.jsonl'), signins.join('\n') + '\n');
	const textLines = shapes.map(
		({text}, i) => `2026-11-20T11:${String(i).padStart(2, '0')}:00Z ERROR AADSTS50000 on_behalf_of exchange failed: ${text.replace(/\n/g, '\n  ')}`,
	);
	writeFileSync(path.join(dir, 'app.log'), textLines.join('\n') + '\n' + folded.textLog);
	const jsonLines = shapes.flatMap(({text}, i) => [
		JSON.stringify({time: `2026-11-20T11:${String(i).padStart(2, '0')}:30Z`, level: 'error', msg: `AADSTS50000 on_behalf_of failed: ${text}`}),
		// JSON inside a JSON string: the inner quotes are escaped twice.
		JSON.stringify({
			time: `2026-11-20T11:${String(i).padStart(2, '0')}:31Z`,
			level: 'error',
			msg: 'AADSTS50000 on_behalf_of body',
			body: JSON.stringify({detail: text}),
		}),
	]);
	writeFileSync(path.join(dir, 'app.jsonl'), jsonLines.join('\n') + '\n' + folded.jsonl);
	writeFileSync(path.join(dir, 'cri.log'), folded.criLog);
	// A reject whose excerpt (200 characters) ends inside a secret: the cut prefix must go too.
	const cutSecret = `Zk8Q~${random(60)}`;
	const broken = `{"level":"error","pad":"${'x'.repeat(142)}","client_secret":"${cutSecret}"\n`;
	planted.push({shape: 'secret cut at the end of a reject excerpt', needles: [cutSecret.slice(0, 14)]});
	// wget names a downloaded blob after its URL, SAS signature included; that name is a CLI argument, a sources row, a reject's file.
	const sas = random(40);
	const sasName = `signins.jsonl?sv=2022-11-02&se=2026-12-01&sr=b&sp=r&sig=${sas}`;
	writeFileSync(path.join(dir, sasName), broken);
	planted.push({shape: 'SAS signature in a file name', needles: [sas]});

	const outDir = tempDir();
	const db = path.join(outDir, 'corpus.db');
	const holder = new Database(db); // keeps the -wal and -shm files on disk to be searched
	const outputs: Array<{what: string; text: string}> = [];
	const run = (what: string, args: string[]) => {
		const result = cli(args);
		outputs.push({what: `${what} stdout`, text: result.stdout}, {what: `${what} stderr`, text: result.stderr});
		return result;
	};
	const inputs = ['signins.jsonl', 'app.log', 'app.jsonl', 'cri.log', sasName].map((f) => path.join(dir, f));
	const analyzed = run('analyze', ['analyze', '--db', db, ...inputs]);
	t.is(analyzed.status, 2, analyzed.stderr);
	run('analyze --json --reread', ['analyze', '--db', db, '--json', '--reread', ...inputs]);
	// A nightly run finds the files it already has by their (redacted) names, and lists them.
	const nightly = run('analyze --json (nightly)', ['analyze', '--db', db, '--json', ...inputs]);
	t.is((JSON.parse(nightly.stdout) as {nightly: {skipped: string[]}}).nightly.skipped.length, inputs.length, 'every input is skipped, the SAS-named one too');
	for (const format of ['text', 'md', 'json', 'html']) {
		run(`report ${format}`, ['report', '--db', db, '--format', format, '--names']);
		run(`report ${format} --out`, ['report', '--db', db, '--format', format, '--names', '--out', path.join(outDir, `report.${format}`)]);
	}
	const tables = holder.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
	t.true(tables.includes('event_causes') && tables.includes('rejects') && tables.includes('sources'));
	for (const table of tables) run(`query ${table}`, ['query', '--db', db, '--json', `SELECT * FROM "${table}"`]);
	const ids = holder.prepare('SELECT DISTINCT correlation_id FROM events WHERE correlation_id IS NOT NULL').pluck().all() as string[];
	t.true(ids.length >= shapes.length, 'every sign-in is stored');
	for (const id of ids) {
		run(`trace ${id}`, ['trace', id, '--db', db]);
		run(`trace ${id} --json`, ['trace', id, '--db', db, '--json']);
	}
	// The equivalent of sqlite3's .dump: every row of every table.
	const dump = tables
		.map((table) => JSON.stringify(holder.prepare(`SELECT * FROM "${table}"`).raw().all(), (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v)))
		.join('\n');
	outputs.push({what: '.dump', text: dump});
	for (const file of readdirSync(outDir)) outputs.push({what: file, text: readFileSync(path.join(outDir, file)).toString('latin1')});
	t.true(
		readdirSync(outDir).some((f) => f.endsWith('-wal')),
		'the WAL is there to be searched',
	);

	const leaks: string[] = [];
	for (const {shape, needles} of planted) {
		const where = outputs.filter(({text}) => needles.some((n) => text.includes(n))).map(({what}) => what);
		if (where.length > 0) leaks.push(`${shape}: ${[...new Set(where)].slice(0, 6).join(', ')}${where.length > 6 ? ` (+${where.length - 6})` : ''}`);
	}
	t.deepEqual(leaks, [], `secrets found:\n${leaks.join('\n')}`);

	// The test would pass trivially if nothing were stored: the facts and the evidence are there.
	t.true((holder.prepare("SELECT count(*) FROM event_causes WHERE evidence LIKE '%additionalDetails%'").pluck().get() as number) >= shapes.length);
	t.true((holder.prepare('SELECT count(*) FROM rejects').pluck().get() as number) >= 1);
	t.true((holder.prepare('SELECT count(*) FROM tokens').pluck().get() as number) >= 3);
	holder.close();
});

test('a token whose header and claims quote secrets: the tokens table keeps none of them, and query --csv prints none', async (t) => {
	const signer = await newSigner('claims');
	const s = {kid: random(24), scp: random(32), aud: `Pw${random(24)}`, cli: `Cl${random(24)}`, quoted: `Qu${random(24)}`};
	const jwt = await signer.sign(
		{
			...accessClaims(1_795_000_000),
			aud: `https://svc:${s.aud}@api.contoso.com`,
			scp: `Bearer ${s.scp}`,
			note: `az login --password ${s.cli}`,
			cmd: `az login --password "${s.quoted}"`,
		},
		{kid: `client_secret=${s.kid}`},
	);
	const dir = tempDir();
	const log = path.join(dir, 'app.log');
	writeFileSync(log, `2026-11-20T10:00:00Z ERROR IDX10511: Signature validation failed. token: '${jwt}'\n`);
	const db = path.join(dir, 'a.db');
	const run = cli(['analyze', '--db', db, log]);
	t.true([0, 2].includes(run.status ?? -1), run.stderr);
	const rows = new Database(db, {readonly: true}).prepare('SELECT * FROM tokens').all() as Array<Record<string, unknown>>;
	t.is(rows.length, 1, 'the token is stored');
	const csv = cli(['query', '--db', db, '--csv', 'select * from tokens']);
	t.is(csv.status, 0, csv.stderr);
	const written = JSON.stringify(rows) + csv.stdout;
	for (const [name, secret] of Object.entries(s)) t.false(written.includes(secret), `${name} is stored or printed: ${secret}`);
});
