/** Shared test helpers: temp folders, in-memory inputs, running the built CLI. */
import {type SpawnSyncReturns, spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import Database from 'better-sqlite3';
import type {InputSpec} from '../src/read/inputs.js';
import {openDatabase} from '../src/store/database.js';
import {migrations, registerMigrationFunctions} from '../src/store/migrations/index.js';

export const projectRoot = fileURLToPath(new URL('..', import.meta.url));
export const samplesDir = path.join(projectRoot, 'samples');
export const sharedDir = path.resolve(projectRoot, '..', 'shared');
const bin = path.join(projectRoot, 'bin', 'aadlog');

/** Folders tempDir made: removed when the test file's process (or AVA worker) exits. */
const madeDirs: string[] = [];
process.once('exit', () => {
	// Databases of big-input tests are hundreds of MB: left behind, runs filled the disk.
	if (process.env.AADLOG_KEEP_TEST_DIRS !== '1') for (const dir of madeDirs) rmSync(dir, {recursive: true, force: true});
});

export function tempDir(prefix = 'aadlog-test-'): string {
	const dir = mkdtempSync(path.join(tmpdir(), prefix));
	madeDirs.push(dir);
	return dir;
}

/** A new database (current schema) in a temp folder with `sql` run on it, such as a trigger that fails or slows the writes. */
export function databaseWith(sql: string, name = 'test.db'): string {
	const file = path.join(tempDir(), name);
	const db = openDatabase(file);
	db.exec(sql);
	db.close();
	return file;
}

/**
 * A database as an older aadlog left it: the first `version` migrations, with run 1 and
 * source 1 for the events a test inserts. Open it with openDatabase to upgrade it.
 */
export function databaseAtVersion(file: string, version: number): Database.Database {
	const db = new Database(file);
	registerMigrationFunctions(db);
	for (const m of migrations.slice(0, version)) db.exec(m);
	db.pragma(`user_version = ${version}`);
	db.exec(
		"INSERT INTO runs (id, started_at, status, version, inputs) VALUES (1, '2026-11-01', 'complete', 'x', '[]'); INSERT INTO sources (id, run_id, path) VALUES (1, 1, 'x')",
	);
	return db;
}

export function memoryInput(label: string, text: string | Buffer): InputSpec {
	return {
		label,
		async *open() {
			yield Buffer.isBuffer(text) ? text : Buffer.from(text);
		},
	};
}

/** Runs bin/aadlog (the compiled CLI; ava.config.js rebuilds a stale dist/ before any test starts) with colors off. */
export function cli(args: string[], options: {input?: string | Buffer; env?: Record<string, string>; timeout?: number} = {}): SpawnSyncReturns<string> {
	return spawnSync(process.execPath, [bin, ...args], {
		input: options.input,
		timeout: options.timeout,
		encoding: 'utf8',
		env: {...process.env, NO_COLOR: '1', ...options.env},
		maxBuffer: 64 * 1024 * 1024,
	});
}

/**
 * The records a database's events hold: one per event, or the records an incident grouped
 * (events.records lists their lines). With the rejects, every record read.
 */
export const storedRecordsSql =
	"SELECT coalesce(sum(CASE WHEN records IS NULL THEN 1 ELSE length(records) - length(replace(records, ',', '')) + 1 END), 0) FROM events";

/** One Graph sign-in as a JSON line: number `n` gives its Request ID and correlation id. */
export function graphSignin(n: number, code: number, time: string, fields: Record<string, unknown> = {}): string {
	return JSON.stringify({
		id: `10000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
		createdDateTime: time,
		userPrincipalName: `user${n}@contoso.com`,
		appId: 'app-1',
		appDisplayName: 'Contoso Expenses Web',
		correlationId: `20000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
		status: {errorCode: code},
		...fields,
	});
}
