#!/usr/bin/env node
// npm run bench [-- --mb 100]: end-to-end speed of `aadlog analyze` on a generated JSONL
// export, beside the bare JSON.parse floor and jq doing only a group-by on the same file.
// The same records as JSON Lines, one JSON array and an Event Hub envelope; DuckDB's
// group-by beside jq's; seconds per stage; the table is written to bench/results.md.
// `npm run bench -- --mb 1000` for the 1 GB run.
import {spawnSync} from 'node:child_process';
import {createReadStream, createWriteStream, existsSync, mkdirSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {once} from 'node:events';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const mbArg = process.argv.indexOf('--mb');
const targetMb = mbArg > 0 ? Number(process.argv[mbArg + 1]) : 100;
const dataDir = path.join(root, 'bench', 'data');
const file = path.join(dataDir, `signins-${targetMb}mb.jsonl`);

// ~30% failures over a spread of codes; deterministic (seeded), so runs compare.
const codes = [50126, 50076, 53003, 700016, 50053, 65001, 70008, 50140, 50058, 7000215, 50105, 90094, 500011, 50173, 700082, 50011, 53000, 50079, 81012, 70043];
async function generate() {
	mkdirSync(dataDir, {recursive: true});
	const out = createWriteStream(file);
	let seed = 42;
	const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
	let bytes = 0;
	for (let i = 0; bytes < targetMb * 1e6; i++) {
		const code = rand() < 0.3 ? codes[Math.floor(rand() * codes.length)] : 0;
		const g = (n) => `${(n >>> 0).toString(16).padStart(8, '0')}-0000-4000-8000-${String(i).padStart(12, '0')}`;
		const line = JSON.stringify({
			id: g(1), createdDateTime: new Date(Date.UTC(2026, 10, 1) + i * 1000).toISOString(), correlationId: g(2),
			userPrincipalName: `user${Math.floor(rand() * 5000)}@contoso.com`, userId: g(3), appId: g(Math.floor(rand() * 50)), appDisplayName: 'Contoso App',
			ipAddress: `203.0.113.${Math.floor(rand() * 250)}`, clientAppUsed: 'Browser', conditionalAccessStatus: code === 53003 ? 'failure' : 'notApplied',
			isInteractive: rand() < 0.3, resourceDisplayName: 'Microsoft Graph', resourceId: '00000003-0000-0000-c000-000000000000',
			status: {errorCode: code, failureReason: code ? 'The sign-in failed.' : 'Other.', additionalDetails: null},
			deviceDetail: {deviceId: '', displayName: null, operatingSystem: 'Windows 10', browser: 'Edge 120.0.0', isCompliant: null, isManaged: null, trustType: null},
			location: {city: 'Redmond', state: 'Washington', countryOrRegion: 'US', geoCoordinates: {altitude: null, latitude: 47.68, longitude: -122.12}},
			appliedConditionalAccessPolicies: [{id: g(4), displayName: 'Require MFA for admins', enforcedGrantControls: ['Mfa'], enforcedSessionControls: [], result: 'notApplied'}],
			authenticationProcessingDetails: [{key: 'Legacy TLS (TLS 1.0, 1.1, 3DES)', value: 'False'}, {key: 'Is CAE Token', value: 'False'}],
		}) + '\n';
		bytes += line.length;
		if (!out.write(line)) await once(out, 'drain');
	}
	out.end();
	await once(out, 'finish');
}

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

function timed(command, args, env = {}) {
	const hasTime = existsSync('/usr/bin/time');
	const start = performance.now();
	const r = hasTime
		? spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], {encoding: 'utf8', env: {...process.env, ...env}, maxBuffer: 1 << 28})
		: spawnSync(command, args, {encoding: 'utf8', env: {...process.env, ...env}, maxBuffer: 1 << 28});
	const seconds = (performance.now() - start) / 1000;
	if (r.status !== 0) throw new Error(`${command} failed: ${r.stderr}`);
	const rssKb = hasTime ? Number(r.stderr.trim().split('\n').at(-1)) : NaN;
	return {seconds, rssMb: rssKb / 1024, stdout: r.stdout, stderr: r.stderr};
}

if (!existsSync(file)) {
	process.stderr.write(`generating ${file} ...\n`);
	await generate();
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

const mb = statSync(file).size / 1e6;
const rows = [];
const fl = await floor();
rows.push(['bare JSONL split + JSON.parse (floor)', fl.seconds, NaN]);
const db = path.join(dataDir, 'bench.db');
const stages = {};
function aadlog(input, label) {
	for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, {force: true});
	const run = timed(process.execPath, [path.join(root, 'bin', 'aadlog'), 'analyze', '--json', '--db', db, input], {AADLOG_PROFILE: '1'});
	const profile = /aadlog-profile (\{.*\})/.exec(run.stderr ?? '');
	if (profile) stages[label] = JSON.parse(profile[1]);
	rows.push([label, run.seconds, run.rssMb]);
	return JSON.parse(run.stdout).records;
}
const records = aadlog(file, 'aadlog analyze, JSON Lines (extract + classify + store)');
aadlog(arrayFile, 'aadlog analyze, the same as one JSON array');
aadlog(envelopeFile, 'aadlog analyze, the same as {"records": [...]}');
if (spawnSync('jq', ['--version']).status === 0) {
	const jq = timed('jq', ['-n', '[inputs | .status.errorCode | select(. != 0)] | group_by(.) | map({code: .[0], n: length})', file]);
	rows.push(['jq: failure count by code only', jq.seconds, jq.rssMb]);
}
try {
	const duck = timed(process.execPath, [path.join(root, 'bench', 'duckdb-groupby.js'), file]);
	rows.push([`DuckDB read_json_auto: failure count by code only (${os.cpus().length} threads)`, duck.seconds, duck.rssMb]);
} catch (error) {
	process.stderr.write(`DuckDB skipped: ${error.message.split('\n')[0]}\n`);
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const machine = `${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}, node ${process.version}`;
const lines = [
	`# aadlog benchmark`,
	'',
	`\`npm run bench${targetMb === 100 ? '' : ` -- --mb ${targetMb}`}\` on ${new Date().toISOString().slice(0, 10)}: ${mb.toFixed(0)} MB of generated Graph sign-ins (${records} records, ~30% failures over ${codes.length} codes), one run each.`,
	`Machine: ${machine}. Peak RSS from /usr/bin/time.`,
	'',
	'| what | seconds | MB/s | records/s | peak RSS MB | vs floor |',
	'| --- | ---: | ---: | ---: | ---: | ---: |',
	...rows.map(([what, s, rss]) => `| ${what} | ${s.toFixed(2)} | ${(mb / s).toFixed(0)} | ${Math.round(records / s)} | ${Number.isNaN(rss) ? '-' : rss.toFixed(0)} | ${(fl.seconds / s).toFixed(2)}x |`),
	'',
	'Seconds per stage inside aadlog (AADLOG_PROFILE=1; read = reading and parsing, store = SQLite):',
	'',
	'| input | ' + ['read', 'extract', 'classify', 'aggregate', 'store', 'link'].join(' | ') + ' |',
	'| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
	...Object.entries(stages).map(([label, s]) => `| ${label.replace('aadlog analyze, ', '')} | ${['read', 'extract', 'classify', 'aggregate', 'store', 'link'].map((k) => (s[k] ?? 0).toFixed(2)).join(' | ')} |`),
	'',
];
console.log('\n' + lines.join('\n'));
writeFileSync(path.join(root, 'bench', 'results.md'), lines.join('\n'));
