/**
 * --pseudonymize: no user name, UPN, user id or IP address of the input is left in the
 * database (every byte searched), the same key gives the same pseudonyms run after run,
 * another key other ones, the rules still saw the real values, and there is no default key.
 */

import {randomUUID} from 'node:crypto';
import {readdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import Database from 'better-sqlite3';
import {newEvent} from '../src/extract/event.js';
import {Pseudonymizer} from '../src/privacy/pseudonymizer.js';
import {cli, samplesDir, tempDir} from './helpers.js';

const key = 'correct-horse-battery-staple-2026';
const inputs = [
	'signin-graph-page.json',
	'signin-graph-beta.jsonl',
	'loganalytics-signinlogs.json',
	'story-signins.jsonl',
	'story-expenses-app.log',
	'app-access.log',
].map((f) => path.join(samplesDir, f));

/** Every UPN and IPv4 address the inputs hold, found independently of aadlog. */
function personalValues(): string[] {
	const found = new Set<string>();
	for (const file of inputs) {
		const text = readFileSync(file, 'utf8');
		for (const m of text.matchAll(/"(?:userPrincipalName|UserPrincipalName)"\s*:\s*"([^"]+)"/g)) found.add(m[1]);
		for (const m of text.matchAll(/"(?:ipAddress|IPAddress|callerIpAddress)"\s*:\s*"([^"]+)"/g)) found.add(m[1]);
		// access logs start with the client address
		for (const m of text.matchAll(/^(\d{1,3}(?:\.\d{1,3}){3}) /gm)) found.add(m[1]);
	}
	return [...found].filter((v) => v.length > 6);
}

test('no UPN or IP address of the input is left anywhere in the database', (t) => {
	const dir = tempDir();
	const db = path.join(dir, 'p.db');
	// a rule's evidence quotes the field it matched: here a text holding an address (found by a review)
	const quoted = path.join(tempDir(), 'quoted.jsonl');
	const quotedUserId = '7d3c0a51-4e2f-4b8a-9c1d-2e3f4a5b6c7d';
	writeFileSync(
		quoted,
		JSON.stringify({
			id: '40000000-0000-4000-8000-000000000001',
			createdDateTime: '2026-11-20T08:00:00Z',
			userPrincipalName: 'alice.secret@contoso.com',
			userId: quotedUserId,
			ipAddress: '198.51.100.23',
			status: {
				errorCode: 50000,
				additionalDetails: `The password for alice.secret@contoso.com (${quotedUserId.toUpperCase()}) is out of sync; last attempt from 198.51.100.23.`,
			},
		}) + '\n',
	);
	inputs.push(quoted);
	const run = cli(['analyze', '--db', db, '--pseudonymize', ...inputs], {env: {AADLOG_PSEUDONYM_KEY: key}});
	t.is(run.status, 0, run.stderr);
	const values = personalValues();
	t.true(values.length > 20, `the inputs hold ${values.length} personal values`);
	const bytes = readdirSync(dir)
		.map((f) => readFileSync(path.join(dir, f)).toString('utf8'))
		.join('\n');
	for (const value of [...values, quotedUserId, quotedUserId.toUpperCase()]) t.false(bytes.includes(value), `${value} is still in the database`);
	const sql = new Database(db, {readonly: true});
	const upns = sql.prepare('SELECT DISTINCT user_principal_name FROM events WHERE user_principal_name IS NOT NULL').pluck().all() as string[];
	t.true(upns.length > 5);
	for (const upn of upns) t.regex(upn, /^user-[0-9a-f]{12}@pseudonymized\.invalid$/);
	// the rules saw the real UPN: the guest (#EXT#) blocked by CA is still classified as such
	t.true(
		(sql.prepare("SELECT count(*) FROM events e JOIN causes c ON c.id = e.cause_id WHERE c.cause = 'conditional-access-block'").pluck().get() as number) >
			0,
	);
	sql.close();
	const report = cli(['report', '--db', db, '--names']);
	for (const value of values) t.false(report.stdout.includes(value));
});

test('the same key gives the same pseudonyms; another key other ones; no key is a usage error', (t) => {
	const a = new Pseudonymizer(Buffer.from(key));
	const b = new Pseudonymizer(Buffer.from(key));
	const c = new Pseudonymizer(Buffer.from('another-key-of-sufficient-length'));
	t.is(a.upn('Megan.Bowen@contoso.com'), b.upn('megan.bowen@contoso.com'), 'stable and case-blind');
	t.not(a.upn('megan.bowen@contoso.com'), c.upn('megan.bowen@contoso.com'));
	t.is(a.upn(a.upn('x@contoso.com')), a.upn('x@contoso.com'), 'a pseudonym is not pseudonymized again');
	t.is(
		a.text('user adele@contoso.com from 203.0.113.7 and 2001:db8::1 failed'),
		`user ${a.upn('adele@contoso.com')} from ${a.ip('203.0.113.7')} and ${a.ip('2001:db8::1')} failed`,
	);
	t.regex(a.text('from 2001:db8:85a3:0:0:8a2e:370:7334')!, /^from ip-[0-9a-f]{12}$/);
	const missing = cli(['analyze', '--db', ':memory:', '--pseudonymize', inputs[0]], {env: {AADLOG_PSEUDONYM_KEY: ''}});
	t.is(missing.status, 1);
	t.regex(missing.stderr, /needs a key/);
	const dir = tempDir();
	const keyFile = path.join(dir, 'key');
	writeFileSync(keyFile, key + '\n');
	const fromFile = cli(['analyze', '--db', path.join(dir, 'f.db'), '--json', '--pseudonymize', '--pseudonym-key-file', keyFile, inputs[0]]);
	t.is(fromFile.status, 0, fromFile.stderr);
});

test("user object ids inside message text are pseudonymized: the event's own, labelled ones and Graph user paths", (t) => {
	const p = new Pseudonymizer(Buffer.from(key));
	const own = randomUUID();
	const labelled = randomUUID();
	const inPath = randomUUID();
	const correlation = randomUUID();
	const event = newEvent('signin', {file: 'f', line: 1});
	event.who.userId = own;
	event.ids.correlationId = correlation;
	event.message = `GET https://graph.microsoft.com/v1.0/users/${inPath}/memberOf 404; user object id: ${labelled}; oid=${labelled.toUpperCase()}; correlation ${correlation}`;
	event.signin = {failureReason: `User account ${own} is disabled`, additionalDetails: `"userId":"${own.toUpperCase()}"`} as NonNullable<typeof event.signin>;
	const evidence = p.text(`signin.failureReason=User account ${own} is disabled`, own)!;
	p.event(event);
	const texts = [event.message, event.signin.failureReason, event.signin.additionalDetails, evidence].join('\n');
	for (const id of [own, labelled, inPath]) t.false(texts.toLowerCase().includes(id), texts);
	t.true(texts.includes(p.userId(own)!), 'the same pseudonym as the user_id column');
	t.true(texts.includes(correlation), 'a correlation id is no person: it stays, so a support case can quote it');
});
