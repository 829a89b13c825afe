/**
 * The writer thread: one connection that commits the batches the main thread posts, in
 * order (writer-thread.ts is the other end). The first error is kept and answered to the
 * next sync; later batches are not written, so a failed run stops where it failed.
 */
import {parentPort, workerData} from 'node:worker_threads';
import {openDatabase, type Db} from './database.js';
import {BatchWriter} from './batch-writer.js';
import {committedSlot, replySlot, stateSlot, writerState, type WriterData, type WriterReply, type WriterRequest} from './writer-thread.js';

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
};
let db: Db | undefined;
let writer: BatchWriter | undefined;
try {
	db = openDatabase(file);
	writer = new BatchWriter(db);
} catch (cause) {
	fail(cause); // answered to the first sync: the main thread must never wait on a writer that is gone
}

function answer(): void {
	const reply: WriterReply = {counts: writer ? {...writer.counts} : {stored: 0, duplicates: 0, seconds: 0}, error};
	replies.postMessage(reply);
	Atomics.store(shared, replySlot, 1);
	Atomics.notify(shared, replySlot);
}

parentPort!.on('message', (request: WriterRequest) => {
	if (request.type === 'batch') {
		try {
			if (!error) writer!.write(request.batch);
		} catch (cause) {
			fail(cause);
		}
		Atomics.add(shared, committedSlot, 1);
		Atomics.notify(shared, committedSlot);
		return;
	}
	if (request.type === 'close') {
		try {
			db?.close();
		} catch (cause) {
			fail(cause);
		}
	}
	answer();
});
