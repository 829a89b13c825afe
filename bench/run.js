#!/usr/bin/env node
// npm run bench [-- options]: issue 19's speed targets (bench/targets.js), each measured and
// printed with a PASS or FAIL line. `node bench/run.js --help` lists the options. The tables
// and verdicts go to bench/results.md (bench/results-1000mb.md for --mb 1000; other
// selections to bench/data/results-latest.md).
import {statSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {aadlogContender, duckContender, floorContender, hasDuckDb, hasJq, jqContender, recordsOf, stagesOf} from './contenders.js';
import {extraContenders} from './extras.js';
import {codePaths, codes, dataDir, derive, generate} from './generate.js';
import {timeNightly} from './nightly.js';
import {help, parseOptions} from './options.js';
import {ensureReportDb} from './report-db.js';
import {timeReports} from './reports.js';
import {targets, verdict} from './targets.js';
import {alternate, median} from './timing.js';

const root = fileURLToPath(new URL('..', import.meta.url));
let o;
try {
	o = parseOptions(process.argv.slice(2));
} catch (error) {
	process.stderr.write(`${error.message}\n`);
	process.exit(1);
}
if (o.help) {
	process.stdout.write(help);
	process.exit(0);
}

const out = [];
const verdicts = [];
const stages = {};
const duckDb = (o.groups.includes('jq') || o.groups.includes('extras')) && hasDuckDb();
const ratio = (a, b) => (Number.isFinite(a / b) ? `${(a / b).toFixed(2)}x` : '-');
const fixed = (n, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : '-');
const sizeNote = (mb, targetMb) => (mb < targetMb ? ` (at ${mb} MB, not the target's ${targetMb} MB)` : '');
const log = (line) => process.stderr.write(`${line}\n`);

/** One case's table: every contender's median seconds, rates, peak RSS and time as a multiple of the floor's, jq's and DuckDB's. */
function caseTable(title, what, mb, records, results) {
	const of = (kind) => results.find((r) => r.kind === kind)?.seconds;
	const [floor, jq, duck] = [of('floor'), of('jq'), of('duckdb')];
	out.push(
		`## ${title}`,
		'',
		'| what | seconds | MB/s | records/s | peak RSS MB | time vs floor | vs jq | vs DuckDB |',
		'| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
	);
	for (const r of results) {
		out.push(
			`| ${r.label} | ${fixed(r.seconds)} | ${fixed(mb / r.seconds, 0)} | ${fixed(records / r.seconds, 0)} | ${fixed(r.rssMb, 0)} | ${ratio(r.seconds, floor)} | ${ratio(r.seconds, jq)} | ${ratio(r.seconds, duck)} |`,
		);
		const s = stagesOf(r);
		if (s) stages[`${what}: ${r.label.replace(/^aadlog analyze, | \(read, extract.*$/g, '')}`] = s;
	}
	out.push('', `Runs (seconds, in order): ${results.map((r) => `${r.kind} ${r.all.map((s) => s.toFixed(2)).join(' / ')}`).join('; ')}.`, '');
}

async function endToEnd(shape, profile) {
	const file = await generate({shape, profile, mb: o.mb});
	const mb = statSync(file).size / 1e6;
	const jsonl = aadlogContender('aadlog analyze, JSON Lines (read, extract, classify, store into a fresh file)', file);
	const contenders = [];
	if (o.groups.includes('jq')) contenders.push(floorContender(file));
	contenders.push(jsonl);
	if (o.groups.includes('jq') && hasJq) contenders.push(jqContender(file, codePaths[shape]));
	if (o.groups.includes('jq') && duckDb) contenders.push(duckContender(file, codePaths[shape], os.cpus().length));
	if (o.groups.includes('formats')) {
		contenders.push({...aadlogContender('aadlog analyze, the same as one JSON array', await derive(file, 'array')), kind: 'array'});
		contenders.push({...aadlogContender('aadlog analyze, the same as {"records": [...]}', await derive(file, 'records')), kind: 'records'});
	}
	if (o.groups.includes('extras') && shape === 'graph' && profile === o.profiles[0]) contenders.push(...(await extraContenders(file, duckDb)));
	log(`${shape} ${profile} ${o.mb} MB: ${contenders.length} contenders, ${o.runs} alternating runs ...`);
	const results = alternate(contenders, o.runs).map((r, k) => ({...r, label: contenders[k].label, kind: contenders[k].kind}));
	const records = recordsOf(results.find((r) => r.kind === 'aadlog'));
	const title = `${shape} shape, ${profile} records, ${mb.toFixed(0)} MB (${records} records, ${fixed((mb * 1e6) / records / 1000)} KB each)`;
	const what = `${shape}/${profile} ${mb.toFixed(0)} MB`;
	caseTable(title, what, mb, records, results);
	const seconds = (kind) => results.find((r) => r.kind === kind)?.seconds;
	if (o.groups.includes('jq')) {
		const r = seconds('aadlog') / seconds('jq');
		const detail = hasJq
			? `aadlog ${fixed(seconds('aadlog'))} s / jq ${fixed(seconds('jq'))} s = ${fixed(r)}x${r <= targets.jq.aimRatio ? ' (at the aim)' : ''}`
			: 'jq is not installed';
		verdicts.push(
			verdict(
				hasJq ? r < targets.jq.maxRatio : undefined,
				`JSON Lines vs jq, ${what}`,
				detail,
				`< ${targets.jq.maxRatio}x jq; aim ${targets.jq.aimRatio}x`,
			),
		);
	}
	if (o.groups.includes('formats')) {
		for (const [kind, name] of [
			['array', 'JSON array'],
			['records', '{"records": [...]}'],
		]) {
			const r = seconds(kind) / seconds('aadlog');
			verdicts.push(
				verdict(
					r <= targets.formats.maxRatio,
					`${name} vs JSON Lines, ${what}`,
					`${fixed(seconds(kind))} s / ${fixed(seconds('aadlog'))} s = ${fixed(r)}x`,
					`<= ${targets.formats.maxRatio}x`,
				),
			);
		}
	}
}

async function peakRss() {
	const file = await generate({shape: 'graph', profile: 'small', mb: o.rssMb});
	log(`peak RSS: one run over ${file} ...`);
	const [r] = alternate([aadlogContender('aadlog analyze, JSON Lines', file)], 1);
	const mb = statSync(file).size / 1e6;
	out.push(
		`## Peak RSS, ${mb.toFixed(0)} MB of small Graph records`,
		'',
		`One run: ${fixed(r.seconds)} s (${fixed(mb / r.seconds, 0)} MB/s, ${fixed(recordsOf(r) / r.seconds, 0)} records/s), peak RSS ${fixed(r.rssMb, 0)} MB.`,
		'',
	);
	verdicts.push(
		verdict(
			Number.isFinite(r.rssMb) ? r.rssMb < targets.rss.maxMb : undefined,
			`peak RSS${sizeNote(o.rssMb, targets.rss.atMb)}`,
			`${fixed(r.rssMb, 0)} MB over ${mb.toFixed(0)} MB`,
			`< ${targets.rss.maxMb} MB at ${targets.rss.atMb} MB`,
		),
	);
}

async function bigDatabase() {
	const base = await generate({shape: 'graph', profile: 'small', mb: o.baseMb});
	log(`the ${o.events}-event database ...`);
	const report = await ensureReportDb(base, o.events);
	if (report.caughtUp > 0) out.push(`The rollup caught up on ${report.caughtUp} events first (in-process, once): ${fixed(report.catchUpSeconds)} s.`, '');
	const eventsNote = report.events < targets.nightly.events * 0.9 ? ` (on ${report.events} events, not the target's ${targets.nightly.events})` : '';
	if (o.groups.includes('nightly')) {
		log(`nightly: ${o.runs} alternating pairs ...`);
		const n = await timeNightly(report, {mb: o.baseMb, runs: o.runs});
		const fresh = median(n.fresh.map((r) => r.seconds));
		const big = median(n.big.map((r) => r.seconds));
		out.push(
			`## Nightly run: ${o.baseMb} MB of new small Graph sign-ins`,
			'',
			'| into | seconds (median) | runs | peak RSS MB |',
			'| --- | ---: | --- | ---: |',
		);
		out.push(
			`| a fresh database | ${fixed(fresh)} | ${n.fresh.map((r) => r.seconds.toFixed(2)).join(' / ')} | ${fixed(Math.max(...n.fresh.map((r) => r.rssMb)), 0)} |`,
		);
		out.push(
			`| a copy of the report database (${n.eventsBefore} events before) | ${fixed(big)} | ${n.big.map((r) => r.seconds.toFixed(2)).join(' / ')} | ${fixed(Math.max(...n.big.map((r) => r.rssMb)), 0)} |`,
			'',
		);
		verdicts.push(
			verdict(
				big / fresh <= targets.nightly.maxRatio,
				`nightly run into the big database vs a fresh one${eventsNote}`,
				`${fixed(big)} s / ${fixed(fresh)} s = ${fixed(big / fresh)}x`,
				`<= ${targets.nightly.maxRatio}x`,
			),
		);
	}
	if (o.groups.includes('reports')) {
		log('reports ...');
		const rows = timeReports(report.file, o.runs);
		out.push(
			`## Reports on ${report.events} events (median of ${o.runs}, end to end)`,
			'',
			'| what | seconds | peak RSS MB |',
			'| --- | ---: | ---: |',
			...rows.map(([what, s, rss]) => `| ${what} | ${fixed(s)} | ${fixed(rss, 0)} |`),
			'',
		);
		const slowest = rows.reduce((a, b) => (b[1] > a[1] ? b : a));
		verdicts.push(
			verdict(
				slowest[1] < targets.reports.maxSeconds,
				`reports${eventsNote}`,
				`slowest ${slowest[0]}: ${fixed(slowest[1])} s`,
				`every one < ${targets.reports.maxSeconds} s`,
			),
		);
	}
}

const started = performance.now();
if (['jq', 'formats', 'extras'].some((g) => o.groups.includes(g))) {
	for (const shape of o.shapes) for (const profile of o.profiles) await endToEnd(shape, profile);
}
if (o.groups.includes('rss')) await peakRss();
if (o.groups.includes('nightly') || o.groups.includes('reports')) await bigDatabase();

const stageNames = [...new Set(Object.values(stages).flatMap((s) => Object.keys(s)))];
if (stageNames.length) {
	out.push(
		'## Seconds per stage (AADLOG_PROFILE=1, the median run)',
		'',
		`| input | ${stageNames.join(' | ')} |`,
		`| --- | ${stageNames.map(() => '---:').join(' | ')} |`,
	);
	out.push(...Object.entries(stages).map(([label, s]) => `| ${label} | ${stageNames.map((k) => fixed(s[k] ?? 0)).join(' | ')} |`), '');
}
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}, node ${process.version}`;
const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
const head = [
	'# aadlog benchmark',
	'',
	`\`${command}\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${((performance.now() - started) / 60000).toFixed(1)} minutes. Generated sign-ins (~30% failures over ${codes.length} codes); ${o.runs} alternating run(s) of each contender, the median reported (peak RSS: the highest); each input is read just before each run, so every run reads it from the page cache. Time ratios: below 1 is faster than the other.`,
	`Machine: ${machine}. Peak RSS from /usr/bin/time.`,
	'',
	'## Targets',
	'',
	...(verdicts.length ? verdicts.map((v) => `    ${v}`) : ['No target in this selection.']),
	...(verdicts.length ? ['', ['PASS', 'FAIL', 'SKIP'].map((word) => `${verdicts.filter((v) => v.startsWith(word)).length} ${word}`).join(', ') + '.'] : []),
	'',
];
const text = [...head, ...out].join('\n');
console.log(`\n${text}`);
const target = o.canonical ? path.join(root, 'bench', o.mb === 100 ? 'results.md' : `results-${o.mb}mb.md`) : path.join(dataDir, 'results-latest.md');
writeFileSync(target, text);
log(`written to ${path.relative(root, target)}`);
if (o.strict && verdicts.some((v) => v.startsWith('FAIL'))) process.exit(1);
