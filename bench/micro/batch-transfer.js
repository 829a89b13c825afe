#!/usr/bin/env node
// node bench/micro/batch-transfer.js DB: what handing batches to the writer thread costs,
// with 1,000 events a batch as row arrays (one array of 42 values per event) or as columns
// (event-columns.ts: 42 arrays, and a column of one value as that value). DB: any database
// `aadlog analyze` wrote, e.g. `aadlog analyze --db /tmp/m.db bench/data/graph-small-100mb.jsonl`.
// Prints the time the posting thread spends in postMessage and the time the receiving
// thread is busy (rebuilding the messages), per run of up to 200,000 events.
import {Worker} from 'node:worker_threads';
import {EventColumnsBuilder} from '../../dist/store/event-columns.js';
import {eventColumns, openStoredEvents} from './stored-events.js';

const src = openStoredEvents('bench/micro/batch-transfer.js');
const rows = src
	.prepare(`SELECT id, ${eventColumns.join(', ')} FROM events ORDER BY id LIMIT 200000`)
	.raw()
	.all();
const causes = src.prepare('SELECT event_id, cause_id, evidence FROM event_causes WHERE event_id <= ? ORDER BY event_id, rank').raw().all(rows.at(-1)[0]);
src.close();
const causesOf = new Map();
for (const [id, cause, evidence] of causes) causesOf.set(id, [...(causesOf.get(id) ?? []), [cause, evidence]]);
const events = rows.map(([id, key, ...rest]) => ({event: [BigInt(key), ...rest], causes: causesOf.get(id) ?? [], tokens: []}));

const asRows = [];
const asColumns = [];
for (let i = 0; i < events.length; i += 1000) {
	const slice = events.slice(i, i + 1000);
	asRows.push({events: slice, rejects: [], sourceTotals: []});
	const builder = new EventColumnsBuilder();
	for (const e of slice) builder.add(e);
	asColumns.push({events: builder.take(), rejects: [], sourceTotals: []});
}

const receiver = `const {parentPort} = require('node:worker_threads'); const {performance} = require('node:perf_hooks'); let since;
parentPort.on('message', (m) => { if (m === 'start') since = performance.eventLoopUtilization(); else if (m === 'end') parentPort.postMessage(performance.eventLoopUtilization(since).active); });`;

async function measure(batches) {
	const worker = new Worker(receiver, {eval: true});
	await new Promise((resolve) => setTimeout(resolve, 200));
	worker.postMessage('start');
	const started = performance.now();
	for (const batch of batches) worker.postMessage(batch);
	const post = performance.now() - started;
	worker.postMessage('end');
	const busy = await new Promise((resolve) => worker.once('message', resolve));
	await worker.terminate();
	return {post, busy};
}

const results = {rows: [], columns: []};
for (let round = 0; round < 5; round++) {
	results.rows.push(await measure(asRows));
	results.columns.push(await measure(asColumns));
}
console.log(`${events.length} events, 5 rounds each (ms):`);
for (const [name, list] of Object.entries(results)) {
	console.log(`${name.padEnd(8)} post ${list.map((r) => Math.round(r.post)).join(' ')} | receiver busy ${list.map((r) => Math.round(r.busy)).join(' ')}`);
}
