/**
 * One vocabulary: the same sign-in, exported as Graph JSON, a diagnostic record, a Log
 * Analytics row and a portal CSV row, stores the same ca_status, category, flow and
 * is_interactive and device join type; and every sign-in in samples/ (all four shapes) uses only the canonical values.
 */

import path from 'node:path';
import test from 'ava';
import Database from 'better-sqlite3';
import {canonicalCaStatus, canonicalCategory, canonicalFlow, canonicalJoinType} from '../src/extract/canonical-values.js';
import {extractRecord} from '../src/extract/extract-record.js';
import {openDatabase} from '../src/store/database.js';
import {deviceJoinType} from '../src/store/migrations/17-device-join-type.js';
import {migrations} from '../src/store/migrations/index.js';
import {cli, databaseAtVersion, samplesDir, tempDir} from './helpers.js';

const time = '2026-11-20T10:00:00Z';
const upn = 'ada@contoso.example';

function signinOf(value: Record<string, unknown>, file = 't') {
	const result = extractRecord({type: 'json', value, raw: '', source: {file, line: 1}});
	if (!result.ok) throw new Error(result.reason);
	const s = result.event.signin!;
	return {category: s.category, caStatus: s.caStatus, flow: s.flow, isInteractive: s.isInteractive, incomingTokenType: s.incomingTokenType};
}

test('the same sign-in in Graph, diagnostic, Log Analytics and portal CSV spelling has the same values', (t) => {
	const graph = signinOf({
		id: 'a',
		createdDateTime: time,
		userPrincipalName: upn,
		isInteractive: true,
		conditionalAccessStatus: 'notApplied',
		authenticationProtocol: 'none',
		incomingTokenType: 'none',
		status: {errorCode: 0},
	});
	const diagnostic = signinOf({
		time,
		resultType: '0',
		category: 'SignInLogs',
		properties: {id: 'a', userPrincipalName: upn, conditionalAccessStatus: 'notApplied', authenticationProtocol: 'none', incomingTokenType: 'none'},
	});
	const logAnalytics = signinOf({
		TimeGenerated: time,
		ResultType: '0',
		Category: 'SignInLogs',
		UserPrincipalName: upn,
		ConditionalAccessStatus: 'notApplied',
		AuthenticationProtocol: 'none',
		IncomingTokenType: 'none',
	});
	const portal = signinOf(
		{
			'Date (UTC)': time,
			'Request ID': 'a',
			'Sign-in error code': '0',
			Status: 'Success',
			'Conditional Access': 'Not Applied',
			'Authentication Protocol': 'None',
			'Incoming token type': 'None',
		},
		'InteractiveSignIns_2026-11-01_2026-11-02.csv',
	);
	const expected = {category: 'interactiveUser', caStatus: 'notApplied', flow: undefined, isInteractive: true, incomingTokenType: 'none'};
	t.deepEqual(graph, expected, 'graph');
	t.deepEqual(diagnostic, expected, 'diagnostic');
	t.deepEqual(logAnalytics, expected, 'log analytics');
	t.deepEqual(portal, expected, 'portal csv');
});

test('canonical spellings: CA status, category, protocol', (t) => {
	t.is(canonicalCaStatus('Not Applied'), 'notApplied');
	t.is(canonicalCaStatus('Failure'), 'failure');
	t.is(canonicalCaStatus('success'), 'success');
	t.is(canonicalCategory('NonInteractiveUserSignInLogs'), 'nonInteractiveUser');
	t.is(canonicalCategory('ManagedIdentitySignInLogs'), 'managedIdentity');
	t.is(canonicalCategory('servicePrincipal'), 'servicePrincipal');
	t.is(canonicalFlow('Device Code'), 'deviceCode');
	t.is(canonicalFlow('OAuth 2.0'), 'oAuth2');
	t.is(canonicalFlow('ropc'), 'ropc');
	t.is(canonicalFlow('none'), undefined);
});

test('every sign-in stored from samples/ uses the canonical values, is_interactive agreeing with category', (t) => {
	const db = path.join(tempDir('aadlog-vocab-'), 's.db');
	const run = cli(['analyze', '--db', db, samplesDir], {timeout: 120_000});
	t.true(run.status === 0 || run.status === 1 || run.status === 2, run.stderr);
	const sql = new Database(db, {readonly: true});
	const rows = sql.prepare("select category, ca_status, flow, is_interactive from events where kind = 'signin'").all() as {
		category: string | null;
		ca_status: string | null;
		flow: string | null;
		is_interactive: number | null;
	}[];
	sql.close();
	t.true(rows.length > 50);
	const categories = new Set(['interactiveUser', 'nonInteractiveUser', 'servicePrincipal', 'managedIdentity', null]);
	for (const row of rows) {
		t.true(categories.has(row.category), `category ${row.category}`);
		t.true(['success', 'failure', 'notApplied', null].includes(row.ca_status), `ca_status ${row.ca_status}`);
		t.not(row.flow?.toLowerCase(), 'none');
		if (row.category === 'interactiveUser') t.is(row.is_interactive, 1);
		else if (row.category) t.is(row.is_interactive, 0, `${row.category} is not interactive`);
	}
});

test('upgrading a database stored with per-export spellings rewrites them to the canonical values', (t) => {
	const file = path.join(tempDir('aadlog-vocab-'), 'old.db');
	const old = databaseAtVersion(file, 13); // the schema before the one vocabulary
	const insert = old.prepare(
		"INSERT INTO events (record_key, run_id, source_id, line, time, kind, outcome, category, ca_status, flow, is_interactive) VALUES (?, 1, 1, ?, '2026-11-01T00:00:00Z', 'signin', 'failure', ?, ?, ?, ?)",
	);
	insert.run(1, 1, 'SignInLogs', 'Not Applied', 'none', null);
	insert.run(2, 2, 'NonInteractiveUserSignInLogs', 'Failure', 'oAuth2', 1);
	insert.run(3, 3, 'ServicePrincipalSignInLogs', 'notApplied', 'Device Code', null);
	old.close();
	const db = openDatabase(file);
	const rows = db.prepare('SELECT category, ca_status, flow, is_interactive FROM events ORDER BY id').all();
	db.close();
	t.deepEqual(rows, [
		{category: 'interactiveUser', ca_status: 'notApplied', flow: null, is_interactive: 1},
		{category: 'nonInteractiveUser', ca_status: 'failure', flow: 'oAuth2', is_interactive: 0},
		{category: 'servicePrincipal', ca_status: 'notApplied', flow: 'deviceCode', is_interactive: 0},
	]);
});

test("device join types: every export's spelling is stored as Microsoft Entra's name", (t) => {
	t.is(canonicalJoinType('Azure AD joined'), 'Microsoft Entra joined');
	t.is(canonicalJoinType('AzureAd'), 'Microsoft Entra joined');
	t.is(canonicalJoinType('Hybrid Azure AD joined'), 'Microsoft Entra hybrid joined');
	t.is(canonicalJoinType('Microsoft Entra hybrid joined'), 'Microsoft Entra hybrid joined');
	t.is(canonicalJoinType('Azure AD registered'), 'Microsoft Entra registered');
	t.is(canonicalJoinType('Workplace'), 'Microsoft Entra registered');
	t.is(canonicalJoinType(' '), undefined);
	t.is(canonicalJoinType('Something new'), 'Something new');
	const graph = extractRecord({
		type: 'json',
		value: {id: 'j', createdDateTime: time, userPrincipalName: upn, status: {errorCode: 53000}, deviceDetail: {trustType: 'Hybrid Azure AD joined'}},
		raw: '',
		source: {file: 't', line: 1},
	});
	const portal = extractRecord({
		type: 'json',
		value: {'Date (UTC)': time, 'Request ID': 'j', 'Sign-in error code': '53000', Status: 'Failure', 'Join Type': 'Microsoft Entra hybrid joined'},
		raw: '',
		source: {file: 'InteractiveSignIns_2026-11-01_2026-11-02.csv', line: 1},
	});
	t.true(graph.ok && portal.ok);
	if (graph.ok && portal.ok) {
		t.is(graph.event.signin?.deviceTrustType, 'Microsoft Entra hybrid joined');
		t.is(portal.event.signin?.deviceTrustType, 'Microsoft Entra hybrid joined');
	}
});

test("upgrading a database rewrites stored device join types to Microsoft Entra's names", (t) => {
	const file = path.join(tempDir('aadlog-vocab-'), 'join.db');
	const old = databaseAtVersion(file, migrations.indexOf(deviceJoinType[0])); // the schema before device join types had one spelling
	const insert = old.prepare(
		"INSERT INTO events (record_key, run_id, source_id, line, time, kind, outcome, device_trust_type) VALUES (?, 1, 1, ?, '2026-11-01T00:00:00Z', 'signin', 'failure', ?)",
	);
	for (const [i, value] of [
		'Azure AD joined',
		'Hybrid Azure AD joined',
		'Azure AD registered',
		'Workplace',
		'Microsoft Entra joined',
		'Other',
		null,
	].entries())
		insert.run(i + 1, i + 1, value);
	old.close();
	const db = openDatabase(file);
	const types = db.prepare('SELECT device_trust_type FROM events ORDER BY id').pluck().all();
	db.close();
	t.deepEqual(types, [
		'Microsoft Entra joined',
		'Microsoft Entra hybrid joined',
		'Microsoft Entra registered',
		'Microsoft Entra registered',
		'Microsoft Entra joined',
		'Other',
		null,
	]);
});
