#!/usr/bin/env node
// npm run bench:report [-- --events 10000000]: how long `aadlog report` and the named
// queries take on a database of that many events. The database is built once (and kept in
// bench/data): `aadlog analyze` stores the 100 MB benchmark input, then SQL copies those
// events, each copy a day earlier, until there are enough. A copy's record key is minus its
// id: unique, and a stored (random 64-bit) key falls in that small range with odds of 1e-12. The
// copies are inserted with the secondary indexes dropped and rebuilt after: minutes, not
// the hour that storing 10 million generated records through analyze would take.
import {existsSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import Database from 'better-sqlite3';
import {generateSignins} from './generate.js';
import {median, timedOnce} from './timing.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const arg = process.argv.indexOf('--events');
const wanted = arg > 0 ? Number(process.argv[arg + 1]) : 10_000_000;
const dataDir = path.join(root, 'bench', 'data');
const input = path.join(dataDir, 'signins-100mb.jsonl');
const dbFile = path.join(dataDir, `report-${wanted}.db`);
const bin = path.join(root, 'bin', 'aadlog');

const aadlog = (args) => timedOnce(process.execPath, [bin, ...args]);

function build() {
	if (!existsSync(input)) throw new Error(`${input} is missing: npm run bench generates it`);
	const partial = dbFile + '.partial';
	for (const suffix of ['', '-wal', '-shm']) rmSync(partial + suffix, {force: true});
	process.stderr.write(`storing ${input} ...\n`);
	aadlog(['analyze', '-q', '--json', '--db', partial, input]);
	const db = new Database(partial);
	const base = db.prepare('SELECT max(id) FROM events').pluck().get();
	const indexes = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('events', 'event_causes') AND sql IS NOT NULL").all();
	for (const {name} of indexes) db.exec(`DROP INDEX ${name}`);
	const columns = db.prepare("SELECT name FROM pragma_table_info('events') WHERE name NOT IN ('id', 'record_key', 'time')").pluck().all().join(', ');
	const copyEvents = db.prepare(`INSERT INTO events (id, record_key, time, ${columns})
		SELECT id + @k * @base, -(id + @k * @base), strftime('%Y-%m-%dT%H:%M:%fZ', time, '-' || @k || ' days'), ${columns} FROM events WHERE id <= @base`);
	const copyCauses = db.prepare('INSERT INTO event_causes (event_id, rank, cause_id, evidence) SELECT event_id + @k * @base, rank, cause_id, evidence FROM event_causes WHERE event_id <= @base');
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
	for (const suffix of ['-wal', '-shm']) rmSync(partial + suffix, {force: true});
}

if (!existsSync(input)) await generateSignins(input, 100);
if (!existsSync(dbFile)) build();
// The rollup that reports read: the writer keeps it current, but the copies above went in by
// SQL (and a database from before the rollup has none), so it catches up once, timed.
const {openDatabase} = await import('../dist/store/database.js');
const {refreshRollup} = await import('../dist/store/rollup.js');
const started = performance.now();
const writable = openDatabase(dbFile);
const caughtUp = refreshRollup(writable);
writable.close();
const catchUpSeconds = (performance.now() - started) / 1000;
const events = new Database(dbFile, {readonly: true}).prepare('SELECT count(*) FROM events').pluck().get();
const rows = [];
if (caughtUp > 0) rows.push([`rollup catching up on ${caughtUp} events (once, in-process)`, catchUpSeconds, null]);
// The median of 3 runs: the first run of a command can find the 8 GB file out of the page cache.
const runs = 3;
const time = (what, args) => {
	const all = Array.from({length: runs}, () => aadlog(args));
	const seconds = median(all.map((r) => r.seconds));
	rows.push([what, seconds, Math.max(...all.map((r) => r.rssMb))]);
};
time('aadlog report (text, whole database)', ['report', '--db', dbFile]);
time('aadlog report --format html', ['report', '--db', dbFile, '--format', 'html', '--out', path.join(dataDir, 'report.html')]);
time('aadlog report --since 7d (a window)', ['report', '--db', dbFile, '--since', '2026-11-03T00:00Z', '--until', '2026-11-10T00:00Z']);
for (const name of ['top-causes', 'by-app', 'by-user', 'by-day', 'codes', 'new-causes']) time(`aadlog query ${name}`, ['query', '--db', dbFile, name]);
time('aadlog query correlation <id>', ['query', '--db', dbFile, 'correlation', '00000002-0000-4000-8000-000000000007']);
time('aadlog trace <id>', ['trace', '--db', dbFile, '00000002-0000-4000-8000-000000000007']);

const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, node ${process.version}`;
const lines = [
	'# aadlog report and query speed',
	'',
	`\`npm run bench:report${wanted === 10_000_000 ? '' : ` -- --events ${wanted}`}\` on ${new Date().toISOString().slice(0, 10)}: a database of ${events} events (${machine}). Median of ${runs} runs each, end to end (process start included).`,
	'',
	'| what | seconds | peak RSS MB |',
	'| --- | ---: | ---: |',
	...rows.map(([what, s, rss]) => `| ${what} | ${s.toFixed(2)} | ${rss === null ? '-' : rss.toFixed(0)} |`),
	'',
];
console.log('\n' + lines.join('\n'));
writeFileSync(path.join(root, 'bench', 'report-results.md'), lines.join('\n'));
