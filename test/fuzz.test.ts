/**
 * Property-based fuzzing (fast-check) of the readers and extractors: whatever the bytes and
 * however they are cut into chunks, no exception escapes, and every record read is either
 * an event or a reject. Runs a few hundred cases by default; AADLOG_LONG_TESTS=1 runs more.
 */
import test from 'ava';
import fc from 'fast-check';
import {loadKnowledge} from '../src/classify/knowledge.js';
import {extractRecord} from '../src/extract/extract-record.js';
import {analyze} from '../src/pipeline.js';
import {readInput} from '../src/read/read-input.js';
import type {InputFormat} from '../src/read/record.js';
import {sampleRecord} from './hostile/corpus.js';

const knowledge = loadKnowledge();

const runs = process.env.AADLOG_LONG_TESTS === '1' ? 2000 : 150;
const limits = {maxRecordBytes: 64 * 1024};

/** Reads and extracts everything; returns [records, events, rejects]. Throws only if aadlog does. */
function cutInto(bytes: Buffer, cuts: number[]): Buffer[] {
	const chunks: Buffer[] = [];
	let at = 0;
	for (const cut of [...cuts].sort((a, b) => a - b)) {
		const end = Math.min(bytes.length, cut);
		if (end > at) chunks.push(bytes.subarray(at, end));
		at = Math.max(at, end);
	}
	if (at < bytes.length) chunks.push(bytes.subarray(at));
	return chunks;
}

async function readAll(bytes: Buffer, cuts: number[], format?: InputFormat): Promise<[number, number, number]> {
	const chunks = cutInto(bytes, cuts);
	let records = 0;
	let events = 0;
	let rejects = 0;
	const input = {
		label: 'fuzz',
		open: () =>
			(async function* () {
				yield* chunks;
			})(),
	};
	for await (const record of readInput(input, {limits, format})) {
		records++;
		if (record.type === 'reject') {
			rejects++;
			continue;
		}
		const extracted = extractRecord(record);
		if (extracted.ok) events++;
		else rejects++;
	}
	return [records, events, rejects];
}

/** Inputs that look like logs, then broken: sign-ins, app lines, and random bytes mixed in. */
const logLike = fc.oneof(
	fc.constant(sampleRecord),
	fc.constant('2026-11-20T08:00:00Z fail: AADSTS50126: Error validating credentials. Trace ID: 7f3e2d1c-0b9a-4876-a5f4-e3d2c1b0a987'),
	fc.constant('{"error":"invalid_grant","error_description":"AADSTS70008: expired","error_codes":[70008]}'),
	fc.constant('Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ4In0.c2ln'),
	fc.constant('Date (UTC),Request ID,Status,Sign-in error code\n2026-11-20,abc,Failure,50126'),
	fc.json(),
	fc.string({maxLength: 200}),
);

test('mutated log bytes, cut anywhere, through the whole pipeline: nothing throws, every record is stored, a duplicate or a reject', async (t) => {
	await fc.assert(
		fc.asyncProperty(
			fc.array(logLike, {minLength: 1, maxLength: 12}),
			fc.array(fc.record({at: fc.nat(), byte: fc.integer({min: 0, max: 255})}), {maxLength: 8}),
			fc.array(fc.nat({max: 4000}), {maxLength: 6}),
			fc.constantFrom<InputFormat | undefined>(undefined, 'jsonl', 'json', 'text', 'csv'),
			fc.constantFrom('\n', '\r\n', ''),
			async (lines, mutations, cuts, format, separator) => {
				const bytes = Buffer.from(lines.join(separator === '' ? '\n' : separator));
				for (const m of mutations) if (bytes.length > 0) bytes[m.at % bytes.length] = m.byte;
				const chunks = cutInto(bytes, cuts);
				const input = {
					label: 'fuzz',
					open: () =>
						(async function* () {
							yield* chunks;
						})(),
				};
				const result = await analyze({inputs: [input], db: ':memory:', knowledge, limits, format, version: 'fuzz'});
				const {records, rejected, incidents} = result.summary;
				// An incident is one event holding several records.
				return records === result.stored + result.duplicates + rejected + incidents.records - incidents.events;
			},
		),
		{numRuns: runs},
	);
	t.pass('the property held for every generated input (fc.assert throws otherwise)');
});

test('random bytes in any format: nothing throws', async (t) => {
	await fc.assert(
		fc.asyncProperty(
			fc.uint8Array({maxLength: 3000}),
			fc.array(fc.nat({max: 3000}), {maxLength: 5}),
			fc.constantFrom<InputFormat | undefined>(undefined, 'jsonl', 'json', 'text', 'csv'),
			async (raw, cuts, format) => {
				const [records, events, rejects] = await readAll(Buffer.from(raw), cuts, format);
				return records === events + rejects;
			},
		),
		{numRuns: runs},
	);
	t.pass('the property held for every generated input (fc.assert throws otherwise)');
});
