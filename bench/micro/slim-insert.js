#!/usr/bin/env node
// node bench/micro/slim-insert.js DB [SQL]: what binding only a successful sign-in's own
// columns saves the writer, and (SQL, run on the new database first, e.g. 'DROP INDEX
// events_by_time') what an index costs the successes. Inserts the successes of DB (any database `aadlog analyze` wrote) into a
// new database with aadlog's schema, in one transaction: once through the INSERT of every
// column (the dropped ones bound as NULL), once through the INSERT of the slim columns alone
// (row-layout.ts). 5 alternating rounds; prints the CPU seconds of the inserts.
import {slimLayout} from '../../dist/store/row-layout.js';
import {eventColumns, scratchDatabase, storedEventRows} from './stored-events.js';

const rows = storedEventRows('bench/micro/slim-insert.js', "kind = 'signin' AND outcome = 'success'");
for (const row of rows) {
	row[eventColumns.indexOf('run_id')] = 1;
	row[eventColumns.indexOf('source_id')] = 1;
}
const slimColumns = slimLayout.columns;
const slimRows = rows.map((row) => slimColumns.map((column) => row[eventColumns.indexOf(column)]));
const variants = {'every column': [eventColumns, rows], 'slim columns': [slimColumns, slimRows]};

function store(columns, values) {
	const {db, remove} = scratchDatabase('slim-insert');
	if (process.argv[3]) db.exec(process.argv[3]);
	const insert = db.prepare(`INSERT INTO events (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ON CONFLICT(record_key) DO NOTHING`);
	const started = process.cpuUsage();
	db.exec('BEGIN IMMEDIATE');
	for (const row of values) insert.run(...row);
	db.exec('COMMIT');
	const used = process.cpuUsage(started);
	db.close();
	remove();
	return (used.user + used.system) / 1e6;
}

console.log(`${rows.length} successful sign-ins, CPU seconds storing them (5 runs each, alternating):`);
const times = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
for (let round = 0; round < 5; round++) for (const [name, [columns, values]] of Object.entries(variants)) times[name].push(store(columns, values));
for (const [name, list] of Object.entries(times)) console.log(`${name.padEnd(14)} ${list.map((s) => s.toFixed(2)).join(' ')}`);
