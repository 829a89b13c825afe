/**
 * The database boundary: a --db that is not aadlog's, not a database, or not writable is one
 * clear line naming the file (exit 3), never "internal error" and a stack trace; another
 * program's SQLite file is not turned into an aadlog database unless asked (--force-db).
 *
 * Tests run as root here, and root ignores file permissions: the read-only cases run the CLI
 * as the unprivileged user nobody (spawn's uid option), for whom chmod 555 is read-only.
 */

import {spawnSync} from 'node:child_process';
import {chmodSync, chownSync, copyFileSync, existsSync, mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import Database from 'better-sqlite3';
import {cli, projectRoot, samplesDir, tempDir} from './helpers.js';

const sample = path.join(samplesDir, 'signin-graph-page.json');
const nobody = 65534;
const asRoot = process.getuid?.() === 0;

/** Runs the CLI as an unprivileged user when the tests run as root (permissions apply to it). */
function cliUnprivileged(args: string[]): {status: number | null; stdout: string; stderr: string} {
	return spawnSync(process.execPath, [path.join(projectRoot, 'bin', 'aadlog'), ...args], {
		encoding: 'utf8',
		env: {...process.env, NO_COLOR: '1'},
		...(asRoot ? {uid: nobody, gid: nobody} : {}),
	});
}

/** A folder the unprivileged user owns (so it can be made read-only to it). */
function ownedDir(): string {
	const dir = tempDir();
	if (asRoot) chownSync(dir, nobody, nobody);
	return dir;
}

const oneLine = (
	t: {regex: (s: string, r: RegExp, m?: string) => void; notRegex: (s: string, r: RegExp, m?: string) => void},
	stderr: string,
	expected: RegExp,
) => {
	t.regex(stderr, expected);
	t.notRegex(stderr, /internal error|\n\s+at /, 'no stack trace');
};

test("analyze refuses another program's SQLite file, and --force-db uses it", (t) => {
	const db = path.join(tempDir(), 'other.db');
	const other = new Database(db);
	other.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices (total) VALUES (12.5)');
	other.close();
	const refused = cli(['analyze', '--db', db, sample]);
	t.is(refused.status, 3, refused.stderr);
	oneLine(t, refused.stderr, /other\.db: a SQLite database of another program.*--force-db/);
	const untouched = new Database(db, {readonly: true});
	t.is(untouched.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'events'").pluck().get(), 0, 'no aadlog table was added');
	untouched.close();
	t.is(cli(['query', '--db', db, 'select 1']).status, 3, 'query refuses it too');

	const forced = cli(['analyze', '--force-db', '--db', db, sample]);
	t.is(forced.status, 0, forced.stderr);
	const sql = new Database(db, {readonly: true});
	t.is(sql.prepare('SELECT count(*) FROM invoices').pluck().get(), 1, 'its own tables are kept');
	t.is(sql.prepare('SELECT count(*) FROM events').pluck().get(), 13);
	sql.close();
	t.is(cli(['analyze', '--db', db, sample]).status, 0, "now marked as aadlog's: no --force-db needed again");
	t.regex(cli(['analyze', '--help']).stdout, /--force-db/);
});

test('a file whose program set its own user_version or application_id is refused even with --force-db, and left as it was', (t) => {
	for (const pragma of ['user_version = 3', 'application_id = 1234']) {
		const db = path.join(tempDir(), 'versioned.db');
		const other = new Database(db);
		other.exec(`CREATE TABLE notes (x); PRAGMA ${pragma}`);
		other.close();
		const forced = cli(['analyze', '--force-db', '--db', db, sample]);
		t.is(forced.status, 3, forced.stderr);
		oneLine(t, forced.stderr, /versioned\.db: a SQLite database of another program .*which aadlog would overwrite/);
		t.notRegex(forced.stderr, /add --force-db/, 'it does not advise an option that cannot help');
		const after = new Database(db, {readonly: true});
		t.is(after.pragma(pragma.split(' ')[0], {simple: true}), Number(pragma.split(' = ')[1]), `${pragma} is kept`);
		t.is(after.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'events'").pluck().get(), 0);
		after.close();
	}
});

test('an empty SQLite file and a new file become aadlog databases without asking', (t) => {
	const db = path.join(tempDir(), 'empty.db');
	new Database(db).close();
	t.is(cli(['analyze', '--db', db, sample]).status, 0);
});

test('--db on a file that is not SQLite is one line naming it', (t) => {
	const db = path.join(tempDir(), 'notes.txt');
	writeFileSync(db, 'these are my notes, not a database\n'.repeat(200));
	for (const args of [
		['analyze', '--db', db, sample],
		['query', '--db', db, 'select 1'],
		['report', '--db', db],
	]) {
		const result = cli(args);
		t.is(result.status, 3, `${args[0]}: ${result.stderr}`);
		oneLine(t, result.stderr, /notes\.txt: not a SQLite database/);
	}
});

test('--db in a missing folder is one line naming the folder', (t) => {
	const db = path.join(tempDir(), 'missing', 'a.db');
	const result = cli(['analyze', '--db', db, sample]);
	t.is(result.status, 3, result.stderr);
	oneLine(t, result.stderr, /a\.db: cannot create or open the database: check that the folder .*missing exists/);
});

test('analyze on a read-only database or in a read-only folder is one line saying what to do', (t) => {
	const dir = ownedDir();
	const db = path.join(dir, 'a.db');
	t.is(cliUnprivileged(['analyze', '--db', db, sample]).status, 0);
	chmodSync(db, 0o444);
	const readOnlyFile = cliUnprivileged(['analyze', '--db', db, sample]);
	t.is(readOnlyFile.status, 3, readOnlyFile.stderr);
	oneLine(t, readOnlyFile.stderr, /a\.db: .*read-only/);

	const folder = ownedDir();
	chmodSync(folder, 0o555);
	const readOnlyFolder = cliUnprivileged(['analyze', '--db', path.join(folder, 'new.db'), sample]);
	t.is(readOnlyFolder.status, 3, readOnlyFolder.stderr);
	oneLine(t, readOnlyFolder.stderr, /new\.db: cannot create or open the database: check that the folder .* exists and is writable/);
});

test('query and report read a WAL database copied with its -wal into a read-only folder, or say why', (t) => {
	const dir = ownedDir();
	const source = path.join(dir, 'live.db');
	t.is(cliUnprivileged(['analyze', '--db', source, sample]).status, 0);
	// A copy of the database as it is while a run holds it open: committed pages still in the -wal, no -shm.
	const writer = new Database(source);
	writer.pragma('wal_autocheckpoint = 0');
	writer.exec("INSERT INTO reclassifications (at, rules_version, examined, changed, kept, version) VALUES ('2026-11-20', 'x', 0, 0, 0, 'test')");
	const copy = path.join(ownedDir(), 'ro');
	mkdirSync(copy);
	copyFileSync(source, path.join(copy, 'live.db'));
	copyFileSync(`${source}-wal`, path.join(copy, 'live.db-wal'));
	writer.close();
	if (asRoot) for (const f of ['', '/live.db', '/live.db-wal']) chownSync(copy + f, nobody, nobody);
	chmodSync(copy, 0o555);
	t.false(existsSync(path.join(copy, 'live.db-shm')));
	const query = cliUnprivileged(['query', '--db', path.join(copy, 'live.db'), 'select count(*) n from reclassifications']);
	t.is(query.status, 3, query.stderr);
	oneLine(t, query.stderr, /live\.db: .*-wal.*read-only folder.*copy/);
});

test('query and report read a WAL database in a read-only folder when its -wal holds nothing', (t) => {
	const dir = ownedDir();
	const db = path.join(dir, 'done.db');
	t.is(cliUnprivileged(['analyze', '--db', db, sample]).status, 0);
	// Closed cleanly: checkpointed, no -wal, no -shm; still WAL mode in its header.
	t.false(existsSync(`${db}-wal`));
	chmodSync(dir, 0o555);
	const query = cliUnprivileged(['query', '--db', db, 'select count(*) n from events']);
	t.is(query.status, 0, query.stderr);
	t.regex(query.stdout, /13/);
	const report = cliUnprivileged(['report', '--db', db, '--format', 'json']);
	t.is(report.status, 0, report.stderr);
});
