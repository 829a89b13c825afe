/**
 * The main thread's end of the writer thread (writer-worker.ts). Batches are posted and
 * committed in order by the one writer; at most `maxQueued` wait, so memory stays flat when
 * SQLite is the slower side. `sync()` blocks (Atomics.wait) until the writer has committed
 * everything queued: the store's callers keep their synchronous "flush, then read" order.
 */
import {MessageChannel, receiveMessageOnPort, Worker, type MessagePort} from 'node:worker_threads';
import {AadlogError} from '../errors.js';
import type {BatchSink} from './batch-sink.js';
import type {WriteCounts} from './batch-writer.js';
import type {Batch} from './event-rows.js';

/** Slots of the shared Int32Array: batches committed, the reply flag of a sync, and the writer's state. */
export const committedSlot = 0;
export const replySlot = 1;
export const stateSlot = 2;
export const writerState = {starting: 0, running: 1, gone: 2} as const;

export type WriterRequest = {type: 'batch'; batch: Batch} | {type: 'sync'} | {type: 'close'};
export type WriterReply = {counts: WriteCounts; error?: {message: string; code?: string}};
export interface WriterData {
	file: string;
	shared: SharedArrayBuffer;
	replies: MessagePort;
}

const startLimitMs = 60_000;

const workerFile = new URL('./writer-worker.js', import.meta.url);
/**
 * Tests run the TypeScript sources through tsx, whose loader a worker does not inherit on
 * Node 20: there the worker registers it first, then loads the sibling .ts file.
 */
const fromSources = import.meta.url.endsWith('.ts');
const workerScript = fromSources
	? `import('tsx/esm/api').then(({register}) => { register(); return import(${JSON.stringify(new URL('./writer-worker.ts', import.meta.url).href)}); })`
	: workerFile;

export class WriterThread implements BatchSink {
	private readonly shared = new Int32Array(new SharedArrayBuffer(12));
	private readonly worker: Worker;
	private readonly replies: MessagePort;
	private posted = 0;
	private closed = false;

	constructor(file: string, private readonly maxQueued = 8) {
		const channel = new MessageChannel();
		const workerData: WriterData = {file, shared: this.shared.buffer as SharedArrayBuffer, replies: channel.port1};
		this.worker = new Worker(workerScript, {workerData, transferList: [channel.port1], eval: fromSources});
		this.replies = channel.port2;
	}

	write(batch: Batch): void {
		for (;;) {
			const committed = Atomics.load(this.shared, committedSlot);
			if (this.posted - committed < this.maxQueued) break;
			this.wait(committedSlot, committed);
		}
		this.post({type: 'batch', batch});
		this.posted++;
	}

	sync(): WriteCounts {
		return this.request({type: 'sync'});
	}

	async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		try {
			this.request({type: 'close'}, {ignoreError: true}); // an error was thrown by an earlier sync
		} finally {
			await this.worker.terminate();
		}
	}

	/**
	 * Blocks while the slot holds `value`. The writer answers every request, even after an
	 * error; the checks only guard against a writer thread that died or never started (a bug,
	 * or a broken install): the run fails instead of hanging.
	 */
	private wait(slot: number, value: number): void {
		const started = Date.now();
		while (Atomics.wait(this.shared, slot, value, 1000) === 'timed-out') {
			const state = Atomics.load(this.shared, stateSlot);
			if (state === writerState.gone) break;
			if (state === writerState.starting && Date.now() - started > startLimitMs) {
				throw new AadlogError('ERR_DB', `the database writer thread did not start in ${startLimitMs / 1000} s`);
			}
		}
		if (Atomics.load(this.shared, slot) === value && Atomics.load(this.shared, stateSlot) === writerState.gone) {
			throw new AadlogError('ERR_DB', 'the database writer thread stopped unexpectedly');
		}
	}

	private post(request: WriterRequest): void {
		this.worker.postMessage(request);
	}

	/** Posts after every queued batch and waits for the writer's answer. */
	private request(request: WriterRequest, {ignoreError = false} = {}): WriteCounts {
		Atomics.store(this.shared, replySlot, 0);
		this.post(request);
		this.wait(replySlot, 0);
		const reply = receiveMessageOnPort(this.replies)?.message as WriterReply | undefined;
		if (!reply) throw new AadlogError('ERR_DB', 'the database writer thread stopped without answering');
		if (reply.error && !ignoreError) throw new AadlogError('ERR_DB', reply.error.message);
		return reply.counts;
	}
}
