/**
 * The writer thread: one connection that commits the batches the main thread posts, in
 * order, several batches to a transaction (writer-thread.ts is the other end). It also
 * writes the sources rows, so no other connection waits for its lock. The first error is
 * kept and answered to the next sync; later batches are not written, so a failed run stops
 * where it failed.
 */
import {parentPort, workerData} from 'node:worker_threads';
import {BatchWriter, rollupEvery} from './batch-writer.js';
import {type Db, openDatabase} from './database.js';
import {emptyCounts} from './write-counts.js';
import {committedSlot, failedSlot, replySlot, stateSlot, type WriterData, type WriterReply, type WriterRequest, writerState} from './writer-thread.js';

const {file, shared: buffer, replies} = workerData as WriterData;
const shared = new Int32Array(buffer);
// However this thread ends (even by a bug), the main thread must not wait for it any longer.
process.on('exit', () => {
	Atomics.store(shared, stateSlot, writerState.gone);
	for (const slot of [committedSlot, replySlot]) Atomics.notify(shared, slot);
});
Atomics.store(shared, stateSlot, writerState.running);
let error: WriterReply['error'];
const fail = (cause: unknown): void => {
	error ??= {message: (cause as Error).message, code: (cause as {code?: string}).code};
	Atomics.store(shared, failedSlot, 1); // the main thread stops posting and asks
};
let db: Db | undefined;
let writer: BatchWriter | undefined;
/**
 * Group commit: a transaction holds up to 50,000 events or one second of writing, so
 * another writer (a second analyze) waits at most about that long for the lock. 1 GB of
 * sign-ins: 41 s with a commit per 1,000-event batch, 24 s grouped.
 */
const groupRows = 50_000;
const groupMs = 1000;
/** Timers run only when no message waits: this long without a batch, the transaction commits. */
const idleCommitMs = 20;
try {
	db = openDatabase(file);
	writer = new BatchWriter(db, {rows: groupRows, ms: groupMs}, rollupEvery.writerThread);
} catch (cause) {
	fail(cause); // answered to the first sync: the main thread must never wait on a writer that is gone
}

/**
 * No transaction stays open while this thread waits for work: the main connection (a new
 * source) and other processes need the write lock too, and nothing would commit it.
 */
let idleTimer: NodeJS.Timeout | undefined;
function commitWhenIdle(): void {
	clearTimeout(idleTimer);
	idleTimer = setTimeout(() => {
		try {
			if (!error) writer?.commit();
		} catch (cause) {
			fail(cause);
		}
	}, idleCommitMs);
}

/** Sources opened with a provisional id whose stored id was already answered (a Map keeps insertion order). */
let sourcesAnswered = 0;

function answer(): void {
	const sources = writer ? [...writer.sourceIds].slice(sourcesAnswered) : [];
	sourcesAnswered += sources.length;
	const reply: WriterReply = {counts: writer ? writer.counts : emptyCounts(), sources, error};
	replies.postMessage(reply);
	Atomics.store(shared, replySlot, 1);
	Atomics.notify(shared, replySlot);
}

/**
 * A batch, or a sources row before the batches that carry its provisional id: after the
 * first error, counted but not written.
 */
function write(request: Extract<WriterRequest, {type: 'batch' | 'open-source'}>): void {
	try {
		if (!error) {
			if (request.type === 'batch') writer!.write(request.batch);
			else writer!.openSource(request.provisional, request.row);
		}
	} catch (cause) {
		fail(cause);
	}
	commitWhenIdle();
}

parentPort!.on('message', (request: WriterRequest) => {
	if (request.type === 'batch' || request.type === 'open-source') {
		write(request);
		// Only batches count against the main thread's queue (WriterThread.waitForRoom).
		if (request.type === 'batch') {
			Atomics.add(shared, committedSlot, 1);
			Atomics.notify(shared, committedSlot);
		}
		return;
	}
	try {
		if (!error) writer?.sync(); // a sync means: everything so far is in the database
		if (request.type === 'close') {
			clearTimeout(idleTimer);
			db?.close();
		}
	} catch (cause) {
		fail(cause);
	}
	answer();
});
