/**
 * `aadlog rules export --kql`: the shipped rules compiled to KQL for each sign-in table,
 * judged offline by Microsoft's Kusto language service (zero diagnostics, and a broken
 * query that it does flag), compared with reviewed golden files, and checked for what the
 * export must say about the rules that did not travel.
 */

import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {loadKnowledge} from '../src/classify/knowledge.js';
import {rulesCommand} from '../src/cli/rules-command.js';
import {exportKql} from '../src/rules-compiler/export-rules.js';
import {toRe2} from '../src/rules-compiler/kql-regex.js';
import {interruptCodes} from '../src/rules-compiler/kql-target.js';
import {kustoColumns, kustoTableNames} from '../src/rules-compiler/kusto-tables.js';
import {analyzeKql} from './fixtures/kusto-analyzer.js';
import {projectRoot, tempDir} from './helpers.js';

const knowledge = loadKnowledge();
const goldenDir = path.join(projectRoot, 'test', 'golden', 'kql');

for (const table of kustoTableNames) {
	test(`the query for ${table} passes the Kusto analyzer with no diagnostics`, (t) => {
		const {text} = exportKql(knowledge, {table});
		const analysis = analyzeKql(text);
		t.is(analysis.kind, 'Query');
		t.deepEqual(analysis.diagnostics, []);
	});

	test(`the ADX function for ${table} (--since 1d --function) passes the Kusto analyzer`, (t) => {
		const {text} = exportKql(knowledge, {table, since: '1d', functionName: 'AadlogSigninCauses'});
		t.true(text.includes('.create-or-alter function with (folder = "aadlog"'));
		t.true(text.includes('| where TimeGenerated > ago(1d)'));
		const analysis = analyzeKql(text);
		t.is(analysis.kind, 'Command');
		t.deepEqual(analysis.diagnostics, []);
	});

	// The reviewed KQL of the shipped rules. UPDATE_GOLDEN=1 rewrites them: read the diff before committing.
	test(`golden KQL: ${table}`, (t) => {
		const {text} = exportKql(knowledge, {table});
		const golden = path.join(goldenDir, `${table}.kql`);
		if (process.env.UPDATE_GOLDEN === '1') {
			mkdirSync(goldenDir, {recursive: true});
			writeFileSync(golden, text);
			t.log(`wrote ${path.relative(projectRoot, golden)}`);
		}
		t.true(existsSync(golden), 'no golden file: run UPDATE_GOLDEN=1 npx ava test/kql-export.test.ts');
		t.is(text, readFileSync(golden, 'utf8'));
	});
}

test('the analyzer is a real check: it reports a misspelt column, a column the table lacks, and a syntax error', (t) => {
	const {text} = exportKql(knowledge, {table: 'SigninLogs'});
	t.not(analyzeKql(text.replace('| where ResultType != "0"', '| where ResultTyp != "0"')).diagnostics, []);
	// The SigninLogs query reads columns (UserPrincipalName, DeviceDetail, ClientAppUsed) the service principal table does not have.
	t.true(kustoColumns('SigninLogs').has('UserPrincipalName'));
	t.false(kustoColumns('AADServicePrincipalSignInLogs').has('UserPrincipalName'));
	const onOtherTable = analyzeKql(text.replace('let classified = SigninLogs', 'let classified = AADServicePrincipalSignInLogs'));
	t.true(
		onOtherTable.diagnostics.some((d) => d.includes('UserPrincipalName')),
		onOtherTable.diagnostics.join('\n'),
	);
	t.not(analyzeKql(text.replace('| summarize failures = count()', '| summarize failures = count(')).diagnostics, []);
	t.not(analyzeKql('SigninLogs | extend c = case(ResultType == "1", "a")').diagnostics, []);
});

test('one case() ranks causes as the engine does: evidence, then confidence, then id', (t) => {
	const {text} = exportKql(knowledge, {table: 'SigninLogs'});
	const arms = [...text.matchAll(/^ {8}.*, "([a-z0-9.-]+)", \/\/ ([0-9.]+), evidence (\d+)$/gm)].map((m) => ({
		id: m[1],
		confidence: Number(m[2]),
		evidence: Number(m[3]),
	}));
	t.true(arms.length > 40);
	for (let i = 1; i < arms.length; i++) {
		const [a, b] = [arms[i - 1], arms[i]];
		t.true(a.evidence > b.evidence || (a.evidence === b.evidence && a.confidence >= b.confidence), `${a.id} before ${b.id}`);
	}
	// The three-key device-not-identified outranks every rule that needs fewer keys, whatever its confidence.
	t.is(arms[0].id, 'device-not-identified');
	// A code plus what the sign-in said (0.75) comes before the same code alone (0.20): the specific AADSTS50000 cause wins.
	const at = (id: string): number => arms.findIndex((a) => a.id === id);
	t.true(at('token-issuance-password-out-of-sync') < at('token-issuance-error'));
	t.true(at('token-issuance-password-out-of-sync') < at('password-expired'), 'two keys beat a higher-confidence code-only rule');
	// conditional-access-block shares its codes with legacy-auth-blocked: the more specific arm is first.
	t.true(at('legacy-auth-blocked') < at('conditional-access-block'));
	t.true(text.includes('    "unclassified");'));
});

test("failures only: the catalog's interrupt codes are left out before classifying, and interrupt-only rules are listed", (t) => {
	const {text, compiled} = exportKql(knowledge, {table: 'SigninLogs'});
	const codes = interruptCodes(knowledge.catalog);
	t.true(codes.includes(50076) && codes.includes(16000));
	t.true(text.includes(`| where ResultType !in (${codes.map((c) => `"${c}"`).join(', ')})`));
	const status = (id: string) => compiled.verdicts.find((v) => v.rule.id === id)?.status;
	t.is(status('mfa-required'), 'never');
	t.is(status('expected-interrupt'), 'never');
	t.false(text.includes('"mfa-required"'));
	t.regex(text, /interrupts only \(expected steps, not failures\): expected-interrupt, .*mfa-required/);
});

test('nothing is dropped silently: every rule is in the query or named in its header with the reason', (t) => {
	for (const table of kustoTableNames) {
		const {text, compiled} = exportKql(knowledge, {table});
		t.is(compiled.verdicts.length, knowledge.rules.length);
		const header = text
			.split('\n')
			.filter((line) => line.startsWith('//'))
			.join('\n');
		for (const v of compiled.verdicts) {
			if (v.status === 'portable') t.true(text.includes(`"${v.rule.id}", //`), `${table}: ${v.rule.id} in the case()`);
			else t.true(header.includes(v.rule.id), `${table}: ${v.rule.id} named in the header`);
		}
	}
	const {compiled} = exportKql(knowledge, {table: 'SigninLogs'});
	const obo = compiled.verdicts.find((v) => v.rule.id === 'token-issuance-obo-invalid-request')!;
	t.is(obo.status, 'partial');
	t.true(obo.reasons.some((r) => r.kind === 'list-field' && r.text.includes('signin.processingDetails')));
	const api = compiled.verdicts.find((v) => v.rule.id === 'graph-token-sent-to-api')!;
	t.is(api.status, 'never');
	t.true(api.reasons.every((r) => r.kind === 'app-evidence'));
});

test('JSON in string columns: the non-interactive table parses Status and DeviceDetail first, SigninLogs reads them as they are', (t) => {
	const nonInteractive = exportKql(knowledge, {table: 'AADNonInteractiveUserSignInLogs'}).text;
	t.true(nonInteractive.includes('| extend DeviceDetail = todynamic(DeviceDetail), Status = todynamic(Status)'));
	t.true(nonInteractive.includes('DeviceId = tostring(DeviceDetail.deviceId)'));
	const interactive = exportKql(knowledge, {table: 'SigninLogs'}).text;
	t.false(interactive.includes('todynamic('));
	t.true(interactive.includes('FailureReason = coalesce(tostring(Status.failureReason), ResultDescription)'));
});

test('tables without a column decide its tests exactly: a service principal sign-in has no device, no client app', (t) => {
	const {text, compiled} = exportKql(knowledge, {table: 'AADServicePrincipalSignInLogs'});
	const device = compiled.verdicts.find((v) => v.rule.id === 'device-not-identified')!;
	t.is(device.status, 'never');
	t.true(device.reasons.some((r) => r.kind === 'missing-in-table' && r.text.includes('DeviceDetail')));
	t.false(text.includes('DeviceDetail'));
	t.true(text.includes('service_principals = dcount(ServicePrincipalId)'));
	t.true(text.includes('by cause, app = ServicePrincipalName'));
	// failureReason falls back to ResultDescription, as aadlog's extractor does without a Status column.
	t.true(text.includes('ResultType == "50000" and ResultDescription contains "symmetric"'));
});

test('case-insensitive as the engine: =~, in~, contains, startswith and (?i) regexes, values as the rule wrote them', (t) => {
	const {text} = exportKql(knowledge, {table: 'SigninLogs'});
	t.true(text.includes('ClientAppUsed in~ ("Exchange ActiveSync", "IMAP4"'));
	t.true(text.includes('AuthenticationProtocol startswith "device"')); // signin.flow|re: ^device, plain text
	t.true(text.includes('AdditionalDetails matches regex @"(?i)on[-_ ]?behalf[-_ ]?of|\\bOBO\\b|jwt-bearer|requested_token_use"'));
	t.true(text.includes('not(AdditionalDetails matches regex @"(?i)password[^.]*(expired|out of sync)")'));
});

test('JavaScript regexes become RE2 with the same meaning, or are refused', (t) => {
	t.deepEqual(toRe2('a.b'), {ok: true, pattern: String.raw`(?i)a[^\n\r\x{2028}\x{2029}]b`});
	t.deepEqual(toRe2('[^.]*x'), {ok: true, pattern: '(?i)[^.]*x'});
	t.deepEqual(toRe2(String.raw`\u00e9\d+`), {ok: true, pattern: String.raw`(?i)\x{00e9}\d+`});
	t.deepEqual(toRe2('(?<code>\\d+)'), {ok: true, pattern: String.raw`(?i)(?P<code>\d+)`});
	t.true(toRe2(String.raw`a\sb`).ok && (toRe2(String.raw`a\sb`) as {pattern: string}).pattern.includes(String.raw`\x{A0}`));
	t.false(toRe2('a(?=b)').ok);
	t.false(toRe2(String.raw`(a)\1`).ok);
	t.false(toRe2(String.raw`\p{Lu}`).ok);
	t.false(toRe2('[]').ok);
});

test.serial('aadlog rules export --kql prints the query; usage errors are usage errors', async (t) => {
	const written: string[] = [];
	const write = process.stdout.write;
	const writeErr = process.stderr.write;
	process.stdout.write = ((chunk: string) => written.push(chunk) > 0) as typeof process.stdout.write;
	process.stderr.write = (() => true) as typeof process.stderr.write;
	try {
		t.is(await rulesCommand(['export', '--kql', '--table', 'AADManagedIdentitySignInLogs', '--since', '24h', '--function', 'AadlogMiCauses']), 0);
	} finally {
		process.stdout.write = write;
		process.stderr.write = writeErr;
	}
	const text = written.join('');
	t.true(text.includes('AadlogMiCauses() {'));
	t.deepEqual(analyzeKql(text).diagnostics, []);
	await t.throwsAsync(rulesCommand(['export']), {message: /--kql or --sql/});
	await t.throwsAsync(rulesCommand(['export', '--kql', '--table', 'SignInLogz']), {message: /--table must be one of/});
	await t.throwsAsync(rulesCommand(['export', '--kql', '--since', '1 day']), {message: /--since takes a KQL timespan/});
	await t.throwsAsync(rulesCommand(['export', '--kql', '--function', 'drop table']), {message: /--function takes a KQL name/});
	await t.throwsAsync(rulesCommand(['export', '--sql', '--table', 'SigninLogs']), {message: /--table applies to --kql only/});
});

test('canonical values meet the table spelling: a rule on signin.category or the device join type matches Log Analytics rows', (t) => {
	const dir = tempDir();
	writeFileSync(
		path.join(dir, 'hybrid-noninteractive.yaml'),
		[
			'id: test-hybrid-noninteractive',
			'title: A hybrid joined device failing non-interactively',
			'level: medium',
			'confidence: 0.9',
			'who: admin',
			'fix: Check the device.',
			'match:',
			'  codes.aadsts: 53000',
			'  signin.category: nonInteractiveUser',
			'  signin.deviceTrustType: Microsoft Entra hybrid joined',
			'',
		].join('\n'),
	);
	const {text} = exportKql(loadKnowledge([dir]), {table: 'AADNonInteractiveUserSignInLogs'});
	t.deepEqual(analyzeKql(text).diagnostics, []);
	// Log Analytics writes NonInteractiveUserSignInLogs and "Hybrid Azure AD joined": both read as aadlog stores them.
	t.regex(text, /SignInCategory = case\(.*Category in~ \("noninteractiveusersigninlogs"[^)]*\), "nonInteractiveUser"/);
	t.regex(text, /DeviceTrustType = case\(.*tostring\(DeviceDetail\.trustType\) in~ \("hybrid azure ad joined"[^)]*\), "Microsoft Entra hybrid joined"/);
	t.regex(text, /SignInCategory =~ "nonInteractiveUser"/);
	t.regex(text, /DeviceTrustType =~ "Microsoft Entra hybrid joined"/);
});
