/**
 * Log fields are attacker-controlled text: whatever they hold, no terminal control
 * sequence and no bearer token reaches the terminal through a human output, and the JSON
 * outputs carry the same values losslessly, escaped.
 */

import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import Database from 'better-sqlite3';
import {paint, setColors} from '../src/cli/colors.js';
import {neutralizeControls} from '../src/cli/control-chars.js';
import {humanText} from '../src/cli/output.js';
import {cli, samplesDir, tempDir} from './helpers.js';
import {hs256} from './token-fixtures.js';

const osc = '\x1b]0;pwned\x07';
const clear = '\x1b[2J';
const c1Csi = '\u009b31m';
const bidi = '\u202e';
const hostile = `${osc}x${clear}y${c1Csi}z${bidi}w`;
/** Control characters a terminal acts on: C0 but \n and \t, DEL, C1, bidi overrides and isolates. */
const terminalControl = /[\x00-\x08\x0b-\x1f\x7f\u0080-\u009f\u202a-\u202e\u2066-\u2069]/u;
const correlationId = '4e1d2c3b-5a69-4788-9a0b-c1d2e3f4a5b6';

function signin(): string {
	return JSON.stringify({
		id: '7b1f6a2e-3c4d-4e5f-9a0b-1c2d3e4f5a61',
		createdDateTime: '2026-11-21T09:14:07.402Z',
		userPrincipalName: `mallory${hostile}@contoso.com`,
		userDisplayName: `Mallory ${hostile}`,
		appId: 'a1e5c7d2-3f48-4b6a-9c0d-2e1f3a4b5c6d',
		appDisplayName: `Expenses ${hostile}`,
		correlationId,
		status: {errorCode: 50126, failureReason: `Invalid username or password ${hostile}`, additionalDetails: hostile},
	});
}

function appLog(): string {
	return `2026-11-21T09:14:08.311Z fail: Contoso.Expenses[0]\n      AADSTS50126: ${hostile} Trace ID: 7b1f6a2e-3c4d-4e5f-9a0b-1c2d3e4f5a61 Correlation ID: ${correlationId}\n`;
}

/** A database analyzed from hostile inputs, one of them rejected, under a file name that is hostile too. */
function hostileDatabase(): {db: string; analyze: ReturnType<typeof cli>} {
	const dir = tempDir();
	writeFileSync(path.join(dir, 'signins.jsonl'), `${signin()}\n`);
	writeFileSync(path.join(dir, 'app.log'), appLog());
	writeFileSync(path.join(dir, `broken${clear}.jsonl`), `{"id": "${hostile}", "createdDateTime": \n`);
	const db = path.join(dir, 'hostile.db');
	const analyze = cli(['analyze', '--db', db, path.join(dir, 'signins.jsonl'), path.join(dir, 'app.log'), path.join(dir, `broken${clear}.jsonl`)]);
	return {db, analyze};
}

function assertNoControl(t: import('ava').ExecutionContext, label: string, result: ReturnType<typeof cli>): void {
	t.falsy(terminalControl.exec(result.stdout), `${label}: stdout holds ${JSON.stringify(terminalControl.exec(result.stdout)?.[0])}`);
	t.falsy(terminalControl.exec(result.stderr), `${label}: stderr holds ${JSON.stringify(terminalControl.exec(result.stderr)?.[0])}`);
}

test('no terminal control sequence from a log field reaches stdout or stderr of analyze, query, trace, report', (t) => {
	const {db, analyze} = hostileDatabase();
	t.is(analyze.status, 2, analyze.stderr);
	assertNoControl(t, 'analyze', analyze);
	const query = cli(['query', '--db', db, 'select user_principal_name, app_name, failure_reason, message from events']);
	t.is(query.status, 0, query.stderr);
	t.true(query.stdout.includes('pwned'), 'the value is shown, neutralized, not dropped');
	assertNoControl(t, 'query', query);
	const rejects = cli(['query', '--db', db, 'select * from rejects']);
	assertNoControl(t, 'query rejects', rejects);
	const trace = cli(['trace', '--db', db, correlationId]);
	t.is(trace.status, 0, trace.stderr);
	t.true(trace.stdout.includes('pwned'));
	assertNoControl(t, 'trace', trace);
	const report = cli(['report', '--db', db, '--format', 'text', '--names']);
	t.is(report.status, 0, report.stderr);
	assertNoControl(t, 'report text', report);
	const markdown = cli(['report', '--db', db, '--format', 'md', '--names']);
	assertNoControl(t, 'report md', markdown);
});

test('an error message quoting a hostile argument is neutralized too', (t) => {
	const result = cli(['query', '--db', path.join(tempDir(), `missing${osc}.db`), 'select 1']);
	t.not(result.status, 0);
	t.true(result.stderr.includes('pwned'), result.stderr);
	assertNoControl(t, 'error line', result);
});

test('JSON outputs escape every control character and keep the value whole', (t) => {
	const {db} = hostileDatabase();
	const outputs = {
		'query --json': cli(['query', '--json', '--db', db, "select failure_reason from events where kind = 'signin'"]),
		'query --jsonl': cli(['query', '--jsonl', '--db', db, "select failure_reason from events where kind = 'signin'"]),
		'trace --json': cli(['trace', '--json', '--db', db, correlationId]),
		'report json': cli(['report', '--format', 'json', '--names', '--db', db]),
	};
	for (const [label, result] of Object.entries(outputs)) {
		t.is(result.status, 0, `${label}: ${result.stderr}`);
		assertNoControl(t, label, result);
		t.true(
			result.stdout.includes(
				JSON.stringify(hostile)
					.slice(1, -1)
					.replace(/[\u0080-\u009f\u202a-\u202e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
			),
			`${label} keeps the value, escaped`,
		);
	}
	const rows = JSON.parse(outputs['query --json'].stdout) as Array<{failure_reason: string}>;
	t.true(rows[0].failure_reason.endsWith(hostile), 'parsed back, the value is the original text');
});

test('every query output passes the redactor: a token in a value is never printed', async (t) => {
	const token = await hs256({aud: 'api://expenses', tid: 'contoso'});
	const {db} = hostileDatabase();
	for (const format of [[], ['--csv'], ['--json'], ['--jsonl']]) {
		const result = cli(['query', ...format, '--db', db, `select 'Bearer ${token}' as header`]);
		t.is(result.status, 0, result.stderr);
		t.false(result.stdout.includes(token.split('.')[1]), `query ${format.join(' ') || 'table'} printed the token`);
		t.true(result.stdout.includes('<jwt:'), `query ${format.join(' ') || 'table'}: ${result.stdout}`);
	}
});

test('query --csv neutralizes formula cells; numbers stay numbers', (t) => {
	const {db} = hostileDatabase();
	const result = cli([
		'query',
		'--csv',
		'--db',
		db,
		"select '=HYPERLINK(\"http://x\")' as a, '+1+1' as b, '-2+3' as c, '@SUM(A1)' as d, char(9) || 'tab' as e, char(13) || 'cr' as f, -3 as g, '-3' as h, 'plain' as i, 2.5 as j",
	]);
	t.is(result.status, 0, result.stderr);
	const [, row] = result.stdout.split('\r\n');
	t.is(row, `"'=HYPERLINK(""http://x"")",'+1+1,'-2+3,'@SUM(A1),'\ttab,'\\x0dcr,-3,-3,plain,2.5`);
});

test("with colors on, only aadlog's own color sequences are printed; a log field's are shown as text", (t) => {
	setColors(true);
	try {
		const shown = humanText(`${paint.red(paint.bold('failure'))} ${paint.dim(`reason: ${hostile}`)}`);
		const sequences = shown.match(/\x1b\[[0-9;]*m/g) ?? [];
		t.deepEqual(sequences, ['\x1b[31m', '\x1b[1m', '\x1b[22m', '\x1b[39m', '\x1b[2m', '\x1b[22m']);
		t.falsy(terminalControl.exec(shown.replace(/\x1b\[[0-9;]*m/g, '')));
		t.true(shown.includes('\\x1b]0;pwned\\x07'), shown);
	} finally {
		setColors(false);
	}
	t.is(humanText(paint.red('plain')), 'plain');
});

test('line breaks and tabs are kept; a carriage return only as part of \\r\\n', (t) => {
	t.is(neutralizeControls('a\tb\nc\r\nd\re\x00\x7f'), 'a\tb\nc\r\nd\\x0de\\x00\\x7f');
	t.is(neutralizeControls('plain ✓ text — ok'), 'plain ✓ text — ok');
});

test('the HTML report shows control characters as escapes', (t) => {
	const {db} = hostileDatabase();
	const out = path.join(tempDir(), 'report.html');
	const result = cli(['report', '--db', db, '--format', 'html', '--names', '--out', out]);
	t.is(result.status, 0, result.stderr);
	const page = readFileSync(out, 'utf8');
	t.falsy(terminalControl.exec(page), `the page holds ${JSON.stringify(terminalControl.exec(page)?.[0])}`);
	t.true(page.includes('pwned'));
});

test('a table of 200,000 rows is printed', (t) => {
	const {db} = hostileDatabase();
	const result = cli([
		'query',
		'--db',
		db,
		"with recursive n(i) as (select 1 union all select i + 1 from n where i < 200000) select i, 'row ' || i as t from n",
	]);
	t.is(result.status, 0, result.stderr);
	t.true(result.stdout.endsWith('(200000 rows)\n'));
});

test('an exported query is printed as generated: rule text is not redacted', (t) => {
	const rules = tempDir();
	writeFileSync(
		path.join(rules, 'assertion.yaml'),
		`id: obo-assertion-wrong
title: the OBO assertion is not the incoming token
level: low
confidence: 0.5
who: developer
fix: send assertion = the access token the API received, and client_secret = its own secret
match:
  - {codes.aadsts: 50000, signin.failureReason|contains: assertion}
`,
	);
	for (const format of [[], ['--json']]) {
		const result = cli(['rules', 'export', '--kql', ...format, '--rules', rules]);
		t.is(result.status, 0, result.stderr);
		t.true(result.stdout.includes('send assertion = the access token the API received, and client_secret = its own secret'), `export ${format.join(' ')}`);
	}
});

test('aadlog token shows a hostile claim neutralized, as text and as JSON', async (t) => {
	const token = await hs256({aud: 'api://expenses', name: hostile});
	const text = cli(['token', '-'], {input: token});
	t.true(text.stdout.includes('pwned'), text.stdout);
	assertNoControl(t, 'token', text);
	const json = cli(['token', '--json', '-'], {input: token});
	assertNoControl(t, 'token --json', json);
	t.is((JSON.parse(json.stdout) as Array<{claims: {name: string}}>)[0].claims.name, hostile);
});

test('query prints ids as stored: a uti is an id, not a folded token piece, in a table, CSV and JSON', (t) => {
	const db = path.join(tempDir(), 'u.db');
	t.true([0, 2].includes(cli(['analyze', '-q', '--db', db, samplesDir]).status ?? -1));
	const sql = 'select uti from events where uti is not null order by id limit 3';
	const reader = new Database(db, {readonly: true});
	const stored = reader.prepare(sql).pluck().all() as string[];
	reader.close();
	t.is(stored.length, 3);
	for (const format of ['--csv', '--json', '--jsonl', '--table']) {
		const out = cli(['query', '--db', db, ...(format === '--table' ? [] : [format]), sql]).stdout;
		t.notRegex(out, /<jwt:cut>/, format);
		// CSV shows a cell starting with - as '- (a spreadsheet would read it as a formula).
		for (const uti of stored) t.true(out.includes(format === '--csv' && uti.startsWith('-') ? `'${uti}` : uti), `${format}: ${uti}`);
	}
});
