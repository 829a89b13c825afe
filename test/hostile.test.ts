/**
 * Hostile input: every case is counted and kept (events + rejects = records), the rest of
 * the input is still analyzed, and the run ends with a summary and exit code 2. Never a
 * crash, never a hang. The long variant (a 100 MB line) runs with AADLOG_LONG_TESTS=1.
 */

import {writeFileSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import Database from 'better-sqlite3';
import {loadKnowledge} from '../src/classify/knowledge.js';
import {analyze} from '../src/pipeline.js';
import type {InputSpec} from '../src/read/inputs.js';
import {readInput} from '../src/read/read-input.js';
import {cli, storedRecordsSql, tempDir} from './helpers.js';
import {hostileCorpus, sampleRecord} from './hostile/corpus.js';

const knowledge = loadKnowledge();
const long = process.env.AADLOG_LONG_TESTS === '1';
const limits = {maxRecordBytes: 1024 * 1024};

for (const c of hostileCorpus()) {
	(c.long && !long ? test.skip : test)(`hostile: ${c.name}`, async (t) => {
		t.timeout(120_000);
		const dir = tempDir();
		const file = path.join(dir, c.name);
		writeFileSync(file, c.bytes);
		const db = path.join(dir, 'h.db');
		const {summary} = await analyze({
			inputs: [
				{
					label: file,
					size: c.bytes.length,
					open: () =>
						(async function* () {
							yield c.bytes;
						})(),
				},
			],
			db,
			knowledge,
			limits,
			version: 'test',
		});
		const sql = new Database(db, {readonly: true});
		const events = sql.prepare('SELECT count(*) FROM events').pluck().get() as number;
		const stored = sql.prepare(storedRecordsSql).pluck().get() as number;
		const rejects = sql.prepare('SELECT line, reason, length(excerpt) AS excerpt FROM rejects').all() as Array<{
			line: number;
			reason: string;
			excerpt: number;
		}>;
		sql.close();
		t.is(rejects.length, c.rejected, rejects.map((r) => `${r.line}: ${r.reason}`).join('; '));
		if (c.events >= 0) t.is(events, c.events);
		t.is(summary.records, summary.rejected + stored, 'every record is in an event or a reject');
		for (const r of rejects) {
			t.true(r.excerpt <= 201 + 200, 'excerpts are bounded');
			t.true(r.reason.length > 0);
		}
	});
}

test('hostile: truncated at every position of a record inside an array', async (t) => {
	for (let p = 1; p < sampleRecord.length; p += 1) {
		const text = `[${sampleRecord},\n${sampleRecord.slice(0, p)}`;
		const records = [];
		for await (const r of readInput(
			{
				label: 'a.json',
				open: () =>
					(async function* () {
						yield Buffer.from(text);
					})(),
			},
			{limits},
		))
			records.push(r);
		const kinds = records.map((r) => r.type);
		t.is(kinds[0], 'json', `cut at ${p}`);
		t.is(kinds.filter((k) => k === 'reject').length, 1, `cut at ${p}: ${kinds.join(',')}`);
	}
});

test('hostile: a file removed while it is read keeps what was read and says why; a file that grows is read on', async (t) => {
	const removed: InputSpec = {
		label: 'gone.jsonl',
		size: 10_000,
		async *open() {
			yield Buffer.from(`${sampleRecord}\n${sampleRecord.replace('a901', 'a902')}\n`);
			throw Object.assign(new Error("ENOENT: no such file or directory, read 'gone.jsonl'"), {code: 'ENOENT'});
		},
	};
	const grows: InputSpec = {
		label: 'grows.jsonl',
		size: 10, // the size when it was opened: it kept growing
		async *open() {
			for (let i = 0; i < 5; i++) yield Buffer.from(sampleRecord.replace('a901', `b90${i}`) + '\n');
		},
	};
	const db = path.join(tempDir(), 'g.db');
	const {summary} = await analyze({inputs: [removed, grows], db, knowledge, limits, version: 'test'});
	t.is(summary.rejected, 1);
	t.regex(summary.firstReject!.reason, /read error: ENOENT/);
	const sql = new Database(db, {readonly: true});
	t.is(sql.prepare('SELECT count(*) FROM events').pluck().get(), 2 + 5);
	sql.close();
});

test('hostile: the CLI over the whole corpus ends with a summary naming the first reject, and exit 2', (t) => {
	const dir = tempDir();
	for (const c of hostileCorpus()) if (!c.long) writeFileSync(path.join(dir, c.name), c.bytes);
	const run = cli(['analyze', '--db', path.join(tempDir(), 'c.db'), '--max-record-bytes', String(1024 * 1024), dir]);
	t.is(run.status, 2, run.stderr);
	t.regex(run.stderr, /[\d,]+ malformed records? rejected; first at .+:\d+: /);
	t.regex(run.stdout, /Rejected [\d,]+ malformed records?;/);
});
