/**
 * `aadlog query` at scale and with exact values: rows are written as they come (a heap far
 * smaller than the result is enough), 64-bit integers print with all their digits and can be
 * pasted back as --param, and a parameter that is not given is a usage error naming it.
 */

import {spawnSync} from 'node:child_process';
import path from 'node:path';
import test from 'ava';
import Database from 'better-sqlite3';
import {cli, projectRoot, samplesDir, tempDir} from './helpers.js';

const db = path.join(tempDir(), 'big-key.db');
const bigKey = '9223372036854775001'; // above 2^53: Number() would round it
test.before(() => {
	const run = cli(['analyze', '--db', db, samplesDir]);
	if (run.status !== 0) throw new Error(run.stderr);
	const writable = new Database(db);
	writable.prepare(`UPDATE events SET record_key = ${bigKey} WHERE id = (SELECT min(id) FROM events)`).run();
	writable.close();
});

test('a record_key above 2^53 prints exactly in every format and finds its row again', (t) => {
	const sql = 'SELECT record_key FROM events WHERE id = (SELECT min(id) FROM events)';
	const jsonl = cli(['query', '--db', db, '--jsonl', sql]);
	t.is(jsonl.stdout, `{"record_key":${bigKey}}\n`);
	const json = cli(['query', '--db', db, '--json', sql]);
	t.is(json.stdout, `[\n  {\n    "record_key": ${bigKey}\n  }\n]\n`);
	t.is(cli(['query', '--db', db, '--csv', sql]).stdout, `record_key\r\n${bigKey}\r\n`);
	t.true(cli(['query', '--db', db, sql]).stdout.includes(bigKey));
	const printed = /"record_key":(\d+)/.exec(jsonl.stdout)?.[1] ?? '';
	const found = cli(['query', '--db', db, '--csv', '--param', `key=${printed}`, 'SELECT count(*) AS n FROM events WHERE record_key = :key']);
	t.is(found.stdout, 'n\r\n1\r\n', found.stderr);
});

test('--param binds :name, @name and $name; integers as integers, the rest as text', (t) => {
	const run = cli([
		'query',
		'--db',
		db,
		'--jsonl',
		'--param',
		'a=42',
		'--param',
		'b=x y',
		'--param',
		'c=007a',
		'SELECT typeof(:a) AS ta, @b AS b, typeof($c) AS tc',
	]);
	t.is(run.stdout, '{"ta":"integer","b":"x y","tc":"text"}\n', run.stderr);
});

test('a parameter that is not given is a usage error naming it', (t) => {
	const run = cli(['query', '--db', db, '--param', 'a=1', 'SELECT :a, :since']);
	t.is(run.status, 1);
	t.regex(run.stderr, /since/);
});

test('a result far bigger than the heap streams out (rows are not collected)', (t) => {
	// 400,000 rows of ~200 characters: about 80 MB of JSON Lines through a 48 MB heap.
	const sql = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400000) SELECT i, printf('%0180d', i) AS pad FROM n";
	for (const format of ['--jsonl', '--json', '--csv', '--table']) {
		const args = format === '--table' ? [] : [format];
		const run = spawnSync(process.execPath, ['--max-old-space-size=48', path.join(projectRoot, 'bin', 'aadlog'), 'query', '--db', db, ...args, sql], {
			stdio: ['ignore', 'ignore', 'pipe'],
			encoding: 'utf8',
			timeout: 60_000,
		});
		t.is(run.status, 0, `${format}: ${run.stderr.slice(0, 300)}`);
	}
});
