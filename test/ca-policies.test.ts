/**
 * Conditional Access policies as rows of event_ca_policies: a policy whose name holds "; "
 * and ":" (the separators of the packed text an older database kept) goes
 * through the store, the join to an app failure, the rules, the rules' SQL and `trace`
 * whole; which results are kept; ca_policy_summary and the `ca-policies` named query count
 * the sign-ins each policy blocked; an old database's packed text migrates into rows.
 */

import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import Database from 'better-sqlite3';
import {loadKnowledge} from '../src/classify/knowledge.js';
import {analyze} from '../src/pipeline.js';
import {defaultReadLimits} from '../src/read/record.js';
import {traceTerminal} from '../src/report/trace-terminal.js';
import {exportKql, exportSql} from '../src/rules-compiler/export-rules.js';
import {openDatabase} from '../src/store/database.js';
import {migrations, registerMigrationFunctions} from '../src/store/schema.js';
import {findStory} from '../src/trace/story.js';
import {cli, graphSignin, memoryInput, tempDir} from './helpers.js';
import {accessClaims, hs256} from './token-fixtures.js';

/** Both separators of the packed text, and the "name:result" form, inside one name. */
const oddName = 'Block; legacy: auth';

const rulesDir = path.join(tempDir('aadlog-ca-rules-'), 'rules');
mkdirSync(rulesDir);
writeFileSync(
	path.join(rulesDir, 'odd-policy.yaml'),
	`id: odd-policy-block
title: Blocked by the odd policy
level: high
confidence: 0.99
who: admin
fix: f
match:
  - {codes.aadsts: [53003], signin.caPolicies: ["${oddName}:failure"]}
`,
);
const knowledge = loadKnowledge([rulesDir]);

const policy = (displayName: string, result: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({displayName, result, ...extra});

/** Sign-ins 1 and 4: blocked by the odd policy; 2: a success (stored slim); 3: by a policy whose name starts the same. */
const signins = [
	graphSignin(1, 53003, '2026-11-20T10:00:00Z', {
		appliedConditionalAccessPolicies: [
			policy(oddName, 'failure', {id: 'AAAA0000-0000-4000-8000-000000000001', enforcedGrantControls: ['Block']}),
			policy('Require MFA: all users', 'success', {enforcedGrantControls: ['Mfa'], enforcedSessionControls: ['SignInFrequency']}),
			policy('Report: would block', 'reportOnlyFailure'),
			policy('Report: would interrupt', 'reportOnlyInterrupted'),
			policy('Not for this app', 'notApplied'),
			policy('Switched off', 'notEnabled'),
			policy('Report: not for this app', 'reportOnlyNotApplied'),
		],
	}),
	graphSignin(2, 0, '2026-11-20T10:05:00Z', {appliedConditionalAccessPolicies: [policy('Require MFA: all users', 'success')]}),
	graphSignin(3, 53003, '2026-11-20T10:10:00Z', {appliedConditionalAccessPolicies: [policy('Block; legacy', 'failure')]}),
	graphSignin(4, 53003, '2026-11-20T10:20:00Z', {
		appId: 'app-2',
		appliedConditionalAccessPolicies: [policy(oddName, 'failure', {id: 'AAAA0000-0000-4000-8000-000000000001', enforcedGrantControls: ['Block']})],
	}),
];
const traceId = '10000000-0000-4000-8000-000000000001';
const appLog = `2026-11-20T10:00:01.000Z fail: Contoso.Api[0]
      AADSTS53003: Access has been blocked by Conditional Access policies. Trace ID: ${traceId} Correlation ID: 20000000-0000-4000-8000-000000000001 Timestamp: 2026-11-20 10:00:01Z
`;

const db = path.join(tempDir('aadlog-ca-'), 'ca.db');
test.before(async () => {
	await analyze({
		inputs: [memoryInput('signins.jsonl', `${signins.join('\n')}\n`), memoryInput('app.log', appLog)],
		db,
		knowledge,
		limits: defaultReadLimits,
		version: 'test',
	});
});

const causesOf = (sql: Database.Database, kind: string, line: number): string[] =>
	sql
		.prepare(
			'SELECT c.cause FROM event_causes ec JOIN causes c ON c.id = ec.cause_id JOIN events e ON e.id = ec.event_id WHERE e.kind = ? AND e.line = ? ORDER BY ec.rank',
		)
		.pluck()
		.all(kind, line) as string[];

test('policies are stored as rows, in the record order, with id and controls; notApplied and notEnabled are not kept', (t) => {
	const sql = new Database(db, {readonly: true});
	const rows = sql
		.prepare(
			"SELECT p.position, p.policy_id, p.name, p.result, p.grant_controls, p.session_controls FROM event_ca_policies p JOIN events e ON e.id = p.event_id WHERE e.kind = 'signin' AND e.line = 1 ORDER BY p.position",
		)
		.all();
	t.deepEqual(rows, [
		{position: 1, policy_id: 'aaaa0000-0000-4000-8000-000000000001', name: oddName, result: 'failure', grant_controls: '["Block"]', session_controls: null},
		{position: 2, policy_id: null, name: 'Require MFA: all users', result: 'success', grant_controls: '["Mfa"]', session_controls: '["SignInFrequency"]'},
		{position: 3, policy_id: null, name: 'Report: would block', result: 'reportOnlyFailure', grant_controls: null, session_controls: null},
		{position: 4, policy_id: null, name: 'Report: would interrupt', result: 'reportOnlyInterrupted', grant_controls: null, session_controls: null},
	]);
	// a successful sign-in is stored slim: no policy rows
	t.is(sql.prepare("SELECT count(*) FROM event_ca_policies p JOIN events e ON e.id = p.event_id WHERE e.outcome = 'success'").pluck().get(), 0);
	t.false(
		(sql.pragma('table_info(events)') as Array<{name: string}>).some((c) => c.name === 'ca_policies'),
		'no packed column',
	);
	sql.close();
});

test('a rule naming the policy "name:result" fits the sign-in and the app failure joined to it, not a policy whose name only starts the same', (t) => {
	const sql = new Database(db, {readonly: true});
	t.is(causesOf(sql, 'signin', 1)[0], 'odd-policy-block');
	t.is(causesOf(sql, 'app', 1)[0], 'odd-policy-block', 'the app event reads the policies of the sign-in it was joined to');
	t.false(causesOf(sql, 'signin', 3).includes('odd-policy-block'));
	sql.close();
});

test('the rules SQL tests signin.caPolicies on the rows and agrees with the engine; KQL still lists it as a list field', (t) => {
	const {classify, compiled} = exportSql(knowledge);
	const verdict = compiled.verdicts.find((v) => v.rule.id === 'odd-policy-block');
	t.is(verdict?.status, 'portable');
	const sql = new Database(db, {readonly: true});
	const byLine = sql
		.prepare(`WITH r AS (${classify.replace(/;\s*$/, '')}) SELECT e.line, r.cause FROM r JOIN events e ON e.id = r.event_id ORDER BY e.line`)
		.all();
	t.deepEqual(
		byLine,
		[1, 3, 4].map((line) => ({line, cause: causesOf(sql, 'signin', line)[0]})),
	);
	sql.close();
	const kql = exportKql(knowledge, {table: 'SigninLogs'}).compiled.verdicts.find((v) => v.rule.id === 'odd-policy-block');
	t.true(kql?.reasons.some((r) => r.kind === 'list-field' && r.text.includes('signin.caPolicies')));
});

test('trace prints each policy whole, quoted, with its controls', (t) => {
	const sql = openDatabase(db, {readonly: true});
	const story = findStory(sql, traceId);
	sql.close();
	const signin = story.events.find((e) => e.kind === 'signin');
	t.deepEqual(
		signin?.ca_policies.map((p) => `${p.name}:${p.result}`),
		[`${oddName}:failure`, 'Require MFA: all users:success', 'Report: would block:reportOnlyFailure', 'Report: would interrupt:reportOnlyInterrupted'],
	);
	const text = traceTerminal(story);
	t.true(text.includes(`CA policy "${oddName}": failure (Block)`), text);
	t.true(text.includes('CA policy "Require MFA: all users": success (Mfa, SignInFrequency)'), text);
});

test('ca_policy_summary: per policy, the sign-ins it blocked, users and apps blocked, sign-ins it acted on; app events not counted again', (t) => {
	const sql = new Database(db, {readonly: true});
	const rows = sql.prepare('SELECT policy_id, name, failures, report_only_failures, users, apps, events, last_seen FROM ca_policy_summary').all();
	t.deepEqual(rows, [
		{
			policy_id: 'aaaa0000-0000-4000-8000-000000000001',
			name: oddName,
			failures: 2,
			report_only_failures: 0,
			users: 2,
			apps: 2,
			events: 2,
			last_seen: '2026-11-20T10:20:00.000Z',
		},
		{policy_id: null, name: 'Block; legacy', failures: 1, report_only_failures: 0, users: 1, apps: 1, events: 1, last_seen: '2026-11-20T10:10:00.000Z'},
		{
			policy_id: null,
			name: 'Report: would block',
			failures: 0,
			report_only_failures: 1,
			users: 0,
			apps: 0,
			events: 1,
			last_seen: '2026-11-20T10:00:00.000Z',
		},
		{
			policy_id: null,
			name: 'Report: would interrupt',
			failures: 0,
			report_only_failures: 0,
			users: 0,
			apps: 0,
			events: 1,
			last_seen: '2026-11-20T10:00:00.000Z',
		},
		{
			policy_id: null,
			name: 'Require MFA: all users',
			failures: 0,
			report_only_failures: 0,
			users: 0,
			apps: 0,
			events: 1,
			last_seen: '2026-11-20T10:00:00.000Z',
		},
	]);
	sql.close();
});

test('aadlog query ca-policies counts within --since/--until', (t) => {
	const names = (...args: string[]): unknown[] => {
		const run = cli(['query', '--db', db, '--json', 'ca-policies', ...args]);
		if (run.status !== 0) throw new Error(run.stderr);
		return (JSON.parse(run.stdout) as Array<{name: string; failures: number}>).map((r) => [r.name, r.failures]);
	};
	t.deepEqual(names().slice(0, 2), [
		[oddName, 2],
		['Block; legacy', 1],
	]);
	t.deepEqual(names('--since', '2026-11-20T10:08:00Z'), [
		['Block; legacy', 1],
		[oddName, 1],
	]);
	t.deepEqual(names('--until', '2026-11-20T10:08:00Z').slice(0, 2), [
		[oddName, 1],
		['Report: would block', 0],
	]);
	t.true(cli(['query', '--list']).stdout.includes('ca-policies'));
});

test('a database of schema 15 with packed ca_policies migrates into rows, names holding "; " and ":" whole', async (t) => {
	const file = path.join(tempDir('aadlog-ca-old-'), 'old.db');
	const old = new Database(file);
	registerMigrationFunctions(old);
	for (const m of migrations.slice(0, 15)) old.exec(m);
	old.pragma('user_version = 15');
	old.exec(`INSERT INTO runs (id, started_at, status, version, inputs) VALUES (1, '2026-11-01T00:00:00Z', 'complete', 'old', '[]');
INSERT INTO sources (id, run_id, path) VALUES (1, 1, 'old.jsonl');
INSERT INTO events (id, record_key, run_id, source_id, kind, outcome, time, ca_policies) VALUES
  (1, 1, 1, 1, 'signin', 'failure', '2026-11-01T08:00:00.000Z', 'Block; legacy: auth:failure; Require MFA:success'),
  (2, 2, 1, 1, 'signin', 'failure', '2026-11-01T09:00:00.000Z', 'Only:failure'),
  (3, 3, 1, 1, 'signin', 'failure', '2026-11-01T10:00:00.000Z', NULL);`);
	old.close();
	const upgraded = openDatabase(file);
	const rows = upgraded.prepare('SELECT event_id, position, policy_id, name, result FROM event_ca_policies ORDER BY event_id, position').all();
	const columns = (upgraded.pragma('table_info(events)') as Array<{name: string}>).map((c) => c.name);
	const summary = upgraded.prepare('SELECT name, failures FROM ca_policy_summary').all();
	upgraded.close();
	t.deepEqual(rows, [
		{event_id: 1, position: 1, policy_id: null, name: oddName, result: 'failure'},
		{event_id: 1, position: 2, policy_id: null, name: 'Require MFA', result: 'success'},
		{event_id: 2, position: 1, policy_id: null, name: 'Only', result: 'failure'},
	]);
	t.false(columns.includes('ca_policies'));
	t.deepEqual(summary, [
		{name: oddName, failures: 1},
		{name: 'Only', failures: 1},
		{name: 'Require MFA', failures: 0},
	]);
	// a policy read after the upgrade, with its id, counts with its migrated rows
	const later = graphSignin(9, 53003, '2026-11-02T08:00:00Z', {
		appliedConditionalAccessPolicies: [policy('Only', 'failure', {id: 'BBBB0000-0000-4000-8000-000000000002'})],
	});
	await analyze({inputs: [memoryInput('later.jsonl', `${later}\n`)], db: file, knowledge, limits: defaultReadLimits, version: 'test'});
	const merged = new Database(file, {readonly: true});
	t.deepEqual(merged.prepare("SELECT policy_id, failures, events FROM ca_policy_summary WHERE name = 'Only'").all(), [
		{policy_id: 'bbbb0000-0000-4000-8000-000000000002', failures: 2, events: 2},
	]);
	merged.close();
});

test('a policy name or control quoting a token is stored redacted', async (t) => {
	const token = await hs256(accessClaims(Math.floor(Date.parse('2026-11-20T09:00:00Z') / 1000)));
	const file = path.join(tempDir('aadlog-ca-secret-'), 'secret.db');
	const line = graphSignin(7, 53003, '2026-11-20T10:00:00Z', {
		appliedConditionalAccessPolicies: [policy(`Block ${token}`, 'failure', {id: token, enforcedGrantControls: [token]})],
	});
	await analyze({inputs: [memoryInput('secret.jsonl', `${line}\n`)], db: file, knowledge, limits: defaultReadLimits, version: 'test'});
	const sql = new Database(file, {readonly: true});
	const row = sql.prepare('SELECT policy_id, name, grant_controls FROM event_ca_policies').get() as Record<string, string>;
	sql.close();
	const signature = token.split('.')[2];
	for (const value of Object.values(row)) t.false(value.includes(signature), value);
	t.true(row.name.startsWith('Block '));
});
