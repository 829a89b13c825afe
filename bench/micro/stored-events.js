// The micro-benchmarks' input: a database `aadlog analyze` wrote, named on the command line,
// whose events rows they read in the order the writer binds them (eventColumns).
import {rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import {openDatabase} from '../../dist/store/database.js';
import {eventColumns} from '../../dist/store/event-rows.js';

export {eventColumns};

/** The database named by the first argument, opened read-only; `script` is named in the usage error. */
export function openStoredEvents(script) {
	const file = process.argv[2];
	if (!file) throw new Error(`usage: node ${script} DB`);
	return new Database(file, {readonly: true});
}

/** Every events row of the named database (or those `where` selects), 64-bit integers exact, in eventColumns order. */
export function storedEventRows(script, where = '1') {
	const src = openStoredEvents(script);
	src.defaultSafeIntegers(true);
	const rows = src
		.prepare(`SELECT ${eventColumns.join(', ')} FROM events WHERE ${where} ORDER BY id`)
		.raw()
		.all();
	src.close();
	return rows;
}

/**
 * The rows inserted with `insert` as the writer thread does (50,000 a transaction), pointed
 * at run 1 and source 1 of the new database and at no cause (its causes table is empty).
 */
export function insertInTransactions(db, insert, rows) {
	const runAt = eventColumns.indexOf('run_id');
	const sourceAt = eventColumns.indexOf('source_id');
	const causeAt = eventColumns.indexOf('cause_id');
	for (let i = 0; i < rows.length; i += 50_000) {
		db.exec('BEGIN IMMEDIATE');
		for (const row of rows.slice(i, i + 50_000)) {
			row[runAt] = 1;
			row[sourceAt] = 1;
			row[causeAt] = null;
			insert.run(...row);
		}
		db.exec('COMMIT');
	}
}

/**
 * A new database with aadlog's schema in the temp folder, holding run 1 and source 1 for the
 * rows a benchmark inserts; `remove()` deletes it with its WAL once the benchmark closed it.
 */
export function scratchDatabase(name) {
	const target = path.join(os.tmpdir(), `aadlog-${name}-${process.pid}.db`);
	const remove = () => {
		for (const suffix of ['', '-wal', '-shm']) rmSync(target + suffix, {force: true});
	};
	remove();
	const db = openDatabase(target);
	db.exec(
		"INSERT INTO runs (id, started_at, status, version, inputs) VALUES (1, 'x', 'running', 'x', '[]'); INSERT INTO sources (id, run_id, path) VALUES (1, 1, 'x')",
	);
	return {db, remove};
}
