/**
 * The two halves of the story: app failures joined to the sign-ins behind them, enriched
 * with what the sign-in knew, whatever order the files are read in; the correlations
 * table across runs; `aadlog trace`; app log shapes that decide which record an id belongs to.
 */

import {readFileSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import Database from 'better-sqlite3';
import {loadKnowledge} from '../src/classify/knowledge.js';
import {extractAppText} from '../src/extract/shapes/app-log.js';
import {analyze} from '../src/pipeline.js';
import {splitLines} from '../src/read/lines.js';
import {defaultReadLimits} from '../src/read/record.js';
import {textBlocks} from '../src/read/text-blocks.js';
import {dayOf, dayWindow} from '../src/store/day-window.js';
import {bigSigninFile} from './big-input.js';
import {cli, memoryInput, samplesDir, tempDir} from './helpers.js';

const knowledge = loadKnowledge();
const appLog = readFileSync(path.join(samplesDir, 'story-expenses-app.log'), 'utf8');
const signins = readFileSync(path.join(samplesDir, 'story-signins.jsonl'), 'utf8');
const inputs = {app: () => memoryInput('story-expenses-app.log', appLog), signins: () => memoryInput('story-signins.jsonl', signins)};

async function run(db: string, order: Array<keyof typeof inputs>) {
	return analyze({inputs: order.map((name) => inputs[name]()), db, knowledge, limits: defaultReadLimits, version: 'test'});
}

const appCauses = (file: string): Record<number, string | null> => {
	const db = new Database(file, {readonly: true});
	const rows = db
		.prepare(
			"SELECT e.line, c.cause FROM events e LEFT JOIN causes c ON c.id = e.cause_id WHERE e.kind = 'app' AND e.outcome IN ('failure', 'interrupt') ORDER BY e.line",
		)
		.all() as Array<{line: number; cause: string | null}>;
	db.close();
	return Object.fromEntries(rows.map((r) => [r.line, r.cause]));
};

test('app failures meet their sign-ins whatever order the files are read in', async (t) => {
	const first = path.join(tempDir(), 'a.db');
	const second = path.join(tempDir(), 'b.db');
	const a = await run(first, ['app', 'signins']);
	const b = await run(second, ['signins', 'app']);
	t.deepEqual(a.joins, {appFailures: 6, matched: 4});
	t.deepEqual(b.joins, a.joins);
	const expected = {
		3: 'device-not-identified', // the MSAL error says "not compliant"; the joined sign-in shows no device id
		13: 'mfa-required',
		15: 'client-app-not-in-tenant',
		16: 'client-secret-expired',
		24: 'graph-token-sent-to-api',
		26: 'api-401-without-detail',
	};
	t.deepEqual(appCauses(first), expected);
	t.deepEqual(appCauses(second), expected);
});

test('a joined app failure carries what its sign-in knew; by_correlation shows both halves', async (t) => {
	const file = path.join(tempDir(), 'a.db');
	await run(file, ['app', 'signins']);
	const db = new Database(file, {readonly: true});
	const app = db.prepare("SELECT user_principal_name, app_name, resource_name FROM events WHERE kind = 'app' AND line = 3").get();
	t.deepEqual(app, {user_principal_name: 'lidia.holloway@contoso.com', app_name: 'Contoso Expenses Web', resource_name: 'Microsoft Graph'});
	const evidence = db
		.prepare("SELECT ec.evidence FROM event_causes ec JOIN events e ON e.id = ec.event_id WHERE e.kind = 'app' AND e.line = 3 AND ec.rank = 1")
		.pluck()
		.get();
	t.is(evidence, 'codes.aadsts=53000; signin.deviceOs present; signin.deviceId absent');
	const story = db
		.prepare(
			`SELECT via, app_cause, signin_cause, signin_error_code, p.name || ':' || p.result AS ca_policy, device_os, location
			FROM by_correlation b JOIN event_ca_policies p ON p.event_id = b.signin_event_id
			WHERE correlation_id = '1e2d3c4b-5a69-4788-9a0b-c1d2e3f4a501' ORDER BY via`,
		)
		.all();
	// one row per pair, with the strongest join (the trace id names this very sign-in; the correlation id the client request)
	t.deepEqual(story, [
		{
			via: 'trace_id',
			app_cause: 'device-not-identified',
			signin_cause: 'device-not-identified',
			signin_error_code: 53000,
			ca_policy: 'CA012: Require compliant device for Expenses:failure',
			device_os: 'MacOs',
			location: 'Lisbon, Lisboa, PT',
		},
	]);
	// the pino success line shares the MFA story's correlation id, but only failures are linked
	// (an info line on a busy correlation id would multiply rows); aadlog trace still finds it by the id
	t.is(db.prepare('SELECT count(*) FROM correlations co JOIN events a ON a.id = co.app_event_id WHERE a.line = 14').pluck().get(), 0);
	db.close();
});

test('a sign-in export read in a later run joins an app log read earlier', async (t) => {
	const file = path.join(tempDir(), 'a.db');
	const first = await run(file, ['app']);
	t.deepEqual(first.joins, {appFailures: 6, matched: 0});
	const second = await run(file, ['signins']);
	t.deepEqual(second.joins, {appFailures: 0, matched: 0}, 'the app failures belong to the first run');
	const db = new Database(file, {readonly: true});
	const joined = db
		.prepare("SELECT count(DISTINCT app_event_id) FROM correlations co JOIN events a ON a.id = co.app_event_id WHERE a.outcome IN ('failure', 'interrupt')")
		.pluck()
		.get();
	t.is(joined, 4);
	db.close();
});

test('aadlog trace tells one story: app error, sign-in, cause and fix; unknown ids exit 2', async (t) => {
	const file = path.join(tempDir(), 'a.db');
	const analyzed = cli(['analyze', '--db', file, path.join(samplesDir, 'story-expenses-app.log'), path.join(samplesDir, 'story-signins.jsonl')]);
	t.is(analyzed.status, 0, analyzed.stderr);
	t.regex(analyzed.stdout, /4 of 6 app failures joined to their sign-in/);
	const story = cli(['trace', '--db', file, 'CF5DAE62-7081-4293-9E4F-5A6B7C8D9EA5']);
	t.is(story.status, 0, story.stderr);
	const lines = story.stdout.split('\n');
	const app = lines.findIndex((l) => /app\s+failure\s+AADSTS7000222/.test(l));
	const signin = lines.findIndex((l) => /sign-in\s+failure\s+AADSTS7000222/.test(l));
	t.true(app > 0 && signin > app, 'newest first: the app log line (10:30:05.702) before the sign-in (10:30:05.640)');
	t.regex(story.stdout, /story-expenses-app\.log:16/);
	t.regex(story.stdout, /client-secret-expired/);
	t.regex(story.stdout, /What to do/);
	const json = JSON.parse(cli(['trace', '--db', file, '--json', '2f3e4d5c-6b7a-4899-8a1b-d2e3f4a5b602']).stdout);
	t.deepEqual(
		json.events.map((e: {kind: string; outcome: string}) => `${e.kind}:${e.outcome}`),
		['app:unknown', 'signin:success', 'app:interrupt', 'signin:interrupt'],
	);
	const none = cli(['trace', '--db', file, '00000000-0000-0000-0000-000000000000']);
	t.is(none.status, 2);
	t.regex(none.stdout, /nothing in the database carries/);
	t.is(cli(['trace', '--db', path.join(tempDir(), 'missing.db'), 'x']).status, 3);
});

test('log shapes: an unindented Java exception joins its log line; pino, Serilog and CLF times; syslog keeps no guessed time', async (t) => {
	const records: string[] = [];
	for await (const r of textBlocks(
		splitLines(
			(async function* () {
				yield Buffer.from(appLog);
			})(),
			1 << 20,
		),
		'f',
		1 << 20,
	))
		if (r.type === 'text') records.push(r.text);
	const java = records.find((r) => r.includes('ExportJob'))!;
	t.true(java.includes('MsalServiceException: AADSTS7000222'), 'the exception belongs to the ERROR line above it');
	t.true(java.includes('Caused by: java.io.IOException'));
	const time = (text: string): string | undefined => extractAppText(text, {file: 'f', line: 1}).time;
	t.is(time('{"level":50,"time":1795253700912,"msg":"x"}'), '2026-11-21T09:35:00.912Z');
	t.is(time('{"@t":"2026-11-21T10:02:44.5120000Z","@mt":"x"}'), '2026-11-21T10:02:44.512Z');
	t.is(time('203.0.113.88 - - [21/Nov/2026:10:41:17 +0100] "GET / HTTP/1.1" 401 0'), '2026-11-21T09:41:17.000Z');
	t.is(time('Nov 21 10:41:17 api-01 orders-api[2231]: fail: x'), undefined);
	t.is(time('{"timestamp":"Nov 21 10:41:17","msg":"x"}'), undefined, 'no year: no time, not 2001');
	t.is(time('2026-11-21 10:30:05,702 ERROR [pool-2-thread-1] x'), '2026-11-21T10:30:05.702Z');
});

test('log shapes: JSON in a JSON string, an IIS W3C line, a challenge inside a winston JSON line', (t) => {
	const read = (text: string) => extractAppText(text, {file: 'f', line: 1});
	const serilog = read(
		'{"@t":"2026-11-21T10:02:44Z","@mt":"Token call failed {Body}","Body":"{\\"error\\":\\"invalid_grant\\",\\"error_description\\":\\"AADSTS70008: expired. Trace ID: be4c9d51-6f70-4182-8d3e-4f5a6b7c8d94 Correlation ID: 3a4f5e6d-7c8b-49a0-9b2c-e3f4a5b6c703\\",\\"error_codes\\":[70008]}"}',
	);
	t.deepEqual(serilog.codes.aadsts, [70008]);
	t.is(serilog.codes.oauthError, 'invalid_grant');
	t.is(serilog.ids.traceId, 'be4c9d51-6f70-4182-8d3e-4f5a6b7c8d94');
	const iis = read('2026-11-21 10:41:17 10.0.0.4 GET /api/orders status=open 443 - 203.0.113.88 Mozilla/5.0+(Windows+NT+10.0) - 401 0 0 12');
	t.is(iis.codes.httpStatus, 401);
	t.is(iis.outcome, 'failure');
	const winston = read(
		'{"level":"error","message":"Request failed with status code 401","timestamp":"2026-11-21T10:41:17.120Z","response":{"headers":{"www-authenticate":"Bearer error=\\"invalid_token\\", error_description=\\"The token is expired\\""}}}',
	);
	t.is(winston.codes.bearerError, 'invalid_token');
	t.is(winston.codes.bearerErrorDescription, 'The token is expired');
	t.is(winston.time, '2026-11-21T10:41:17.120Z');
});

test('an app failure meets a sign-in of the days around it (1 after to 8 before), or of any day when it has no time', async (t) => {
	// One sign-in on 10 November; app failures naming its Request ID 3 days later, 12 days later, 1 day earlier, and with no time.
	const requestId = '5b1f6a2e-3c4d-4e5f-9a0b-1c2d3e4f5a99';
	const signin =
		JSON.stringify({
			id: requestId,
			createdDateTime: '2026-11-10T23:30:00Z',
			userPrincipalName: 'adele@contoso.com',
			appId: 'a1e5c7d2-3f48-4b6a-9c0d-2e1f3a4b5c6d',
			appDisplayName: 'Contoso Expenses Web',
			status: {errorCode: 50126},
		}) + '\n';
	const line = (prefix: string, n: number): string =>
		`${prefix}fail: token request ${n} failed: AADSTS50126: Error validating credentials. Trace ID: ${requestId}\n`;
	const app = [line('2026-11-13T08:00:00Z ', 1), line('2026-11-22T08:00:00Z ', 2), line('2026-11-09T08:00:00Z ', 3), line('', 4)].join('');
	const joinedLines = (file: string): number[] => {
		const db = new Database(file, {readonly: true});
		const lines = db
			.prepare('SELECT DISTINCT a.line FROM correlations co JOIN events a ON a.id = co.app_event_id ORDER BY a.line')
			.pluck()
			.all() as number[];
		db.close();
		return lines;
	};
	for (const order of [
		['signins', 'app'],
		['app', 'signins'],
	]) {
		const file = path.join(tempDir(), 'window.db');
		const files = {signins: memoryInput('signins.jsonl', signin), app: memoryInput('api.log', app)};
		const result = await analyze({
			inputs: order.map((name) => files[name as 'signins' | 'app']),
			db: file,
			knowledge,
			limits: defaultReadLimits,
			version: 'test',
		});
		t.deepEqual(result.joins, {appFailures: 4, matched: 3}, order.join(' then '));
		t.deepEqual(joinedLines(file), [1, 3, 4], `${order.join(' then ')}: 12 days later is too far`);
	}
	// Across runs, both ways: a later run's sign-ins meet the app failures stored before, and a later run's app failures the sign-ins.
	for (const order of [
		['app', 'signins'],
		['signins', 'app'],
	]) {
		const file = path.join(tempDir(), 'later.db');
		for (const name of order) {
			const input = name === 'app' ? memoryInput('api.log', app) : memoryInput('signins.jsonl', signin);
			await analyze({inputs: [input], db: file, knowledge, limits: defaultReadLimits, version: 'test'});
		}
		t.deepEqual(joinedLines(file), [1, 3, 4], `runs: ${order.join(' then ')}`);
	}
});

test('lookups by id use the day-led id indexes: the days around an event, or every day in turn (skip-scan), never a scan of every event', async (t) => {
	const file = path.join(tempDir(), 'plans.db');
	// Thousands of sign-ins a day: the statistics tell the planner a day holds many (a handful a day is scanned, and small).
	await analyze({
		inputs: [memoryInput('signins.jsonl', readFileSync(bigSigninFile(3000))), inputs.app()],
		db: file,
		knowledge,
		limits: defaultReadLimits,
		version: 'test',
	});
	const db = new Database(file, {readonly: true});
	const plan = (sql: string): string => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{detail: string}>).map((r) => r.detail).join(' | ');
	for (const column of ['request_id', 'correlation_id', 'uti']) {
		const index = `events_by_${column === 'correlation_id' ? 'correlation' : column}`;
		const near = plan(
			`SELECT e.id FROM events e WHERE ${dayOf('e')} IN (${dayWindow("'2026-11-21T09:14:08Z'")}) AND e.${column} = 'x' AND e.kind = 'signin'`,
		);
		t.regex(near, new RegExp(`USING INDEX ${index} \\(<expr>=\\? AND ${column}=\\?\\)`), `${column} near: ${near}`);
		const alone = plan(`SELECT e.id FROM events e WHERE e.${column} = 'x'`);
		t.regex(alone, new RegExp(`INDEX ${index} \\(ANY\\(<expr>\\) AND ${column}=\\?\\)`), `${column} alone: ${alone}`);
	}
	// From a sign-in to the app failures that named its ids: the app events' own index.
	const toApp = plan("SELECT a.id FROM events a WHERE a.correlation_id = 'x' AND a.kind = 'app' AND a.outcome IN ('failure', 'interrupt')");
	t.regex(toApp, /events_app_by_correlation/);
	db.close();
});
