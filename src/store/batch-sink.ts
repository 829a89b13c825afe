/**
 * Where the store step sends its batches. In this thread (small runs, `:memory:`), or to
 * the writer thread, which commits them on a connection of its own while this thread goes
 * on reading, extracting and classifying: SQLite's time overlaps the rest of the pipeline.
 */
import {AadlogError} from '../errors.js';
import {BatchWriter} from './batch-writer.js';
import type {Db} from './database.js';
import type {Batch} from './event-rows.js';
import {emptyCounts, sumCounts, type WriteCounts} from './write-counts.js';

export interface BatchSink {
	/** Queues one transaction's rows. */
	write(batch: Batch): void;
	/**
	 * Queues a sources row before the batches that follow, and returns an id for their rows
	 * at once: the writer thread's is provisional (negative), and the writer replaces it by
	 * the stored id as it writes them; `storedSourceId` gives that one after the next sync.
	 * So a new file does not wait for the writer to catch up (~0.1 s a file).
	 */
	openSource(row: unknown[]): number;
	/** The stored id for an id openSource returned (after a sync). */
	storedSourceId(id: number): number;
	/** Returns once every batch queued so far is committed, with the counts committed so far and the writer's first error. */
	sync(): {counts: WriteCounts; error?: Error};
	/** Ends the writer; never throws. */
	close(): Promise<void>;
}

export class InThreadSink implements BatchSink {
	private readonly writer: BatchWriter;

	constructor(db: Db) {
		this.writer = new BatchWriter(db);
	}

	write(batch: Batch): void {
		try {
			this.writer.write(batch);
		} catch (error) {
			// As the writer thread reports it: a database error, not a crash.
			throw new AadlogError('ERR_DB', (error as Error).message, {cause: error});
		}
	}

	/**
	 * In this thread the row is written at once, so its id is the stored one; and without
	 * a sync first, which would also write the rollup's counts held back: in a folder of
	 * one-record files, a commit more per file.
	 */
	openSource(row: unknown[]): number {
		try {
			return this.writer.insertSource(row);
		} catch (error) {
			throw new AadlogError('ERR_DB', (error as Error).message, {cause: error});
		}
	}

	storedSourceId(id: number): number {
		return id;
	}

	sync(): {counts: WriteCounts} {
		try {
			this.writer.sync();
		} catch (error) {
			throw new AadlogError('ERR_DB', (error as Error).message, {cause: error});
		}
		return {counts: sumCounts(this.writer.counts, emptyCounts())}; // an error in a batch was thrown by write()
	}

	async close(): Promise<void> {}
}
