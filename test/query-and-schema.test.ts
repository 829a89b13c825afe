/**
 * The database as people use it after a run: documented (every table, view and column,
 * and docs/schema.md current), queried read-only in four output shapes, with named queries
 * for the common questions, in plain types other tools read without surprises.
 */

import {spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import Database from 'better-sqlite3';
import {parse} from 'csv-parse/sync';
import {namedQueries} from '../src/query/named-queries.js';
import {migrations, registerMigrationFunctions} from '../src/store/schema.js';
import {describeSchema, undocumented} from '../src/store/schema-docs.js';
import {cli, projectRoot, samplesDir, tempDir} from './helpers.js';

const db = path.join(tempDir(), 'q.db');
test.before(() => {
	const run = cli(['analyze', '--db', db, samplesDir]);
	if (run.status !== 0) throw new Error(run.stderr);
});

test('every table, view and column is documented, and docs/schema.md is the current schema', (t) => {
	const memory = new Database(':memory:');
	registerMigrationFunctions(memory);
	for (const m of migrations) memory.exec(m);
	const objects = describeSchema(memory);
	memory.close();
	t.deepEqual(undocumented(objects), []);
	t.true(objects.filter((o) => o.type === 'table').length >= 9);
	t.true(objects.filter((o) => o.type === 'view').length >= 8);
	const generated = cli(['schema']);
	t.is(generated.status, 0);
	t.is(readFileSync(path.join(projectRoot, 'docs', 'schema.md'), 'utf8'), generated.stdout, 'docs/schema.md is stale: run npm run docs');
	for (const o of objects) t.true(generated.stdout.includes(`### \`${o.name}\``), o.name);
});

test('a column added without a comment is caught', (t) => {
	const memory = new Database(':memory:');
	registerMigrationFunctions(memory);
	for (const m of migrations) memory.exec(m);
	memory.exec('ALTER TABLE events ADD COLUMN surprise TEXT; CREATE VIEW v AS SELECT 1 AS x;');
	t.deepEqual(undocumented(describeSchema(memory)), ['events.surprise', 'v', 'v.x']);
	memory.close();
});

test('aadlog query cannot change the database', (t) => {
	const before = new Database(db, {readonly: true}).prepare('SELECT count(*) FROM events').pluck().get();
	for (const sql of [
		'DELETE FROM events',
		'UPDATE causes SET fix = 1',
		'WITH x AS (SELECT 1) INSERT INTO runs (started_at, status, version, inputs) SELECT 1, 2, 3, 4',
		'PRAGMA user_version = 99',
		'DROP VIEW cause_summary',
		"ATTACH 'other.db' AS o",
	]) {
		const run = cli(['query', '--db', db, sql]);
		t.is(run.status, 1, sql);
		t.regex(run.stderr, /read-only|return rows/, sql);
	}
	const after = new Database(db, {readonly: true});
	t.is(after.prepare('SELECT count(*) FROM events').pluck().get(), before);
	t.is(after.pragma('user_version', {simple: true}), migrations.length);
	after.close();
});

test('the four output shapes carry the same rows', (t) => {
	const sql = 'SELECT error_code, events, interrupts FROM codes_summary ORDER BY events DESC, error_code';
	const expected = new Database(db, {readonly: true}).prepare(sql).raw().all() as number[][];
	t.true(expected.length > 10);
	const json = JSON.parse(cli(['query', '--db', db, '--json', sql]).stdout) as Array<Record<string, number>>;
	t.deepEqual(
		json.map((r) => [r.error_code, r.events, r.interrupts]),
		expected,
	);
	const jsonl = cli(['query', '--db', db, '--jsonl', sql])
		.stdout.trim()
		.split('\n')
		.map((l) => JSON.parse(l) as Record<string, number>);
	t.deepEqual(
		jsonl.map((r) => [r.error_code, r.events, r.interrupts]),
		expected,
	);
	const csv = parse(cli(['query', '--db', db, '--csv', sql]).stdout) as string[][];
	t.deepEqual(csv[0], ['error_code', 'events', 'interrupts']);
	t.deepEqual(
		csv.slice(1).map((r) => r.map(Number)),
		expected,
	);
	const table = cli(['query', '--db', db, sql]).stdout.split('\n');
	t.regex(table[0], /^\s*error_code\s+events\s+interrupts$/);
	t.is(table[table.length - 2], `(${expected.length} rows)`);
	t.regex(table[2], new RegExp(`^\\s*${expected[0][0]}\\s+${expected[0][1]}\\s+${expected[0][2]}$`));
});

test('every named query runs on a real database; --list shows their SQL', (t) => {
	const list = cli(['query', '--list']).stdout;
	for (const q of namedQueries) {
		t.true(list.includes(q.sql.split('\n')[0]), q.name);
		const args = q.argument ? [q.name, '5c1f0e7a-3b2d-4c8e-9a61-7d2e4f8b0c13'] : [q.name];
		const run = cli(['query', '--db', db, '--json', ...args]);
		t.is(run.status, 0, `${q.name}: ${run.stderr}`);
		t.true(Array.isArray(JSON.parse(run.stdout)), q.name);
	}
	const story = JSON.parse(cli(['query', '--db', db, '--json', 'correlation', '5C1F0E7A-3B2D-4C8E-9A61-7D2E4F8B0C13']).stdout) as Array<{kind: string}>;
	t.deepEqual(
		story.map((r) => r.kind),
		['signin', 'app'],
	);
	t.is(cli(['query', '--db', db, 'correlation']).status, 1, 'a missing argument is a usage error');
});

test('plain types and ISO 8601 UTC times: the file reads the same in any SQLite tool', (t) => {
	const sql = new Database(db, {readonly: true});
	const columns = sql
		.prepare("SELECT m.name AS tbl, p.name, p.type FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'")
		.all() as Array<{tbl: string; name: string; type: string}>;
	for (const c of columns) t.true(['INTEGER', 'TEXT', 'REAL'].includes(c.type), `${c.tbl}.${c.name} is ${c.type}`);
	const iso = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
	for (const [tbl, col] of [
		['events', 'time'],
		['runs', 'started_at'],
		['runs', 'finished_at'],
		['sources', 'mtime'],
		['tokens', 'expires_at'],
	]) {
		for (const value of sql.prepare(`SELECT ${col} FROM ${tbl} WHERE ${col} IS NOT NULL`).pluck().all() as string[]) t.regex(value, iso, `${tbl}.${col}`);
	}
	sql.close();
});

const hasSqlite3 = spawnSync('sqlite3', ['-version']).status === 0;
(hasSqlite3 ? test : test.skip)('the sqlite3 shell reads the database and its views as aadlog does', (t) => {
	const shell = spawnSync('sqlite3', ['-readonly', '-json', db, 'SELECT cause, events, failures FROM cause_summary ORDER BY events DESC, cause'], {
		encoding: 'utf8',
	});
	t.is(shell.status, 0, shell.stderr);
	const expected = new Database(db, {readonly: true}).prepare('SELECT cause, events, failures FROM cause_summary ORDER BY events DESC, cause').all();
	t.deepEqual(JSON.parse(shell.stdout), expected);
	t.regex(spawnSync('sqlite3', ['-readonly', db, '.schema events'], {encoding: 'utf8'}).stdout, /record_key\s+INTEGER NOT NULL,\s+-- 64-bit hash/);
});
