#!/usr/bin/env node
// node bench/micro/store-only.js DB: the store's floor. Inserts the events of DB (any
// database `aadlog analyze` wrote) into a new database with aadlog's schema, as the writer
// thread does (prepared, 50,000 events a transaction, WAL), and nothing else: no reading,
// no rules, no cause rows, no rollup. Once with every index of the events table, once with
// none but the record key's (which de-duplication needs), once with no index at all.
// Prints SQLite's seconds for each: what storing the events costs whatever the rest does.
import {eventColumns, insertInTransactions, scratchDatabase, storedEventRows} from './stored-events.js';

const rows = storedEventRows('bench/micro/store-only.js');

function store(keep) {
	const {db, remove} = scratchDatabase('store-only');
	const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' AND sql IS NOT NULL").pluck().all();
	for (const name of indexes) if (!keep(name)) db.exec(`DROP INDEX ${name}`);
	db.pragma('foreign_keys = OFF'); // the cause ids point at causes this database does not have
	const conflict = keep('events_by_record_key') ? ' ON CONFLICT(record_key) DO NOTHING' : '';
	const insert = db.prepare(`INSERT INTO events (${eventColumns.join(', ')}) VALUES (${eventColumns.map(() => '?').join(', ')})${conflict}`);
	const started = performance.now();
	insertInTransactions(db, insert, rows);
	const seconds = (performance.now() - started) / 1000;
	db.close();
	remove();
	return seconds;
}

const variants = {
	'every index': () => true,
	'the record key only': (name) => name === 'events_by_record_key',
	'no index': () => false,
};
console.log(`${rows.length} events, seconds in SQLite (3 runs each, alternating):`);
const times = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
for (let round = 0; round < 3; round++) for (const [name, keep] of Object.entries(variants)) times[name].push(store(keep));
for (const [name, list] of Object.entries(times)) console.log(`${name.padEnd(20)} ${list.map((s) => s.toFixed(2)).join(' ')}`);
