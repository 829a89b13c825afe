#!/usr/bin/env node
// npm run bench [-- --mb 100]: end-to-end speed of `aadlog analyze` on a generated JSONL
// export, beside the bare JSON.parse floor and jq doing only a group-by on the same file.
// The same records as JSON Lines, one JSON array and an Event Hub envelope; DuckDB's
// group-by beside jq's; seconds per stage; the table is written to bench/results.md
// (bench/results-1000mb.md for --mb 1000).
// `npm run bench -- --mb 1000` for the 1 GB run; `--runs N` runs of each (median; default 3).
import {spawnSync} from 'node:child_process';
import {closeSync, createReadStream, createWriteStream, existsSync, mkdirSync, openSync, readdirSync, readSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {once} from 'node:events';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {codes, generateSignins} from './generate.js';
import {median, timedOnce} from './timing.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const mbArg = process.argv.indexOf('--mb');
const targetMb = mbArg > 0 ? Number(process.argv[mbArg + 1]) : 100;
const dataDir = path.join(root, 'bench', 'data');
const file = path.join(dataDir, `signins-${targetMb}mb.jsonl`);

async function floor() {
	const start = performance.now();
	let records = 0;
	let rest = Buffer.alloc(0);
	for await (const chunk of createReadStream(file, {highWaterMark: 1 << 20})) {
		const buf = rest.length ? Buffer.concat([rest, chunk]) : chunk;
		let at = 0;
		for (let nl = buf.indexOf(10); nl !== -1; nl = buf.indexOf(10, at)) {
			JSON.parse(buf.toString('utf8', at, nl));
			records++;
			at = nl + 1;
		}
		rest = buf.subarray(at);
	}
	return {seconds: (performance.now() - start) / 1000, records};
}

/**
 * Reads the input (a file, or a folder's files) once and drops the bytes, just before a
 * timed run: every tool then reads it from the page cache. This machine reclaims page cache
 * eagerly, so without this a 1 GB run was sometimes timed reading from disk (a floor of
 * 26 s instead of 4.4 s).
 */
function warm(input) {
	if (statSync(input).isDirectory()) {
		for (const name of readdirSync(input)) warm(path.join(input, name));
		return;
	}
	const fd = openSync(input, 'r');
	const buffer = Buffer.allocUnsafe(1 << 20);
	try {
		while (readSync(fd, buffer, 0, buffer.length, null) > 0);
	} finally {
		closeSync(fd);
	}
}

/** Each measurement is the median of `runs` runs (`--runs N`, default 3): this machine's noise is 10-30%. */
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;

/** The median run by seconds (its stdout, stderr and stages), and the highest peak RSS of all runs. */
function timed(command, args, input, env = {}, before = () => {}) {
	const all = [];
	for (let i = 0; i < runs; i++) {
		before();
		warm(input);
		all.push(timedOnce(command, args, env));
	}
	const middle = all.find((r) => r.seconds === median(all.map((r) => r.seconds)));
	return {...middle, rssMb: Math.max(...all.map((r) => r.rssMb))};
}

if (!existsSync(file)) {
	process.stderr.write(`generating ${file} ...\n`);
	await generateSignins(file, targetMb);
}

/** The same records as one JSON array and as an Event Hub `{"records": [...]}` document. */
async function derive(target, open, separator, close) {
	if (existsSync(target)) return;
	const out = createWriteStream(target);
	out.write(open);
	let first = true;
	let rest = '';
	for await (const chunk of createReadStream(file, {encoding: 'utf8', highWaterMark: 1 << 20})) {
		const lines = (rest + chunk).split('\n');
		rest = lines.pop();
		for (const line of lines) {
			if (!line) continue;
			if (!out.write((first ? '' : separator) + line)) await once(out, 'drain');
			first = false;
		}
	}
	out.end(close);
	await once(out, 'finish');
}
const arrayFile = file.replace(/\.jsonl$/, '.array.json');
const envelopeFile = file.replace(/\.jsonl$/, '.records.json');
await derive(arrayFile, '[\n', ',\n', '\n]\n');
await derive(envelopeFile, '{"records": [', ',', ']}\n');

/** The JSON Lines file cut into `parts` files of whole lines, in a folder of their own. */
async function split(parts) {
	const dir = path.join(dataDir, `signins-${targetMb}mb-${parts}-files`);
	if (existsSync(dir)) return dir;
	mkdirSync(dir);
	const size = statSync(file).size;
	let part = 0;
	let written = 0;
	let out = createWriteStream(path.join(dir, 'part-0.jsonl'));
	let rest = '';
	for await (const chunk of createReadStream(file, {encoding: 'utf8', highWaterMark: 1 << 20})) {
		const lines = (rest + chunk).split('\n');
		rest = lines.pop();
		for (const line of lines) {
			if (written > ((part + 1) * size) / parts && part < parts - 1) {
				out.end();
				await once(out, 'finish');
				out = createWriteStream(path.join(dir, `part-${++part}.jsonl`));
			}
			written += line.length + 1;
			if (!out.write(line + '\n')) await once(out, 'drain');
		}
	}
	out.end();
	await once(out, 'finish');
	return dir;
}

const mb = statSync(file).size / 1e6;
const rows = [];
const floors = [];
for (let i = 0; i < runs; i++) {
	warm(file);
	floors.push(await floor());
}
const fl = {seconds: median(floors.map((f) => f.seconds))};
rows.push(['bare JSONL split + JSON.parse (floor)', fl.seconds, NaN]);
const db = path.join(dataDir, 'bench.db');
const stages = {};
function aadlog(input, label, env = {}, options = []) {
	const freshDb = () => {
		for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, {force: true});
	};
	const run = timed(process.execPath, [path.join(root, 'bin', 'aadlog'), 'analyze', '--json', ...options, '--db', db, input], input, {AADLOG_PROFILE: '1', ...env}, freshDb);
	const profile = /aadlog-profile (\{.*\})/.exec(run.stderr ?? '');
	if (profile) stages[label] = JSON.parse(profile[1]);
	rows.push([label, run.seconds, run.rssMb]);
	return JSON.parse(run.stdout).records;
}
const records = aadlog(file, 'aadlog analyze, JSON Lines (extract + classify + store)');
aadlog(file, 'aadlog analyze, JSON Lines, SQLite in the main thread (AADLOG_WRITER_THREAD=0)', {AADLOG_WRITER_THREAD: '0'});
aadlog(arrayFile, 'aadlog analyze, the same as one JSON array');
aadlog(envelopeFile, 'aadlog analyze, the same as {"records": [...]}');
const fourFiles = await split(4);
aadlog(fourFiles, 'aadlog analyze, the same JSON Lines as 4 files in a folder');
aadlog(fourFiles, 'aadlog analyze, the same 4 files, --readers 2 (two reader threads)', {}, ['--readers', '2']);
// A nightly folder: Azure's exports write a file an hour (or every five minutes), so a
// folder holds thousands; what each file costs beyond its records shows here.
aadlog(await split(2000), 'aadlog analyze, the same JSON Lines as 2,000 files in a folder');
if (spawnSync('jq', ['--version']).status === 0) {
	const jq = timed('jq', ['-n', '[inputs | .status.errorCode | select(. != 0)] | group_by(.) | map({code: .[0], n: length})', file], file);
	rows.push(['jq: failure count by code only', jq.seconds, jq.rssMb]);
}
let duckSeconds = NaN;
try {
	const duck = timed(process.execPath, [path.join(root, 'bench', 'duckdb-groupby.js'), file], file);
	duckSeconds = duck.seconds;
	rows.push([`DuckDB read_json_auto: failure count by code only (${os.cpus().length} threads)`, duck.seconds, duck.rssMb]);
	// The stretch: DuckDB as aadlog's reader, projecting the fields the extractors use.
	const projection = path.join(root, 'bench', 'duckdb-projection.js');
	const asRows = timed(process.execPath, [projection, file], file);
	rows.push(['DuckDB projecting 21 sign-in fields into JavaScript row objects', asRows.seconds, asRows.rssMb]);
	const asColumns = timed(process.execPath, [projection, file, '--columns'], file);
	rows.push(['DuckDB projecting the same fields, as columns (no row objects)', asColumns.seconds, asColumns.rssMb]);
} catch (error) {
	process.stderr.write(`DuckDB skipped: ${error.message.split('\n')[0]}\n`);
}

const stageNames = ['read', 'extract', 'classify', 'aggregate', 'store', 'link', 'rollup', 'writer'];
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const machine = `${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}, node ${process.version}`;
const lines = [
	`# aadlog benchmark`,
	'',
	`\`npm run bench${targetMb === 100 ? '' : ` -- --mb ${targetMb}`}\` on ${new Date().toISOString().slice(0, 10)}: ${mb.toFixed(0)} MB of generated Graph sign-ins (${records} records, ~30% failures over ${codes.length} codes), median of ${runs} runs each (peak RSS: the highest); the input is read once just before each run, so every run reads it from the page cache.`,
	`Machine: ${machine}. Peak RSS from /usr/bin/time.`,
	'',
	'Speed as a fraction of the floor\'s (1.00x = as fast as the floor) and time as a multiple of DuckDB\'s group-by.',
	'',
	'| what | seconds | MB/s | records/s | peak RSS MB | speed vs floor | time vs DuckDB |',
	'| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
	...rows.map(([what, s, rss]) => `| ${what} | ${s.toFixed(2)} | ${(mb / s).toFixed(0)} | ${Math.round(records / s)} | ${Number.isNaN(rss) ? '-' : rss.toFixed(0)} | ${(fl.seconds / s).toFixed(2)}x | ${Number.isNaN(duckSeconds) ? '-' : `${(s / duckSeconds).toFixed(1)}x`} |`),
	'',
	'Seconds per stage in the main thread (AADLOG_PROFILE=1; read = reading and parsing; store = building rows,',
	'plus waiting for SQLite: all of SQLite in the main thread, only a full queue or a sync with the writer thread).',
	'writer = seconds inside SQLite transactions, in whichever thread wrote them (in the writer thread they overlap the rest):',
	'',
	'| input | ' + stageNames.join(' | ') + ' |',
	'| --- | ' + stageNames.map(() => '---:').join(' | ') + ' |',
	...Object.entries(stages).map(([label, s]) => `| ${label.replace('aadlog analyze, ', '')} | ${stageNames.map((k) => (s[k] ?? 0).toFixed(2)).join(' | ')} |`),
	'',
];
console.log('\n' + lines.join('\n'));
writeFileSync(path.join(root, 'bench', targetMb === 100 ? 'results.md' : `results-${targetMb}mb.md`), lines.join('\n'));
