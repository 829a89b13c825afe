#!/usr/bin/env node
// npm run bench:report [-- --events 10000000]: how long `aadlog report` and the named
// queries take on a database of that many events (bench/report-db.js builds it once, from
// the 100 MB small Graph input, and keeps it in bench/data). Writes bench/report-results.md.
// `npm run bench` times the same commands for its report target.
import {writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {generate} from './generate.js';
import {ensureReportDb} from './report-db.js';
import {timeReports} from './reports.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const arg = process.argv.indexOf('--events');
const wanted = arg > 0 ? Number(process.argv[arg + 1]) : 10_000_000;
const runs = 3;

const input = await generate({shape: 'graph', profile: 'small', mb: 100});
const db = await ensureReportDb(input, wanted);
const rows = [];
if (db.caughtUp > 0) rows.push([`rollup catching up on ${db.caughtUp} events (once, in-process)`, db.catchUpSeconds, null]);
rows.push(...timeReports(db.file, runs));

const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, node ${process.version}`;
const lines = [
	'# aadlog report and query speed',
	'',
	`\`npm run bench:report${wanted === 10_000_000 ? '' : ` -- --events ${wanted}`}\` on ${new Date().toISOString().slice(0, 10)}: a database of ${db.events} events (${machine}). Median of ${runs} runs each, end to end (process start included).`,
	'',
	'| what | seconds | peak RSS MB |',
	'| --- | ---: | ---: |',
	...rows.map(([what, s, rss]) => `| ${what} | ${s.toFixed(2)} | ${rss === null ? '-' : rss.toFixed(0)} |`),
	'',
];
console.log('\n' + lines.join('\n'));
if (wanted === 10_000_000) writeFileSync(path.join(root, 'bench', 'report-results.md'), lines.join('\n'));
