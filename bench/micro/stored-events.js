// The micro-benchmarks' input: a database `aadlog analyze` wrote, named on the command line,
// whose events rows they read in the order the writer binds them (eventColumns).
import Database from 'better-sqlite3';

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
