/** A run tells what it read and what of that was new: a re-run reads everything and adds nothing. */

import {writeFileSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {cli, samplesDir, tempDir} from './helpers.js';

const page = path.join(samplesDir, 'signin-graph-page.json');

test('--json: records and outcomes count what was read, new counts what the database did not hold', (t) => {
	const db = path.join(tempDir(), 'a.db');
	const first = JSON.parse(cli(['analyze', '--json', '--db', db, page]).stdout);
	const again = JSON.parse(cli(['analyze', '--json', '--reread', '--db', db, page]).stdout);
	t.is(again.records, first.records, 'a re-run still reads every record');
	t.deepEqual(again.outcomes, first.outcomes);
	t.deepEqual(first.new.outcomes, first.outcomes, 'a first run: everything read is new');
	t.is(first.new.records, first.records);
	t.is(again.new.records, 0);
	t.deepEqual(again.new.outcomes, {success: 0, failure: 0, interrupt: 0, unknown: 0});
	t.deepEqual(again.new.kinds, {signin: 0, app: 0});
	t.deepEqual(again.stored, {new: 0, duplicate: first.records}, 'the stored field keeps its shape');
});

test('the terminal summary says how many records were read and how many were new', (t) => {
	const db = path.join(tempDir(), 'b.db');
	const first = cli(['analyze', '--db', db, page]);
	t.regex(first.stdout, /13 records read \(13 sign-ins, 0 app\), 13 new \(0 already stored\)/);
	t.notRegex(first.stdout, /^ {2}new:/m, 'nothing was stored before: no second outcomes line');
	const again = cli(['analyze', '--reread', '--db', db, page]);
	t.regex(again.stdout, /13 records read \(13 sign-ins, 0 app\), 0 new \(13 already stored\)/);
	t.regex(again.stdout, /^ {2}new: success 0 · failure 0 · interrupt 0 · unknown 0$/m);
});

test('new counts come through the writer thread too', (t) => {
	const db = path.join(tempDir(), 'c.db');
	const files = ['signin-array.json', 'eventhub-records.json', 'signin-graph-beta.jsonl'].map((f) => path.join(samplesDir, f));
	const first = JSON.parse(cli(['analyze', '--json', '--db', db, ...files], {env: {AADLOG_WRITER_THREAD: '1'}}).stdout);
	t.deepEqual(first.new.outcomes, first.outcomes);
	const again = JSON.parse(cli(['analyze', '--json', '--reread', '--db', db, ...files], {env: {AADLOG_WRITER_THREAD: '1'}}).stdout);
	t.is(again.records, first.records);
	t.is(again.new.records, 0);
});

test('records rejected by an earlier run count as already stored when read again', (t) => {
	const dir = tempDir();
	const bad = path.join(dir, 'bad.jsonl');
	writeFileSync(bad, '{"a":1,}\n{"b":2,}\n{"c":3,}\n{"d":4,}\n');
	const db = path.join(dir, 'r.db');
	t.regex(cli(['analyze', '--db', db, bad]).stdout, /4 records read .*,\s+4 new \(0 already stored\) · 4 rejected/);
	t.regex(cli(['analyze', '--reread', '--db', db, bad]).stdout, /4 records read .*,\s+0 new \(4 already stored\) · 4 rejected/);
});
