/**
 * Where the store step sends its batches. In this thread (small runs, `:memory:`), or to
 * the writer thread, which commits them on a connection of its own while this thread goes
 * on reading, extracting and classifying: SQLite's time overlaps the rest of the pipeline.
 */
import type {Db} from './database.js';
import type {Batch} from './event-rows.js';
import {BatchWriter, type WriteCounts} from './batch-writer.js';

export interface BatchSink {
	/** Queues one transaction's rows. */
	write(batch: Batch): void;
	/** Returns once every batch queued so far is committed (or throws its error), with the run's counts so far. */
	sync(): WriteCounts;
	close(): Promise<void>;
}

export class InThreadSink implements BatchSink {
	private readonly writer: BatchWriter;

	constructor(db: Db) {
		this.writer = new BatchWriter(db);
	}

	write(batch: Batch): void {
		this.writer.write(batch);
	}

	sync(): WriteCounts {
		return {...this.writer.counts};
	}

	async close(): Promise<void> {}
}
