/**
 * Several input files at once: reader threads (reader-worker.ts) each read whole files and
 * post their rows straight to the one writer thread, while the main thread keeps the
 * sources' bookkeeping and correlates the app failures they send back. For machines with
 * cores to spare beside the writer thread: on 2 cores it is no faster (README, speed).
 */
import type {Worker} from 'node:worker_threads';
import {AadlogError, type AadlogErrorCode} from '../errors.js';
import type {InputSpec} from '../read/inputs.js';
import type {Correlator} from '../correlate/correlator.js';
import type {RunSummary} from '../aggregate/run-summary.js';
import type {StoreWriter} from '../store/writer.js';
import type {WriterThread} from '../store/writer-thread.js';
import type {Db} from '../store/database.js';
import {previousSource} from '../nightly/source-plan.js';
import {startThread} from '../util/start-thread.js';
import type {FromReader, ReaderSetup, ToReader} from './reader-protocol.js';

export interface ParallelRead {
	/** Files only (InputSpec.path). */
	inputs: readonly InputSpec[];
	readers: number;
	setup: Omit<ReaderSetup, 'writer'>;
	/** Read every file whole (the readers are sent no previous record of it). */
	reread: boolean;
	db: Db;
	store: StoreWriter;
	writer: WriterThread;
	summary: RunSummary;
	correlator: Correlator;
	signal?: AbortSignal;
	onBytes?: (bytes: number) => void;
	onRecord?: () => void;
}

export interface ParallelResult {
	bytes: number;
	interrupted: boolean;
	/** Sources read to the end, skipped and resumed files: in the inputs' order. */
	finished: number[];
	skipped: string[];
	resumed: Array<{path: string; offset: number}>;
}

export async function readInParallel(run: ParallelRead): Promise<ParallelResult> {
	const done: Array<SourceResult & {order: number}> = [];
	let bytes = 0;
	let interrupted = false;
	let next = 0;
	const readers = Array.from({length: Math.min(run.readers, run.inputs.length)}, () => new ReaderThread(run));
	const onAbort = (): void => {
		interrupted = true;
		for (const reader of readers) reader.stop();
	};
	run.signal?.addEventListener('abort', onAbort, {once: true});
	if (run.signal?.aborted) onAbort();
	try {
		await Promise.all(
			readers.map(async (reader) => {
				while (!interrupted && next < run.inputs.length) {
					const order = next++;
					const result = await reader.read(run.inputs[order], order);
					bytes += result.bytes;
					if (result.interrupted) interrupted = true;
					done.push({order, ...result});
				}
			}),
		);
	} finally {
		run.signal?.removeEventListener('abort', onAbort);
		await Promise.all(readers.map((reader) => reader.close()));
	}
	done.sort((a, b) => a.order - b.order);
	return {
		bytes,
		interrupted,
		finished: done.flatMap((d) => (d.sourceId !== undefined && !d.interrupted ? [d.sourceId] : [])),
		skipped: done.flatMap((d) => (d.skipped ? [d.skipped] : [])),
		resumed: done.flatMap((d) => (d.resumed ? [d.resumed] : [])),
	};
}

interface SourceResult {
	bytes: number;
	interrupted: boolean;
	sourceId?: number;
	skipped?: string;
	resumed?: {path: string; offset: number};
}

/** The main thread's end of one reader thread: one file at a time. */
class ReaderThread {
	private readonly worker: Worker;
	/** The file being read: its handlers. */
	private current?: {onMessage: (message: FromReader) => void; fail: (error: Error) => void};
	private crash?: Error;

	constructor(private readonly run: ParallelRead) {
		const setup: ReaderSetup = {...run.setup, writer: run.writer.addProducer()};
		this.worker = startThread(new URL('./reader-worker.js', import.meta.url), {workerData: setup, transferList: [setup.writer.port]});
		this.worker.on('message', (message: FromReader) => this.current?.onMessage(message));
		const gone = (error: Error): void => {
			this.crash ??= error;
			this.current?.fail(error);
		};
		this.worker.on('error', (error) => gone(new Error(`a reader thread failed: ${error.message}`, {cause: error})));
		this.worker.on('exit', (code) => gone(new Error(`a reader thread stopped unexpectedly (exit code ${code})`)));
	}

	/** `order`: the input's place among the run's inputs (which first reject the run reports). */
	read(input: InputSpec, order: number): Promise<SourceResult> {
		const {run} = this;
		if (this.crash) return Promise.reject(this.crash);
		return new Promise<SourceResult>((resolve, reject) => {
			let sourceId: number | undefined;
			let resumed: SourceResult['resumed'];
			const finish = (): void => (this.current = undefined);
			const fail = (error: Error): void => {
				finish();
				reject(error);
			};
			const progress = (bytes: number, records: number): void => {
				if (bytes > 0) run.onBytes?.(bytes);
				if (run.onRecord) for (let i = 0; i < records; i++) run.onRecord();
			};
			const onMessage = (message: FromReader): void => {
				try {
					switch (message.type) {
						case 'plan':
							if (message.action === 'skip') {
								finish();
								resolve({bytes: 0, interrupted: false, skipped: input.label});
								return;
							}
							if (message.action === 'resume') resumed = {path: input.label, offset: message.offset};
							// Posted by the reader to the writer thread, before its rows: nobody waits for it.
							const opened = run.store.beginSourceElsewhere(run.writer, {path: input.label, size: input.size, mtimeMs: input.mtimeMs}, message.offset);
							sourceId = opened.sourceId;
							this.post({type: 'source-id', ...opened});
							return;
						case 'progress':
							progress(message.bytes, message.records);
							return;
						case 'wait':
							run.correlator.add(message.pending);
							return;
						case 'done':
							if (message.writerFailed) run.store.flush(); // throws the writer's error
							progress(message.bytes, message.records);
							run.summary.merge(message.summary, order);
							finish();
							resolve({bytes: message.totals.bytes, interrupted: message.interrupted, sourceId, resumed});
							return;
						case 'failed':
							fail(message.code ? new AadlogError(message.code as AadlogErrorCode, message.message) : new Error(message.message));
							return;
					}
				} catch (error) {
					fail(error as Error); // the writer failed (a full disk): the run fails with its error
				}
			};
			this.current = {onMessage, fail};
			const previous = run.reread ? undefined : previousSource(run.db, input.label);
			this.post({type: 'source', file: {path: input.path!, size: input.size!, mtimeMs: input.mtimeMs}, previous});
		});
	}

	stop(): void {
		this.post({type: 'stop'});
	}

	async close(): Promise<void> {
		this.worker.removeAllListeners('exit');
		await this.worker.terminate();
	}

	private post(message: ToReader): void {
		this.worker.postMessage(message);
	}
}
