#!/usr/bin/env node
// npm run bench [-- --mb 100]: end-to-end speed of `aadlog analyze` on a generated JSONL
// export, beside the bare JSON.parse floor and jq doing only a group-by on the same file.
// A first cut of the benchmark (the performance issue extends it: arrays, 1 GB, DuckDB).
import {spawnSync} from 'node:child_process';
import {createReadStream, createWriteStream, existsSync, mkdirSync, rmSync, statSync} from 'node:fs';
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
	return {seconds, rssMb: rssKb / 1024, stdout: r.stdout};
}

if (!existsSync(file)) {
	process.stderr.write(`generating ${file} ...\n`);
	await generate();
}
const mb = statSync(file).size / 1e6;
const rows = [];
const fl = await floor();
rows.push(['bare JSONL split + JSON.parse (floor)', fl.seconds, NaN]);
const db = path.join(dataDir, 'bench.db');
for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, {force: true});
const aad = timed(process.execPath, [path.join(root, 'bin', 'aadlog'), 'analyze', '--json', '--db', db, file]);
const records = JSON.parse(aad.stdout).records;
rows.push(['aadlog analyze (extract + classify + store)', aad.seconds, aad.rssMb]);
if (spawnSync('jq', ['--version']).status === 0) {
	const jq = timed('jq', ['-n', '[inputs | .status.errorCode | select(. != 0)] | group_by(.) | map({code: .[0], n: length})', file]);
	rows.push(['jq: failure count by code only', jq.seconds, jq.rssMb]);
}
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`\n${mb.toFixed(0)} MB JSONL, ${records} sign-ins · node ${process.version} · ${os.cpus().length} × ${cpu}\n`);
console.log('| what | seconds | MB/s | records/s | peak RSS MB | vs floor |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const [what, s, rss] of rows) {
	console.log(`| ${what} | ${s.toFixed(2)} | ${(mb / s).toFixed(0)} | ${Math.round(records / s)} | ${Number.isNaN(rss) ? '-' : rss.toFixed(0)} | ${(fl.seconds / s).toFixed(2)}x |`);
}
