// How long `aadlog report`, the named queries and `trace` take on a big database, end to
// end (process start included): the rows of bench/report.js and of bench/run.js's report target.
import path from 'node:path';
import {dataDir} from './generate.js';
import {aadlog} from './report-db.js';
import {median} from './timing.js';

/** An id of the base run that every copy keeps (the copies change the numeric ids, not the Request ID). */
const knownId = '00020000-0000-4000-8000-000000000007';

/** [what, median seconds, peak RSS MB] per command, `runs` runs each (the first can find the file out of the page cache). */
export function timeReports(dbFile, runs) {
	const rows = [];
	const time = (what, args) => {
		const all = Array.from({length: runs}, () => aadlog(args));
		rows.push([what, median(all.map((r) => r.seconds)), Math.max(...all.map((r) => r.rssMb))]);
	};
	time('aadlog report (text, whole database)', ['report', '--db', dbFile]);
	time('aadlog report --format html', ['report', '--db', dbFile, '--format', 'html', '--out', path.join(dataDir, 'report.html')]);
	time('aadlog report --since 7d (a window)', ['report', '--db', dbFile, '--since', '2026-10-25T00:00Z', '--until', '2026-11-01T00:00Z']);
	for (const name of ['top-causes', 'by-app', 'by-user', 'by-day', 'codes', 'new-causes']) time(`aadlog query ${name}`, ['query', '--db', dbFile, name]);
	time('aadlog query correlation <id>', ['query', '--db', dbFile, 'correlation', knownId]);
	time('aadlog trace <id>', ['trace', '--db', dbFile, knownId]);
	return rows;
}
