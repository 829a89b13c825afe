/**
 * A reader thread: reads the files the main thread hands it, one at a time, through
 * read → extract → tokens → classify → aggregate, and posts the rows in batches straight to
 * the writer thread. App failures that wait for their sign-in go to the main thread's
 * correlator instead.
 */
import {parentPort, workerData} from 'node:worker_threads';
import {AadlogError} from '../errors.js';
import {loadKnowledge} from '../classify/knowledge.js';
import {rejectKeeper, settler} from '../classify/settle.js';
import {waitsForSignin} from '../correlate/correlator.js';
import {RunSummary} from '../aggregate/run-summary.js';
import {planSource} from '../nightly/source-plan.js';
import {Pseudonymizer} from '../privacy/pseudonymizer.js';
import {fileInput} from '../read/inputs.js';
import {readSource} from '../read/read-source.js';
import {BatchBuilder} from '../store/batch-builder.js';
import {TokenInspector} from '../tokens/inspect.js';
import {failedSlot, stateSlot, writerState as writerStates, type WriterRequest} from '../store/writer-thread.js';
import {maxAhead, type FromReader, type ReaderSetup, type ToReader} from './reader-protocol.js';

const setup = workerData as ReaderSetup;
const port = parentPort!;
const handled = new Int32Array(setup.writer.handled);
const writerState = new Int32Array(setup.writer.writer);
const {engine} = loadKnowledge(setup.ruleDirs);
const pseudonymizer = setup.pseudonymKey ? new Pseudonymizer(Buffer.from(setup.pseudonymKey)) : undefined;
const inspector = new TokenInspector(setup.tokens);
const stop = new AbortController();

let posted = 0;
let bytes = 0;
let records = 0;
const send = (message: FromReader): void => port.postMessage(message);
/** The writer failed (it handles, without writing, what comes after), or its thread is gone (it handles nothing more). */
const writerFailed = (): boolean => Atomics.load(writerState, failedSlot) === 1 || Atomics.load(writerState, stateSlot) === writerStates.gone;

/** Blocks while the writer has more than `ahead` of this thread's messages (batches, sources rows) still to handle. */
function waitForWriter(ahead: number): void {
	for (let seen = Atomics.load(handled, 0); posted - seen > ahead && !writerFailed(); seen = Atomics.load(handled, 0)) Atomics.wait(handled, 0, seen, 1000);
}

/** On this thread's line to the writer, in order; `posted` counts them for waitForWriter. */
function toWriter(message: WriterRequest): void {
	setup.writer.port.postMessage(message);
	posted++;
}

const batches = new BatchBuilder(setup.causeIds, (batch) => {
	toWriter({type: 'batch', batch});
	send({type: 'progress', bytes, records});
	bytes = records = 0;
	waitForWriter(maxAhead - 1);
	// The writer failed: stop reading (the main thread's next sync fails the run with its error).
	if (writerFailed()) stop.abort();
});
batches.runId = setup.runId;

/** Messages for the source being set up, in order; 'stop' acts at once. */
const inbox: ToReader[] = [];
let wake: (() => void) | undefined;
port.on('message', (message: ToReader) => {
	if (message.type === 'stop') return stop.abort();
	inbox.push(message);
	wake?.();
});
async function next(): Promise<ToReader> {
	while (inbox.length === 0) await new Promise<void>((resolve) => (wake = resolve));
	return inbox.shift()!;
}

async function readOne(message: Extract<ToReader, {type: 'source'}>): Promise<void> {
	const {path, size, mtimeMs} = message.file;
	const input = fileInput(path, size, mtimeMs);
	// With --reread the main thread sends no previous record: the file is read whole, as a new one.
	const plan = await planSource(input, message.previous);
	send({type: 'plan', action: plan.action, offset: plan.action === 'resume' ? plan.offset : 0});
	if (plan.action === 'skip') return;
	const answer = await next();
	if (answer.type !== 'source-id') throw new Error(`reader thread: expected a source id, got ${answer.type}`);
	const {sourceId} = answer;
	// On this thread's line, so the writer has the row before the batches that carry its id.
	toWriter({type: 'open-source', provisional: sourceId, row: answer.row});
	const summary = new RunSummary();
	const settle = settler({engine, pseudonymizer, summary, store: batches});
	const read = await readSource(input, plan, sourceId, {
		format: setup.format,
		limits: setup.limits,
		inspector,
		signal: stop.signal,
		onBytes: (n) => (bytes += n),
		onRecord: () => records++,
		onEvent: (pending) => (waitsForSignin(pending.event) ? send({type: 'wait', pending}) : settle(pending)),
		onReject: rejectKeeper({pseudonymizer, summary, store: batches}),
	});
	batches.addSourceTotals(sourceId, read.totals); // with (after) the source's last events
	batches.flush();
	waitForWriter(0); // 'done' means stored: the main thread may sync, link and finish after it
	const failed = writerFailed();
	send({type: 'done', totals: read.totals, interrupted: read.interrupted && !failed, writerFailed: failed, summary: summary.state(), bytes, records});
	bytes = records = 0;
}

for (;;) {
	const message = await next();
	if (message.type !== 'source') continue;
	try {
		await readOne(message);
	} catch (error) {
		send({type: 'failed', message: (error as Error).message, code: error instanceof AadlogError ? error.code : undefined});
	}
}
