import test from 'ava';
import {JsonDocumentScanner} from '../src/read/json-scanner.js';
import type {InputRecord} from '../src/read/record.js';

function scan(text: string, chunkSizes?: number[], max = 1 << 20): InputRecord[] {
	const scanner = new JsonDocumentScanner('doc.json', max);
	const bytes = Buffer.from(text);
	const out: InputRecord[] = [];
	let at = 0;
	for (const size of chunkSizes ?? [bytes.length]) {
		out.push(...scanner.push(bytes.subarray(at, at + size)));
		at += size;
	}
	if (at < bytes.length) out.push(...scanner.push(bytes.subarray(at)));
	out.push(...scanner.end());
	return out;
}

const values = (records: InputRecord[]): unknown[] => records.map((r) => (r.type === 'json' ? r.value : r.type));

test('a top-level array yields its elements, with line and index', (t) => {
	const records = scan('[\n {"a": 1},\n {"a": 2}\n]\n');
	t.deepEqual(values(records), [{a: 1}, {a: 2}]);
	t.deepEqual(
		records.map((r) => r.source),
		[
			{file: 'doc.json', line: 2, index: 0},
			{file: 'doc.json', line: 3, index: 1},
		],
	);
});

test('Graph pages and Event Hub envelopes yield the records inside, whatever keys come first or after', (t) => {
	const page = '{"@odata.context": "x", "value": [{"id": "1"}, {"id": "2"}], "@odata.nextLink": "y"}';
	t.deepEqual(values(scan(page)), [{id: '1'}, {id: '2'}]);
	t.deepEqual(values(scan('{"records": [{"a": [1, {"value": [2]}]}]}')), [{a: [1, {value: [2]}]}]);
});

test('a top-level object that is no envelope is one record (a pretty-printed sign-in)', (t) => {
	const single = '{\n  "@odata.context": "x",\n  "id": "1",\n  "status": {"errorCode": 50105},\n  "policies": [{"value": 1}]\n}\n';
	t.deepEqual(values(scan(single)), [JSON.parse(single)]);
});

test('concatenated arrays are all read', (t) => {
	t.deepEqual(values(scan('[{"a":1},{"a":2}]\n[{"a":3}][{"a":4}]')), [{a: 1}, {a: 2}, {a: 3}, {a: 4}]);
});

test('strings with brackets, braces, escaped quotes and backslashes do not confuse the scanner', (t) => {
	const tricky = [{s: 'a ] b } c [ { "'}, {s: 'back\\slash\\', t: '\\"quoted\\"'}, {s: 'Zo\u00eb \u2603 \ud83d\ude00'}];
	const text = JSON.stringify(tricky);
	t.deepEqual(values(scan(text)), tricky);
});

test('the same records come out however the input is cut into chunks', (t) => {
	const doc = '\n{"records": [{"s": "x]}\\"y", "n": [1,2,{"k":"}"}]}, {"b": true}, "str", 42, null]}\n[{"z": "\u00e9"}]';
	const whole = values(scan(doc));
	const bytes = Buffer.byteLength(doc);
	for (let cut = 1; cut < bytes; cut++) {
		t.deepEqual(values(scan(doc, [cut])), whole, `cut at ${cut}`);
	}
	t.deepEqual(values(scan(doc, new Array(bytes).fill(1))), whole);
});

test('a broken element is rejected with its line; the next ones are still read', (t) => {
	const records = scan('[\n{"a": 1,},\n{"a": 2}\n]');
	t.is(records[0].type, 'reject');
	t.is(records[0].source.line, 2);
	t.regex((records[0] as {reason: string}).reason, /invalid JSON/);
	t.deepEqual(values(records.slice(1)), [{a: 2}]);
});

test('a document cut in the middle of a record rejects that record as truncated', (t) => {
	const records = scan('[{"a": 1}, {"a": "unfinished');
	t.deepEqual(values(records), [{a: 1}, 'reject']);
	t.regex((records[1] as {reason: string}).reason, /truncated/);
});

test('an array that never closes is reported even when no record was cut', (t) => {
	const records = scan('[{"a": 1}, {"a": 2}');
	t.deepEqual(values(records), [{a: 1}, {a: 2}, 'reject']);
});

test('text between JSON values is rejected, not silently skipped', (t) => {
	const records = scan('[{"a": 1}]\ngarbage here\n[{"a": 2}]');
	t.deepEqual(values(records), [{a: 1}, 'reject', {a: 2}]);
	t.is(records[1].source.line, 2);
});

test('a record over the size limit is rejected without being kept whole', (t) => {
	const big = JSON.stringify({s: 'x'.repeat(5000)});
	const records = scan(`[${big}, {"a": 1}]`, [100, 100, 100], 1000);
	t.is(records[0].type, 'reject');
	t.regex((records[0] as {reason: string}).reason, /larger than the limit/);
	t.deepEqual(values(records.slice(1)), [{a: 1}]);
});

test('strings are skipped in jumps, yet escapes, quotes and raw newlines inside them count the same at every chunk size', (t) => {
	// Record 1 has escaped quotes and backslashes; record 2 a raw newline inside a string (invalid
	// JSON, so rejected at its line); record 3 must still be on line 6.
	const doc = '[\n{"a": "say \\"hi\\" \\\\", "b": "\\\\\\""},\n{"c": "broken\nstring"},\n\n{"d": "}]\\n"}\n]\n';
	const expected = [
		{type: 'json', line: 2, value: {a: 'say "hi" \\', b: '\\"'}},
		{type: 'reject', line: 3, value: undefined},
		{type: 'json', line: 6, value: {d: '}]\n'}},
	];
	for (let size = 1; size <= doc.length; size++) {
		const sizes = Array.from({length: Math.ceil(doc.length / size)}, () => size);
		const got = scan(doc, sizes).map((r) => ({type: r.type, line: r.source.line, value: r.type === 'json' ? r.value : undefined}));
		t.deepEqual(got, expected, `chunks of ${size} bytes`);
	}
});

test('a pretty-printed array gives each record the line it starts on, at every chunk size', (t) => {
	const records = [{a: 1, b: {c: [1, 2, {d: 'x'}]}}, {e: 'two\\nlines "quoted" ]}'}, {f: [], g: {}}, {h: null}];
	const doc = JSON.stringify(records, null, 2);
	// Each element opens on a line of its own holding only '  {'.
	const starts = doc.split('\n').flatMap((text, i) => (text === '  {' ? [i + 1] : []));
	t.is(starts.length, records.length);
	for (let size = 1; size <= doc.length; size += size < 16 ? 1 : 7) {
		const sizes = Array.from({length: Math.ceil(doc.length / size)}, () => size);
		const got = scan(doc, sizes);
		t.deepEqual(
			got.map((r) => r.source.line),
			starts,
			`chunks of ${size} bytes`,
		);
		t.deepEqual(values(got), records, `chunks of ${size} bytes`);
	}
});
