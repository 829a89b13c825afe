import {gzipSync} from 'node:zlib';
import test from 'ava';
import {crLineEnds, utf16WithoutBom} from '../src/read/decode.js';
import {envelopeKeys} from '../src/read/envelope.js';
import type {InputSpec} from '../src/read/inputs.js';
import {splitLines} from '../src/read/lines.js';
import {readInput, readInputBatches} from '../src/read/read-input.js';
import type {InputRecord} from '../src/read/record.js';
import {sniffFormat} from '../src/read/sniff.js';

async function* chunks(...parts: Array<string | Buffer>): AsyncGenerator<Buffer> {
	for (const part of parts) yield Buffer.isBuffer(part) ? part : Buffer.from(part);
}

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
	const out: T[] = [];
	for await (const item of source) out.push(item);
	return out;
}

function memoryInput(...parts: Array<string | Buffer>): InputSpec {
	return {label: 'mem', open: () => chunks(...parts)};
}

const readAll = (input: InputSpec, format?: 'jsonl' | 'json' | 'text'): Promise<InputRecord[]> =>
	collect(readInput(input, {format, limits: {maxRecordBytes: 1 << 20}}));

test('lines split across chunks, CRLF dropped, last line without newline kept', async (t) => {
	const lines = await collect(splitLines(chunks('a\r\nb', 'c\r', '\nd'), 100));
	t.deepEqual(
		lines.map((l) => l.text),
		['a', 'bc', 'd'],
	);
	t.deepEqual(
		lines.map((l) => l.number),
		[1, 2, 3],
	);
});

test('a line over the limit is flagged with its head only', async (t) => {
	const lines = await collect(splitLines(chunks('x'.repeat(3000), 'y'.repeat(3000), '\nok\n'), 2048));
	t.true(lines[0].oversized);
	t.true(lines[0].text.length <= 1024);
	t.deepEqual(lines[1], {text: 'ok', number: 2, oversized: false});
});

test('sniffing tells JSON Lines, JSON documents and text apart', (t) => {
	t.is(sniffFormat(Buffer.from('{"a":1}\n{"a":2}\n')), 'jsonl');
	t.is(sniffFormat(Buffer.from('{\n  "value": []\n}')), 'json');
	t.is(sniffFormat(Buffer.from('  [{"a":1}]')), 'json');
	t.is(sniffFormat(Buffer.from('[\n  1, 2]')), 'json');
	t.is(sniffFormat(Buffer.from('[]')), 'json');
	// Text logs whose lines open with a bracket: msal-node's date, an ISO time, a level.
	t.is(sniffFormat(Buffer.from('[Sat, 21 Nov 2026 10:43:00 GMT] : [4a1e9c2b] : @azure/msal-node@2.16.2 : Info - called\n')), 'text');
	t.is(sniffFormat(Buffer.from('[2026-11-21 10:41:17,101] ERROR app: AADSTS50000\n')), 'text');
	t.is(sniffFormat(Buffer.from('[INFO] starting\n')), 'text');
	t.is(sniffFormat(Buffer.from('{"records":[{"a":1}]}')), 'jsonl');
	t.is(sniffFormat(Buffer.from('2026-11-19 08:00:00 fail: x')), 'text');
	t.is(sniffFormat(Buffer.from('')), 'text');
});

test('gzip is detected by content and a BOM is dropped', async (t) => {
	const body = '\ufeff{"status":{"errorCode":0}}\r\n{"status":{"errorCode":50126}}\r\n';
	const records = await readAll(memoryInput(gzipSync(body)));
	t.deepEqual(
		records.map((r) => (r.type === 'json' ? r.value : r)),
		[{status: {errorCode: 0}}, {status: {errorCode: 50126}}],
	);
});

test('a gzip stream cut in half keeps what it read and rejects the rest', async (t) => {
	const lines = Array.from({length: 2000}, (_, i) => JSON.stringify({i, pad: 'x'.repeat(50)})).join('\n');
	const zipped = gzipSync(lines);
	const records = await readAll(memoryInput(zipped.subarray(0, Math.floor(zipped.length / 2))));
	const last = records.at(-1)!;
	t.is(last.type, 'reject');
	t.regex((last as {reason: string}).reason, /damaged gzip/);
	t.true(records.filter((r) => r.type === 'json').length > 0);
});

test('a JSON Lines line holding an envelope yields its records', async (t) => {
	const records = await readAll(memoryInput('{"records":[{"a":1},{"a":2}]}\n{"records":[{"a":3}]}\n'));
	t.deepEqual(
		records.map((r) => (r.type === 'json' ? r.value : r)),
		[{a: 1}, {a: 2}, {a: 3}],
	);
	t.deepEqual(
		records.map((r) => [r.source.line, r.source.index]),
		[
			[1, 0],
			[1, 1],
			[2, 0],
		],
	);
});

test('a bad JSON line is rejected with its line number and the rest still read', async (t) => {
	const records = await readAll(memoryInput('{"a":1}\n{"a":\n\n{"a":3}\n'));
	t.deepEqual(
		records.map((r) => r.type),
		['json', 'reject', 'json'],
	);
	t.is(records[1].source.line, 2);
});

test('text records join continuation lines; blank lines separate records', async (t) => {
	const log = [
		'2026-11-19 08:00:00 fail: token request failed',
		'Microsoft.Identity.Client.MsalServiceException: AADSTS7000215: Invalid client secret provided.',
		'Trace ID: 11111111-1111-1111-1111-111111111111',
		'   at Microsoft.Identity.Client.Foo()',
		'2026-11-19 08:00:01 info: next request',
		'',
		'plain line',
	].join('\n');
	const records = await readAll(memoryInput(log), 'text');
	t.is(records.length, 4);
	t.deepEqual(
		records.map((r) => r.source.line),
		[1, 2, 5, 7],
	);
	t.true(records[1].type === 'text' && records[1].text.includes('at Microsoft.Identity.Client.Foo()'));
});

test('an envelope written on one long line is a document to stream, not one huge JSON line', async (t) => {
	const {sniffFormat, sniffBytes} = await import('../src/read/sniff.js');
	const record = JSON.stringify({createdDateTime: '2026-11-20T08:00:00Z', status: {errorCode: 50126}});
	const oneLine = (open: string) => Buffer.from(open + Array.from({length: Math.ceil((sniffBytes * 2) / record.length)}, () => record).join(','));
	t.is(sniffFormat(oneLine('{"records": [')), 'json');
	t.is(sniffFormat(oneLine('{"@odata.context":"x","value":[')), 'json');
	t.is(sniffFormat(oneLine('{"@odata.nextLink":"https://graph.microsoft.com/beta/auditLogs/signIns?$skiptoken=x","value":[')), 'json');
	t.is(sniffFormat(Buffer.from(`{"pad":"${'x'.repeat(sniffBytes)}"}`)), 'jsonl', 'one long record is still a JSON Lines line');
});

test('sniffing looks past a cut first line: mostly JSON objects after it is JSON Lines, a few is text', (t) => {
	const records = Array.from({length: 6}, (_, i) => `{"id":"${i}","status":{"errorCode":0}}`);
	t.is(sniffFormat(Buffer.from(`rorCode":0}}\n${records.join('\n')}\n`)), 'jsonl');
	const text = ['08:00 INFO start', records[0], '08:01 INFO step', '08:02 WARN slow', records[1], '08:03 INFO done'];
	t.is(sniffFormat(Buffer.from(`08:00 INFO boot\n${text.join('\n')}\n`)), 'text');
});

test('UTF-16 without a BOM is told by its zero bytes; a hole of zeros (copytruncate) is not UTF-16', (t) => {
	const line = '{"id":"zoë","n":1}\n';
	t.is(utf16WithoutBom(Buffer.from(line.repeat(20), 'utf16le')), 'le');
	t.is(utf16WithoutBom(Buffer.from(line.repeat(20), 'utf16le').swap16()), 'be');
	t.is(utf16WithoutBom(Buffer.alloc(512)), undefined);
	t.is(utf16WithoutBom(Buffer.from(line.repeat(20))), undefined);
});

test('CR-only line ends become LF; CRLF and LF input is passed through as it is', async (t) => {
	const crOnly = Buffer.concat(await collect(crLineEnds(chunks('a\rb', '\rc\r'))));
	t.is(crOnly.toString(), 'a\nb\nc\n');
	const crlf = Buffer.from('a\r\nb\r\n');
	t.true(Buffer.concat(await collect(crLineEnds(chunks(crlf)))).equals(crlf));
});

test('CR line ends are told apart byte by byte: CRLF split across chunks stays CRLF, CR-only still becomes LF', async (t) => {
	const bytes = (text: string) => Array.from(Buffer.from(text), (b) => Buffer.from([b]));
	t.is(Buffer.concat(await collect(crLineEnds(chunks(...bytes('a\r\nb\r\n'))))).toString(), 'a\r\nb\r\n');
	t.is(Buffer.concat(await collect(crLineEnds(chunks(...bytes('a\rb\r'))))).toString(), 'a\nb\n');
	t.is(Buffer.concat(await collect(crLineEnds(chunks('a\r')))).toString(), 'a\n');
});

test('every envelope key holds records for the sniffer, the JSON Lines reader and the document scanner alike', async (t) => {
	const item = (n: number): string => `{"createdDateTime":"2026-11-19T00:00:00Z","id":"${n}","pad":"${'x'.repeat(900)}"}`;
	for (const key of envelopeKeys) {
		// Two lines: JSON Lines, each line an envelope.
		const lines = `{"${key}":[${item(1)},${item(2)}]}\n{"${key}":[${item(3)}]}\n`;
		const fromLines = await readAll(memoryInput(lines));
		t.deepEqual(
			fromLines.map((r) => r.type === 'json' && (r.value as {id: string}).id),
			['1', '2', '3'],
			key,
		);
		// One line longer than the sniffer's head: a document, streamed by the scanner.
		const many = Array.from({length: 80}, (_, n) => item(n)).join(',');
		const oneLine = Buffer.from(`{"${key}":[${many}]}`);
		t.is(sniffFormat(oneLine), 'json', key);
		const fromDocument = await readAll(memoryInput(oneLine));
		t.is(fromDocument.length, 80, key);
		t.true(
			fromDocument.every((r) => r.type === 'json'),
			key,
		);
	}
	t.is(sniffFormat(Buffer.from(`{"@odata.context":"x","value":[${Array.from({length: 80}, (_, n) => item(n)).join(',')}]}`)), 'json');
	t.is(sniffFormat(Buffer.from(`{"other":[${Array.from({length: 80}, (_, n) => item(n)).join(',')}]}`)), 'jsonl', 'a long line of another key is one record');
});

test('batches hold the records in order, none empty, a bounded number each, for lines and documents alike', async (t) => {
	const record = (n: number): string => `{"createdDateTime":"2026-11-19T00:00:00Z","id":"${n}","pad":"${'x'.repeat(200)}"}`;
	const jsonl = Array.from({length: 1000}, (_, n) => record(n)).join('\n');
	const array = `[${Array.from({length: 1000}, (_, n) => record(n)).join(',')}]`;
	for (const text of [jsonl, array]) {
		const batches = await collect(readInputBatches(memoryInput(text), {limits: {maxRecordBytes: 1 << 20}}));
		t.true(batches.length > 1, 'a chunk of 1,000 records leaves in several batches');
		t.true(batches.every((batch) => batch.length > 0 && batch.length <= 1000));
		t.deepEqual(
			batches.flat().map((r) => r.type === 'json' && (r.value as {id: string}).id),
			Array.from({length: 1000}, (_, n) => String(n)),
		);
		t.deepEqual(await readAll(memoryInput(text)), batches.flat());
	}
});
