/**
 * Scanning one record costs time in proportion to its size, whatever it holds: each shape
 * that once made a search loop or regex quadratic is timed at 1 and 4 million characters,
 * and the larger may take at most 10x the smaller (a ratio, stable on a slow machine):
 * quadratic is 16x and more; linear scans measure 4-8x on a loaded machine, the excess over
 * 4x being cache misses and collection in the larger record's hundreds of thousands of codes. A record still over the scan budget becomes a reject, never a stall.
 */

import path from 'node:path';
import test from 'ava';
import Database from 'better-sqlite3';
import {loadKnowledge} from '../src/classify/knowledge.js';
import {extractRecord} from '../src/extract/extract-record.js';
import {extractAppText} from '../src/extract/shapes/app-log.js';
import {analyze} from '../src/pipeline.js';
import {defaultReadLimits} from '../src/read/record.js';
import {memoryInput, storedRecordsSql, tempDir} from './helpers.js';
import {mixedPathologicalRecord, pathologicalShapes} from './pathological-records.js';

const million = 1_000_000;
const source = {file: 'f', line: 1};

/** The fastest of three runs: a collection pause or another process in one run is not the scan's cost. */
function scanMillis(text: string): number {
	let best = Infinity;
	for (let run = 0; run < 3; run++) {
		const start = performance.now();
		extractAppText(text, source);
		best = Math.min(best, performance.now() - start);
	}
	return best;
}

for (const [name, make] of Object.entries(pathologicalShapes)) {
	test.serial(`scanning grows linearly with the record: ${name}`, (t) => {
		t.timeout(60_000);
		scanMillis(make(million / 4)); // compiled and warm before timing
		const small = scanMillis(make(million));
		const large = scanMillis(make(4 * million));
		// A floor of 50 ms for the small run: below it, a collection pause in the large run alone can
		// decide the ratio (23 against 248 ms was seen under load). A quadratic scan at 1 M characters takes seconds.
		t.true(large / Math.max(small, 50) < 10, `1 M chars: ${small.toFixed(0)} ms, 4 M chars: ${large.toFixed(0)} ms`);
	});
}

test('a record still scanning when its budget runs out is a reject that says why', (t) => {
	// A clock that moves a second per reading: the budget is spent after two phases, whatever the machine.
	let now = 0;
	const result = extractRecord({type: 'text', text: 'AADSTS50126 Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.', source}, undefined, {
		scanSeconds: 2,
		now: () => (now += 1000),
	});
	t.false(result.ok);
	if (!result.ok) {
		t.is(result.reason, 'record took over 2 s to scan; kept as a reject');
		t.true(result.excerpt.startsWith('AADSTS50126'), 'an excerpt of the record (read-source redacts it before it is kept)');
	}
	const inTime = extractRecord({type: 'text', text: 'AADSTS50126', source}, undefined, {scanSeconds: 2, now: () => 0});
	t.true(inTime.ok);
});

test('a JSON app record over its budget is a reject too', (t) => {
	let now = 0;
	const value = {level: 'error', msg: 'AADSTS50126 '.repeat(10)};
	const result = extractRecord({type: 'json', value, raw: JSON.stringify(value), source}, undefined, {scanSeconds: 2, now: () => (now += 1000)});
	t.false(result.ok);
});

test('pathological records of 1.5 MB and 6 MB: the run finishes, each record stored or rejected', async (t) => {
	t.timeout(120_000);
	const log =
		[mixedPathologicalRecord(1.5 * 1024 * 1024), mixedPathologicalRecord(6 * 1024 * 1024)]
			.map((record) => `2026-11-20T10:00:00Z ${record.replaceAll('\n', ' ')}`)
			.join('\n') + '\n';
	const db = path.join(tempDir(), 'p.db');
	const {summary} = await analyze({inputs: [memoryInput('hostile.log', log)], db, knowledge: loadKnowledge(), limits: defaultReadLimits, version: 'test'});
	const sql = new Database(db, {readonly: true});
	const stored = sql.prepare(storedRecordsSql).pluck().get() as number;
	const rejects = sql.prepare('SELECT count(*) FROM rejects').pluck().get() as number;
	sql.close();
	t.is(summary.records, 2);
	t.is(stored + rejects, 2, 'every record is in an event or a reject');
});

test('a run of millions of word characters that exhausts a pattern is a reject, never a failed run', (t) => {
	// eyJ then 9 M base64url characters: an unbounded greedy loop over them keeps a backtrack entry per character.
	const result = extractRecord({type: 'text', text: 'eyJ' + 'a'.repeat(9_000_000) + '\n AADSTS50126', source});
	t.true(result.ok ? result.event.codes.aadsts.includes(50126) : /kept as a reject/.test(result.reason));
});
