// The big database that reports and nightly runs are timed on: `aadlog analyze` stores one
// benchmark input, then SQL copies those events, each copy a day earlier, until there are
// enough. A copy's record key is minus its id: unique, and a stored key falls in that small
// range with odds of 1e-12. The copies go in with the secondary indexes dropped and rebuilt
// after: minutes, not the hour that storing 10 million generated records through analyze
// would take. Built once into bench/data and kept while aadlog's schema version is the same.
import {existsSync, renameSync, rmSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import Database from 'better-sqlite3';
import {dataDir} from './generate.js';
import {timedOnce} from './timing.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = path.join(root, 'bin', 'aadlog');
export const aadlog = (args, env) => timedOnce(process.execPath, [bin, ...args], env);
export const removeDb = (file) => {
	for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, {force: true});
};

/** The schema version this build of aadlog writes (a one-record run into a scratch file). */
function currentSchemaVersion() {
	const scratch = path.join(dataDir, 'schema-probe.db');
	removeDb(scratch);
	aadlog(['analyze', '-q', '--json', '--db', scratch, path.join(root, 'samples', 'signin-single.json')]);
	const db = new Database(scratch, {readonly: true});
	const version = db.pragma('user_version', {simple: true});
	db.close();
	removeDb(scratch);
	return version;
}

function schemaVersionOf(file) {
	const db = new Database(file, {readonly: true});
	try {
		return db.pragma('user_version', {simple: true});
	} finally {
		db.close();
	}
}

function build(input, wanted, dbFile) {
	const partial = `${dbFile}.partial`;
	removeDb(partial);
	process.stderr.write(`building ${dbFile}: storing ${input} ...\n`);
	aadlog(['analyze', '-q', '--json', '--db', partial, input]);
	const db = new Database(partial);
	const base = db.prepare('SELECT max(id) FROM events').pluck().get();
	const indexes = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('events', 'event_causes') AND sql IS NOT NULL").all();
	for (const {name} of indexes) db.exec(`DROP INDEX ${name}`);
	const columns = db.prepare("SELECT name FROM pragma_table_info('events') WHERE name NOT IN ('id', 'record_key', 'time')").pluck().all().join(', ');
	const copyEvents = db.prepare(`INSERT INTO events (id, record_key, time, ${columns})
		SELECT id + @k * @base, -(id + @k * @base), strftime('%Y-%m-%dT%H:%M:%fZ', time, '-' || @k || ' days'), ${columns} FROM events WHERE id <= @base`);
	const copyCauses = db.prepare(
		'INSERT INTO event_causes (event_id, rank, cause_id, evidence) SELECT event_id + @k * @base, rank, cause_id, evidence FROM event_causes WHERE event_id <= @base',
	);
	for (let k = 1; (k + 1) * base <= wanted; k++) {
		db.transaction(() => {
			copyEvents.run({k, base});
			copyCauses.run({k, base});
		})();
		if (k % 10 === 0) process.stderr.write(`${(k + 1) * base} events\n`);
	}
	process.stderr.write('building indexes ...\n');
	for (const {sql} of indexes) db.exec(sql);
	db.exec('ANALYZE');
	db.pragma('wal_checkpoint(TRUNCATE)');
	db.close();
	renameSync(partial, dbFile);
	removeDb(partial);
}

/**
 * bench/data/report-EVENTS-INPUT.db, built from `input` when it is missing or was written by
 * another schema version, with its rollup caught up. Returns the file and, when the rollup
 * had to catch up, how many events it counted and how long that took (timed in-process).
 */
export async function ensureReportDb(input, wanted) {
	// Named by its base input too: a smoke run's database is not the 100 MB run's.
	const dbFile = path.join(dataDir, `report-${wanted}-${path.basename(input, '.jsonl')}.db`);
	if (existsSync(dbFile) && schemaVersionOf(dbFile) !== currentSchemaVersion()) {
		process.stderr.write(`${dbFile} has another schema version: rebuilding it\n`);
		removeDb(dbFile);
	}
	if (!existsSync(dbFile)) build(input, wanted, dbFile);
	// The rollup that reports read: the writer keeps it current, but the copies above went
	// in by SQL, so it catches up once, timed.
	const {openDatabase} = await import('../dist/store/database.js');
	const {refreshRollup} = await import('../dist/store/rollup.js');
	const started = performance.now();
	const writable = openDatabase(dbFile);
	const caughtUp = refreshRollup(writable);
	writable.pragma('wal_checkpoint(TRUNCATE)');
	writable.close();
	return {file: dbFile, events: countEvents(dbFile), caughtUp, catchUpSeconds: (performance.now() - started) / 1000};
}

export function countEvents(file) {
	const db = new Database(file, {readonly: true});
	try {
		return db.prepare('SELECT count(*) FROM events').pluck().get();
	} finally {
		db.close();
	}
}
