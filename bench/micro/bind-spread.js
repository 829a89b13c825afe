#!/usr/bin/env node
// node bench/micro/bind-spread.js DB: binding an events row's 42 values to a statement as
// one array, run(row), or as arguments, run(...row) (batch-writer.ts uses the second).
// DB: any database `aadlog analyze` wrote. The statement is a bare SELECT of the 42
// parameters in memory, so only the binding is timed.
import Database from 'better-sqlite3';
import {eventColumns, openStoredEvents} from './stored-events.js';

const src = openStoredEvents('bench/micro/bind-spread.js');
src.defaultSafeIntegers(true);
const rows = src
	.prepare(`SELECT ${eventColumns.join(', ')} FROM events LIMIT 200000`)
	.raw()
	.all();
src.close();
const select = new Database(':memory:').prepare(`SELECT ${eventColumns.map(() => '?').join(', ')}`);
const times = {array: [], spread: []};
for (let round = 0; round < 5; round++) {
	let started = performance.now();
	for (const row of rows) select.run(row);
	times.array.push(performance.now() - started);
	started = performance.now();
	for (const row of rows) select.run(...row);
	times.spread.push(performance.now() - started);
}
console.log(`${rows.length} rows, 5 rounds each (ms):`);
for (const [name, list] of Object.entries(times)) console.log(`${name.padEnd(7)} ${list.map(Math.round).join(' ')}`);
