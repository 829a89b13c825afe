/**
 * The main thread's end of the writer thread (writer-worker.ts). Batches are posted and
 * committed in order by the one writer; at most `maxQueued` wait, so memory stays flat when
 * SQLite is the slower side. `sync()` blocks (Atomics.wait) until the writer has committed
 * everything queued: the store's callers keep their synchronous "flush, then read" order.
 */
import {MessageChannel, type MessagePort, receiveMessageOnPort, type Worker} from 'node:worker_threads';
import {AadlogError} from '../errors.js';
import {startThread} from '../util/start-thread.js';
import type {BatchSink} from './batch-sink.js';
import type {WriteCounts} from './batch-writer.js';
import type {Batch} from './event-rows.js';

/** Slots of the shared Int32Array: batches handled, the reply flag of a sync, the writer's state, and whether a write failed. */
export const committedSlot = 0;
export const replySlot = 1;
export const stateSlot = 2;
export const failedSlot = 3;
export const writerState = {starting: 0, running: 1, gone: 2} as const;

export type WriterRequest =
	| {type: 'batch'; batch: Batch}
	/** A sources row before the batches that follow, which carry `provisional` as its id (BatchWriter.openSource). */
	| {type: 'open-source'; provisional: number; row: unknown[]}
	| {type: 'sync'}
	| {type: 'close'};
/** `sources`: provisional source id → stored id, for the sources opened since the last reply. */
export type WriterReply = {counts: WriteCounts; sources: Array<[number, number]>; error?: {message: string; code?: string}};

export interface WriterData {
	file: string;
	shared: SharedArrayBuffer;
	replies: MessagePort;
}

const startLimitMs = 60_000;

export class WriterThread implements BatchSink {
	private readonly shared = new Int32Array(new SharedArrayBuffer(16));
	private readonly worker: Worker;
	private readonly replies: MessagePort;
	private posted = 0;
	private nextProvisional = -1;
	private readonly storedIds = new Map<number, number>();
	private closed = false;
	/** An error that escaped the writer thread (its 'error' event): named when the wait finds it gone. */
	private crash: Error | undefined;

	constructor(
		file: string,
		private readonly maxQueued = 8,
	) {
		const channel = new MessageChannel();
		const workerData: WriterData = {file, shared: this.shared.buffer as SharedArrayBuffer, replies: channel.port1};
		// The writer allocates little that lives: the batches it is handed. A young generation
		// of 4 MB (V8's default is larger) took the 100 MB array run's peak RSS from 238-251 MB
		// to 223-226 MB, at the same speed.
		this.worker = startThread(new URL('./writer-worker.js', import.meta.url), {
			workerData,
			transferList: [channel.port1],
			resourceLimits: {maxYoungGenerationSizeMb: 4},
		});
		// A writer thread must never keep the process alive (a run that failed before close()),
		// and an error that escapes it must fail the run, not crash the process unexplained.
		this.worker.unref();
		this.worker.on('error', (error) => (this.crash = error));
		this.replies = channel.port2;
	}

	write(batch: Batch): void {
		this.waitForRoom();
		this.post({type: 'batch', batch});
		this.posted++;
	}

	openSource(row: unknown[]): number {
		const provisional = this.nextProvisional--;
		this.post({type: 'open-source', provisional, row});
		return provisional;
	}

	storedSourceId(id: number): number {
		if (id > 0) return id;
		const stored = this.storedIds.get(id);
		if (stored === undefined) throw new AadlogError('ERR_DB', `source ${id} is not stored yet (a bug: ask after a sync)`);
		return stored;
	}

	/** Blocks while `maxQueued` batches wait. Throws the writer's error once it failed: the caller fails the run instead of reading on. */
	private waitForRoom(): void {
		if (Atomics.load(this.shared, failedSlot) === 1) {
			const {error} = this.sync();
			if (error) throw error;
		}
		for (;;) {
			const committed = Atomics.load(this.shared, committedSlot);
			if (this.posted - committed < this.maxQueued) break;
			this.wait(committedSlot, committed);
		}
	}

	sync(): {counts: WriteCounts; error?: Error} {
		return this.request({type: 'sync'});
	}

	/** Never throws: an error of the writer was answered to an earlier sync. */
	async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		try {
			this.request({type: 'close'});
		} catch {
			// gone already
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
			const why = this.crash ? `: ${this.crash.message}` : '';
			throw new AadlogError('ERR_DB', `the database writer thread stopped unexpectedly${why}`);
		}
	}

	private post(request: WriterRequest): void {
		this.worker.postMessage(request);
	}

	/** Posts after every queued batch and waits for the writer's answer: the committed counts, and its first error. */
	private request(request: WriterRequest): {counts: WriteCounts; error?: Error} {
		Atomics.store(this.shared, replySlot, 0);
		this.post(request);
		this.wait(replySlot, 0);
		const reply = receiveMessageOnPort(this.replies)?.message as WriterReply | undefined;
		if (!reply) throw new AadlogError('ERR_DB', 'the database writer thread stopped without answering');
		for (const [provisional, stored] of reply.sources) this.storedIds.set(provisional, stored);
		return {counts: reply.counts, error: reply.error ? new AadlogError('ERR_DB', reply.error.message) : undefined};
	}
}
