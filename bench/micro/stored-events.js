// The micro-benchmarks' input: a database `aadlog analyze` wrote, named on the command line,
// whose events rows they read in the order the writer binds them (eventColumns).
import Database from 'better-sqlite3';

export {eventColumns} from '../../dist/store/event-rows.js';

/** The database named by the first argument, opened read-only; `script` is named in the usage error. */
export function openStoredEvents(script) {
	const file = process.argv[2];
	if (!file) throw new Error(`usage: node ${script} DB`);
	return new Database(file, {readonly: true});
}
