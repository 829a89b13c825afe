#!/usr/bin/env node
// node bench/micro/index-cost.js DB [INDEX...]: what each index of the events table costs the
// writer. Inserts the events of DB (any database `aadlog analyze` wrote) into a new database
// with aadlog's schema, as store-only.js does, once with every index and once without each
// of the named ones (default: every index a successful sign-in pays for), alternating, 3
// rounds. Prints the CPU seconds of the inserts per variant (CPU, not wall: on a shared
// machine the wall time measures the neighbours).
import {eventColumns, insertInTransactions, scratchDatabase, storedEventRows} from './stored-events.js';

const rows = storedEventRows('bench/micro/index-cost.js');
const named = process.argv.slice(3);
const dropped = named.length > 0 ? named : ['events_by_time', 'events_by_correlation', 'events_by_request_id', 'events_by_uti'];

function store(drop) {
	const {db, remove} = scratchDatabase('index-cost');
	if (drop) db.exec(`DROP INDEX ${drop}`);
	db.pragma('foreign_keys = OFF'); // the cause ids point at causes this database does not have
	const insert = db.prepare(
		`INSERT INTO events (${eventColumns.join(', ')}) VALUES (${eventColumns.map(() => '?').join(', ')}) ON CONFLICT(record_key) DO NOTHING`,
	);
	const started = process.cpuUsage();
	insertInTransactions(db, insert, rows);
	const used = process.cpuUsage(started);
	const seconds = (used.user + used.system) / 1e6;
	db.close();
	remove();
	return seconds;
}

const variants = [undefined, ...dropped];
const label = (drop) => (drop ? `without ${drop}` : 'every index');
console.log(`${rows.length} events, CPU seconds storing them (3 runs each, alternating):`);
const times = new Map(variants.map((v) => [v, []]));
for (let round = 0; round < 3; round++) for (const v of variants) times.get(v).push(store(v));
for (const [v, list] of times) console.log(`${label(v).padEnd(32)} ${list.map((s) => s.toFixed(2)).join(' ')}`);
