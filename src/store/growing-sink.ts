/**
 * For a run whose size is not known before (standard input, small files): batches are
 * written in this thread, and the writer thread starts only once the run has stored
 * `afterEvents` events. Starting it takes about 0.1 s, longer than a small run spends in
 * SQLite altogether; a big run starts it early and loses nothing: this thread keeps writing
 * while it starts, and hands over with everything before committed.
 */

import {type BatchSink, InThreadSink} from './batch-sink.js';
import type {Db} from './database.js';
import type {Batch} from './event-rows.js';
import {emptyCounts, sumCounts, type WriteCounts} from './write-counts.js';
import {WriterThread} from './writer-thread.js';

export class GrowingSink implements BatchSink {
	private readonly here: InThreadSink;
	private thread: WriterThread | undefined;
	/** What this thread committed before the hand-over. */
	private counted: WriteCounts = emptyCounts();
	private events = 0;

	constructor(
		db: Db,
		private readonly file: string,
		private readonly afterEvents: number,
	) {
		this.here = new InThreadSink(db);
	}

	/** Whether the writer thread took over. */
	get handedOver(): boolean {
		return this.thread !== undefined;
	}

	write(batch: Batch): void {
		if (this.thread) {
			this.thread.write(batch);
			return;
		}
		this.here.write(batch);
		this.events += batch.events.rows.length;
		if (this.events >= this.afterEvents) {
			// Committed here first (with the rollup's counts): the writer thread goes on from there.
			this.counted = this.here.sync().counts;
			this.thread = new WriterThread(this.file);
		}
	}

	openSource(row: unknown[]): number {
		return (this.thread ?? this.here).openSource(row);
	}

	storedSourceId(id: number): number {
		return this.thread ? this.thread.storedSourceId(id) : id;
	}

	sync(): {counts: WriteCounts; error?: Error} {
		if (!this.thread) return this.here.sync();
		const {counts, error} = this.thread.sync();
		const before = this.counted;
		return {counts: sumCounts(before, counts), error};
	}

	close(): Promise<void> {
		return this.thread?.close() ?? Promise.resolve();
	}
}
