/**
 * CSV exports: the real Log Analytics export in ../shared/corpus (LF and CRLF copies, read
 * in place, skipped with a message when absent), the Entra admin center download in samples/,
 * and the CSV reader's edge cases (quoted line breaks, BOM, CRLF, every chunk boundary,
 * broken rows). Expected counts are taken from the files by other means than aadlog: the
 * corpus rows are the physical lines that start with the workspace id, and their 7th cell
 * (before any quoted cell) is ResultType; the sample's counts are those of its design,
 * cross-checked with Python's csv module in samples/README.md.
 */

import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {normalizeTime} from '../src/extract/artifacts/time.js';
import type {AuthEvent} from '../src/extract/event.js';
import {extractRecord} from '../src/extract/extract-record.js';
import {columnNames, csvRecords} from '../src/read/csv-records.js';
import type {InputSpec} from '../src/read/inputs.js';
import {readInput} from '../src/read/read-input.js';
import type {InputFormat, InputRecord, JsonRecord, RejectRecord} from '../src/read/record.js';
import {sniffFormat} from '../src/read/sniff.js';
import {cli, samplesDir, sharedDir, tempDir} from './helpers.js';

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
	const out: T[] = [];
	for await (const item of source) out.push(item);
	return out;
}

async function* chunksOf(bytes: Buffer, ...cuts: number[]): AsyncGenerator<Buffer> {
	let at = 0;
	for (const cut of [...cuts, bytes.length]) {
		yield bytes.subarray(at, cut);
		at = cut;
	}
}

async function* fixedChunks(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
	for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

function chunkedInput(label: string, bytes: Buffer, size: number): InputSpec {
	return {label, open: () => fixedChunks(bytes, size)};
}

function fileInput(file: string): InputSpec {
	const bytes = readFileSync(file);
	return {label: file, open: () => fixedChunks(bytes, 64 * 1024)};
}

async function read(input: InputSpec, format?: InputFormat, maxRecordBytes = 1 << 20): Promise<{format?: InputFormat; records: InputRecord[]}> {
	let sniffed: InputFormat | undefined;
	const records = await collect(readInput(input, {format, limits: {maxRecordBytes}, onFormat: (f) => (sniffed = f)}));
	return {format: sniffed, records};
}

const rows = (records: InputRecord[]): JsonRecord[] => records.filter((r): r is JsonRecord => r.type === 'json');
const rejects = (records: InputRecord[]): RejectRecord[] => records.filter((r): r is RejectRecord => r.type === 'reject');
const cells = (records: InputRecord[]): unknown[] => rows(records).map((r) => r.value);

function eventOf(record: InputRecord): AuthEvent {
	if (record.type === 'reject') throw new Error(`reject: ${record.reason}`);
	const extracted = extractRecord(record);
	if (!extracted.ok) throw new Error(extracted.reason);
	return extracted.event;
}

function codeCounts(out: {codes: Array<{code: number; count: number}>}): Record<number, number> {
	return Object.fromEntries(out.codes.map(({code, count}) => [code, count]));
}

// --- the real Log Analytics export ---------------------------------------------------------

const corpus = path.join(sharedDir, 'corpus');
const laFiles = ['sentinel-training-lab.sign-in_adelete.csv', 'sentinel-training-lab.sign-in_adelete.crlf.csv'].map((f) => path.join(corpus, f));

/** Independent of aadlog: rows start with the workspace id; ResultType is the 7th cell, before any quoted one. */
function rowLinesOf(file: string): {lines: number[]; resultTypes: Record<string, number>} {
	const physical = readFileSync(file, 'utf8')
		.replace(/^\ufeff/, '')
		.split('\n');
	const lines: number[] = [];
	const resultTypes: Record<string, number> = {};
	physical.forEach((text, i) => {
		if (!text.startsWith('7c759f10-811c-4db8-ad6d-f07d8ae3f8ea,')) return;
		lines.push(i + 1);
		const resultType = text.split(',')[6];
		resultTypes[resultType] = (resultTypes[resultType] ?? 0) + 1;
	});
	return {lines, resultTypes};
}

if (!laFiles.every((file) => existsSync(file))) {
	test.skip('Log Analytics CSV corpus (../shared/corpus/sentinel-training-lab.*.csv is absent in this clone)', () => {});
} else {
	for (const file of laFiles) {
		const name = path.basename(file);

		test(`${name}: 56 rows, each at the physical line where it starts, ResultType as in the file`, async (t) => {
			const independent = rowLinesOf(file);
			t.is(independent.lines.length, 56);
			t.deepEqual(independent.resultTypes, {'0': 53, '16000': 2, '50058': 1});

			const {format, records} = await read(fileInput(file));
			t.is(format, 'csv');
			t.deepEqual(rejects(records), []);
			t.is(records.length, 56);
			t.deepEqual(
				records.map((r) => r.source.line),
				independent.lines,
			);

			const events = records.map(eventOf);
			t.true(events.every((e) => e.kind === 'signin'));
			t.is(events.filter((e) => e.outcome === 'success').length, 53);
			t.deepEqual(events.flatMap((e) => e.codes.aadsts).sort(), [16000, 16000, 50058]);
			t.true(
				events.every((e) => /^2021-04-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(e.time ?? '')),
				'every time is ISO 8601 UTC',
			);
			// The first row's CreatedDateTime [UTC] cell reads "4/28/2021, 2:08:45.221 PM".
			t.is(events[0].time, '2021-04-28T14:08:45.221Z');
			t.is(events[0].ids.requestId, 'cfb68155-70f5-4e28-b046-0a3a7086c401');
			t.is(events[0].who.upn, 'adelev@m365x816222.onmicrosoft.com');
			const silent = events.find((e) => e.codes.aadsts[0] === 50058);
			t.regex(silent?.signin?.failureReason ?? '', /^The application tried to perform a silent sign in/);
		});

		test(`${name}: aadlog analyze --json counts 56 records, 53 successes, 16000 ×2 and 50058 ×1, no rejects`, (t) => {
			const result = cli(['analyze', '--json', '--db', ':memory:', file]);
			t.is(result.status, 0, result.stderr);
			const out = JSON.parse(result.stdout);
			t.is(out.records, 56);
			t.is(out.rejected, 0);
			t.is(out.outcomes.success, 53);
			// Both codes are interrupts in the catalog (account picker, silent sign-in needs the user).
			t.is(out.outcomes.success + out.outcomes.failure + out.outcomes.interrupt, 56);
			t.deepEqual(codeCounts(out), {16000: 2, 50058: 1});
		});
	}

	test('the LF and CRLF copies read alike, in any chunking, and de-duplicate against each other', async (t) => {
		const [lf, crlf] = laFiles;
		const whole = await read(fileInput(lf));
		const crlfBytes = readFileSync(crlf);
		for (const size of [1, 7, 4093]) {
			const chunked = await read(chunkedInput(crlf, crlfBytes, size), 'csv');
			t.deepEqual(cells(chunked.records), cells(whole.records), `chunks of ${size}`);
			t.deepEqual(
				chunked.records.map((r) => r.source.line),
				whole.records.map((r) => r.source.line),
			);
		}
		const db = path.join(tempDir(), 'twice.db');
		const result = cli(['analyze', '--json', '--db', db, lf, crlf]);
		t.is(result.status, 0, result.stderr);
		t.deepEqual(JSON.parse(result.stdout).stored, {new: 56, duplicate: 56});
	});
}

test('Log Analytics columns split by a custom-log export (`Status_dynamic`, `..._string`) read as the column', (t) => {
	const value = {
		TimeGenerated: '4/28/2021, 2:08:45.221 PM',
		CorrelationId: 'c1',
		Status_dynamic: '{"errorCode":50126,"failureReason":"Invalid username or password."}',
		Status_string: '',
		ConditionalAccessPolicies_dynamic: '',
		ConditionalAccessPolicies_string: '[{"displayName":"Block legacy","result":"failure"}]',
	};
	const event = eventOf({type: 'json', value, raw: JSON.stringify(value), source: {file: 'la.csv', line: 2}});
	t.deepEqual([event.outcome, event.codes.aadsts], ['failure', [50126]]);
	t.is(event.signin?.failureReason, 'Invalid username or password.');
	t.deepEqual(event.signin?.caPolicies, [{name: 'Block legacy', result: 'failure'}]);
});

// --- the Entra admin center download --------------------------------------------------------

const portalSample = path.join(samplesDir, 'InteractiveSignIns_2026-11-01_2026-11-02.csv');

test('portal download sample: sniffed as CSV, header names trimmed and numbered', async (t) => {
	const {format, records} = await read(fileInput(portalSample));
	t.is(format, 'csv');
	t.deepEqual(rejects(records), []);
	t.is(records.length, 10);
	t.deepEqual(
		records.map((r) => r.source.line),
		[2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
	);
	const first = rows(records)[0].value as Record<string, string>;
	t.is(first['Date (UTC)'], '2026-11-01T07:58:12Z', 'the BOM is not part of the first column name');
	t.is(first['Application ID'], 'a1e5c7d2-3f48-4b6a-9c0d-2e1f3a4b5c6d');
	t.is(first['Resource ID'], '00000003-0000-0000-c000-000000000000');
	t.is(first['Autonomous system  number'], '64501');
	t.is(first['Incoming token type'], 'None');
	t.is(first['Incoming token type (2)'], 'None');
	t.is(Object.keys(first).length, 57);
	t.is(first['User agent'], 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0');
});

test('portal download sample: outcomes, codes, ids and fields of each row', async (t) => {
	const {records} = await read(fileInput(portalSample));
	const events = records.map(eventOf);
	t.deepEqual(
		events.map((e) => [e.outcome, e.codes.aadsts[0] ?? 0]),
		[
			['success', 0],
			['failure', 50126],
			['interrupt', 50076],
			['success', 0],
			['failure', 53003],
			['failure', 700016],
			['success', 0],
			['failure', 50126],
			['interrupt', 50140],
			['success', 0],
		],
	);
	const text = readFileSync(portalSample, 'utf8');
	for (const e of events) {
		t.true(text.includes(`,${e.ids.requestId},`), 'the request id is the Request ID cell');
		t.is(e.signin?.category, 'interactiveUser');
		t.true(e.signin?.isInteractive);
		t.regex(e.time ?? '', /^2026-11-0[12]T\d\d:\d\d:\d\d\.000Z$/);
	}
	// The MFA interrupt and the success after it share a correlation id.
	t.is(events[2].ids.correlationId, events[3].ids.correlationId);
	t.not(events[1].ids.correlationId, events[2].ids.correlationId);

	const blocked = events[4];
	t.is(blocked.who.upn, 'diego.siciliani_fabrikam.com#EXT#@contoso.onmicrosoft.com');
	t.is(blocked.who.userId, '718293a4-b5c6-4d7e-a8f0-912233445567');
	t.is(blocked.who.tenantId, 'd4e5f6a7-b8c9-4d0e-a1f2-3b4c5d6e7f80', 'a guest: the home tenant, not the resource tenant');
	t.is(blocked.who.ip, '192.0.2.88');
	t.is(blocked.app.name, 'Office 365 SharePoint Online');
	t.is(blocked.resource.id, '00000003-0000-0ff1-ce00-000000000000');
	t.is(blocked.signin?.caStatus, 'failure');
	t.is(blocked.signin?.clientApp, 'Browser');
	t.regex(blocked.signin?.failureReason ?? '', /^Access has been blocked by Conditional Access policies\./);

	const unknownApp = events[5];
	t.is(unknownApp.app.id, 'f6dab2c7-8e9d-4abf-8b5c-7d6e8f9a0b12');
	t.is(unknownApp.app.name, undefined, 'an empty Application cell is no name');
	t.is(unknownApp.resource.name, 'Microsoft Graph');

	// Doubled quotes in a quoted cell.
	t.is(events[8].signin?.failureReason, 'This error occurred due to "Keep me signed in" interrupt when the user was signing in.');
	// The first `Incoming token type` is empty on this row; the second one is read.
	t.is(events[6].signin?.incomingTokenType, 'primaryRefreshToken');
	t.is(events[6].signin?.clientApp, 'Mobile Apps and Desktop clients');
	t.is(events[0].who.tenantId, '6c1d5f2e-8a4b-4c39-9e7d-1f2a3b4c5d6e');
	t.is(events[0].resource.name, 'Microsoft Graph');
});

test('portal download sample through the CLI: totals and causes', (t) => {
	const result = cli(['analyze', '--json', '--db', ':memory:', portalSample]);
	t.is(result.status, 0, result.stderr);
	const out = JSON.parse(result.stdout);
	t.is(out.records, 10);
	t.deepEqual(out.outcomes, {success: 4, failure: 4, interrupt: 2, unknown: 0});
	t.deepEqual(codeCounts(out), {50126: 2, 50076: 1, 53003: 1, 700016: 1, 50140: 1});
	t.deepEqual(out.distinct, {correlationIds: 8, users: 7, apps: 7});
	const causes = (out.causes as Array<{cause: string}>).map((c) => c.cause);
	t.false(causes.includes('unclassified'));
	t.true(causes.includes('wrong-credentials') && causes.includes('conditional-access-block'));
});

// --- the reader's edge cases ------------------------------------------------------------------

const bom = '\ufeff';
const laHeader = 'TimeGenerated [UTC],ResultType,CorrelationId,Status';
/** RFC 4180 quoting: the cell in quotes, its quotes doubled. */
const quoted = (cell: string): string => `"${cell.replaceAll('"', '""')}"`;
// JSON with CRLF line breaks, a comma and escaped quotes, as a Log Analytics CSV export writes a dynamic column.
const statusJson = '{\r\n  "errorCode": 50126,\r\n  "failureReason": "Invalid, \\"password\\""\r\n}';
const tricky = Buffer.from(
	bom +
		`${laHeader}\r\n` +
		`"4/28/2021, 2:08:45.221 PM",0,c1,${quoted('{"errorCode":0}')}\r\n` +
		`"4/28/2021, 2:09:00.000 PM",50126,c2,${quoted(statusJson)}\r\n` +
		`\r\n` +
		`"4/28/2021, 2:10:00.000 PM",53003,"c3",${quoted('{"errorCode":53003}')}\r\n`,
);
const trickyValues = [
	{TimeGenerated: '4/28/2021, 2:08:45.221 PM', ResultType: '0', CorrelationId: 'c1', Status: '{"errorCode":0}'},
	{TimeGenerated: '4/28/2021, 2:09:00.000 PM', ResultType: '50126', CorrelationId: 'c2', Status: statusJson.replaceAll('\r\n', '\n')},
	{TimeGenerated: '4/28/2021, 2:10:00.000 PM', ResultType: '53003', CorrelationId: 'c3', Status: '{"errorCode":53003}'},
];

test('quoted cells with commas, doubled quotes and CRLF line breaks; BOM; a blank line skipped', async (t) => {
	const records = await collect(csvRecords(chunksOf(tricky), 'mem', 1 << 20));
	t.deepEqual(cells(records), trickyValues);
	t.deepEqual(
		records.map((r) => r.source.line),
		[2, 3, 8],
	);
	const events = records.map(eventOf);
	t.deepEqual(
		events.map((e) => e.time),
		['2021-04-28T14:08:45.221Z', '2021-04-28T14:09:00.000Z', '2021-04-28T14:10:00.000Z'],
	);
	t.deepEqual(
		events.map((e) => e.codes.aadsts),
		[[], [50126], [53003]],
	);
	t.is(events[1].signin?.failureReason, 'Invalid, "password"', 'the JSON in the cell is decoded');
});

test('a row split at every byte boundary, and fed byte by byte, reads the same', async (t) => {
	for (let cut = 0; cut <= tricky.length; cut++) {
		const records = await collect(csvRecords(chunksOf(tricky, cut), 'mem', 1 << 20));
		t.deepEqual(cells(records), trickyValues, `cut at ${cut}`);
		t.deepEqual(
			records.map((r) => r.source.line),
			[2, 3, 8],
			`cut at ${cut}`,
		);
	}
	const byteByByte = await read(chunkedInput('mem', tricky, 1), 'csv');
	t.deepEqual(cells(byteByByte.records), trickyValues);
	const sniffed = await read(chunkedInput('mem', tricky, 1));
	t.is(sniffed.format, 'csv');
	t.deepEqual(cells(sniffed.records), trickyValues);
});

test('a row with the wrong number of cells is rejected with its line; the rows after it are read', async (t) => {
	const text = `${laHeader}\n1/1/2026 1:00:00 AM,0,c1,{}\n1/1/2026 1:00:01 AM,0,"c\n2",{},extra\n1/1/2026 1:00:02 AM,50126,c3,{}\n`;
	const records = await collect(csvRecords(chunksOf(Buffer.from(text), 5, 40), 'mem', 1 << 20));
	t.deepEqual(
		records.map((r) => [r.type, r.source.line]),
		[
			['json', 2],
			['reject', 3],
			['json', 5],
		],
	);
	const reject = rejects(records)[0];
	t.is(reject.reason, 'CSV row has 5 cells where the header has 4');
	t.true(reject.excerpt.startsWith('1/1/2026 1:00:01 AM,0,"c'));
	t.is(reject.source.file, 'mem');
});

test('an unclosed quote is rejected with the line of its row; the rows before it are read', async (t) => {
	const text = `${laHeader}\r\n1/1/2026 1:00:00 AM,0,c1,{}\r\n1/1/2026 1:00:01 AM,50126,c2,{}\r\n1/1/2026 1:00:02 AM,0,"c3,{}\r\n1/1/2026 1:00:03 AM,0,c4,{}\r\n`;
	const {records} = await read(chunkedInput('cut.csv', Buffer.from(text), 3));
	t.deepEqual(
		records.map((r) => [r.type, r.source.line]),
		[
			['json', 2],
			['json', 3],
			['reject', 4],
		],
	);
	const reject = rejects(records)[0];
	t.regex(reject.reason, /quoted cell that is never closed/);
	t.is(reject.source.file, 'cut.csv');
	t.true(reject.excerpt.startsWith('1/1/2026 1:00:02 AM,0,"c3'));

	const file = path.join(tempDir(), 'cut.csv');
	writeFileSync(file, text);
	const result = cli(['analyze', '--json', '--db', ':memory:', file]);
	t.is(result.status, 2);
	t.true(result.stderr.includes(`${file}:4: CSV row has a quoted cell that is never closed`), result.stderr);
	const out = JSON.parse(result.stdout);
	t.deepEqual([out.records, out.rejected, out.outcomes.success, out.outcomes.failure], [3, 1, 1, 1]);
});

test('memory stays bounded: a long row is rejected and reading goes on; a quote open past the limit ends the input', async (t) => {
	const long = 'x'.repeat(300);
	const text = `${laHeader}\n1/1/2026 1:00:00 AM,0,c1,{}\n1/1/2026 1:00:01 AM,0,"${long}",{}\n1/1/2026 1:00:02 AM,50126,c3,{}\n`;
	const records = await collect(csvRecords(chunksOf(Buffer.from(text)), 'mem', 200));
	t.deepEqual(
		records.map((r) => [r.type, r.source.line]),
		[
			['json', 2],
			['reject', 3],
			['json', 4],
		],
	);
	t.regex(rejects(records)[0].reason, /longer than the limit of 200 bytes/);

	const runaway = Buffer.from(`${laHeader}\n1/1/2026 1:00:00 AM,0,c1,{}\n1/1/2026 1:00:01 AM,0,"open\n${'1/1/2026 1:00:02 AM,0,c,{}\n'.repeat(100)}`);
	const cut = await collect(csvRecords(fixedChunks(runaway, 64), 'mem', 500));
	t.deepEqual(
		cut.map((r) => [r.type, r.source.line]),
		[
			['json', 2],
			['reject', 3],
		],
	);
	t.regex(rejects(cut)[0].reason, /the rest of the input is not read/);
	t.true(rejects(cut)[0].excerpt.length <= 201);
});

test('header names: trimmed, ` [UTC]` dropped, repeats numbered, nothing that sets a prototype', (t) => {
	t.deepEqual(columnNames(['TimeGenerated [UTC]', 'Application ID ', 'Incoming token type', 'Incoming token type', 'Incoming token type', '', '__proto__']), [
		'TimeGenerated',
		'Application ID',
		'Incoming token type',
		'Incoming token type (2)',
		'Incoming token type (3)',
		'column 6',
		'column 7',
	]);
});

test('sniffing: sign-in CSV headers are CSV; app logs and other CSV stay text', (t) => {
	t.is(sniffFormat(Buffer.from(`${laHeader}\n`)), 'csv');
	t.is(sniffFormat(Buffer.from('"TimeGenerated [UTC]","UserPrincipalName","ResultType"\r\n"x",,\r\n')), 'csv');
	t.is(sniffFormat(Buffer.from('Date (UTC),Request ID,User agent,Correlation ID,User ID,User,Username\n')), 'csv');
	t.is(sniffFormat(Buffer.from('TenantId,SourceSystem,ResultType,CorrelationId')), 'csv', 'a header alone, no line break');
	// Not sign-in columns, or not a header at all.
	t.is(sniffFormat(Buffer.from('name,age,city\nAda,36,London\n')), 'text');
	t.is(sniffFormat(Buffer.from('TimeGenerated,Message,Level\n')), 'text', 'one sign-in column is not enough');
	t.is(sniffFormat(Buffer.from('2026-11-19 08:00:00 fail: CorrelationId, ResultType, x\n')), 'text');
	t.is(sniffFormat(Buffer.from('Request failed, CorrelationId, ResultType: 50126, see log\n')), 'text');
	t.is(sniffFormat(Buffer.from('CorrelationId,ResultType\n')), 'text', 'fewer than three columns');
	for (const file of ['app-msal-identitymodel.log', 'app-access.log']) {
		t.is(sniffFormat(readFileSync(path.join(samplesDir, file)).subarray(0, 64 * 1024)), 'text', file);
	}
});

test('times from CSV exports: US locale, day-first locale, impossible dates are no time', (t) => {
	t.is(normalizeTime('4/28/2021, 2:08:45.221 PM'), '2021-04-28T14:08:45.221Z');
	t.is(normalizeTime('4/28/2021, 12:00:00.000 AM'), '2021-04-28T00:00:00.000Z');
	t.is(normalizeTime('28/04/2021, 14:08:45.221'), '2021-04-28T14:08:45.221Z');
	t.is(normalizeTime('2/30/2021, 1:00:00 PM'), undefined);
	t.is(normalizeTime('13/13/2021 1:00:00'), undefined);
	t.is(normalizeTime('2026-11-01T07:58:12Z'), '2026-11-01T07:58:12.000Z');
});

test('--format csv reads a CSV whose header the sniffer would not trust', async (t) => {
	// A quoted name with a comma in it is more than the sniffer's plain split can judge.
	const text = '"Request ID","Date (UTC)","Sign-in error code","Note, free text"\n7a1b2c3d-0000-4000-8000-0000000000e1,2026-11-01T00:00:00Z,50126,\n';
	const input = (): InputSpec => chunkedInput('forced', Buffer.from(text), 1024);
	t.is((await read(input())).format, 'text');
	const forced = await read(input(), 'csv');
	t.is(forced.format, 'csv');
	const [event] = forced.records.map(eventOf);
	t.deepEqual([event.outcome, event.codes.aadsts, event.ids.requestId], ['failure', [50126], '7a1b2c3d-0000-4000-8000-0000000000e1']);
	t.regex(cli(['analyze', '--help']).stdout, /jsonl \| json \| text \| csv/);
});
