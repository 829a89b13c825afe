/**
 * The store step's rows, gathered into batches (event-rows.ts) and handed on whole when
 * full, to the store's BatchSink (event-store.ts).
 */

import type {CauseMatch} from '../classify/engine.js';
import type {AuthEvent} from '../extract/event.js';
import type {SourceTotals} from '../read/read-source.js';
import {redactExcerpt, redactText} from '../tokens/redact.js';
import {recordKey} from '../util/hash.js';
import {EventBatchBuilder} from './event-batch.js';
import {type Batch, type RejectRow, RowBuilder} from './event-rows.js';

/**
 * Events per batch. Small, so a batch dies young in V8's heap: 5,000 kept ~50 MB more RSS
 * (100 MB input: 232 vs 185 MB). The writer thread groups batches into bigger transactions.
 */
const batchSize = 1000;

export class BatchBuilder {
	/** The run every row belongs to (set once the run's row exists). */
	runId = 0;
	private readonly events = new EventBatchBuilder();
	private rejects: RejectRow[] = [];
	private sourceTotals: unknown[][] = [];
	private readonly rows: RowBuilder;

	/** `causeIds`: rule id → causes row id; `onBatch` receives each full batch, and what flush() finds. */
	constructor(
		causeIds: ReadonlyMap<string, number>,
		private readonly onBatch: (batch: Batch) => void,
	) {
		this.rows = new RowBuilder(causeIds);
	}

	addEvent(key: bigint, sourceId: number, event: AuthEvent, causes: readonly CauseMatch[]): void {
		this.events.add(this.rows.eventRows(key, this.runId, sourceId, event, causes));
		if (this.events.rows >= batchSize) this.flush();
	}

	/** `path` makes the same broken record read again one row, not one per run. */
	addReject(sourceId: number, line: number, item: number | undefined, reason: string, excerpt: string, path = ''): void {
		// The store's choke point for rejects: a reason can quote the input, an excerpt is the input.
		const kept = redactExcerpt(excerpt);
		const key = recordKey(`${path}\n${line}\n${item ?? ''}\n${kept}`);
		this.rejects.push({key, runId: this.runId, sourceId, line, item: item ?? null, reason: redactText(reason), excerpt: kept});
		if (this.rejects.length >= batchSize) this.flush();
	}

	/**
	 * The totals of a source as read so far, in the batch of (after) its last events, which
	 * goes on with the next file's: written by the same writer, so nothing waits for SQLite
	 * between two files, and a folder of small files still makes batches of 1,000 events (a
	 * batch a file kept the main thread waiting for the writer thread, file after file).
	 * Only complete sources steer the next nightly run.
	 */
	addSourceTotals(sourceId: number, totals: SourceTotals): void {
		this.sourceTotals.push([
			totals.format ?? null,
			totals.gzip ? 1 : 0,
			totals.bytes,
			totals.records,
			totals.rejected,
			totals.contentHash ?? null,
			totals.readBytes ?? null,
			totals.readLines ?? null,
			sourceId,
		]);
		if (this.sourceTotals.length >= batchSize) this.flush();
	}

	/** Hands on what was added since the last batch, if anything. */
	flush(): void {
		if (this.events.rows === 0 && this.rejects.length === 0 && this.sourceTotals.length === 0) return;
		const batch: Batch = {events: this.events.take(), rejects: this.rejects, sourceTotals: this.sourceTotals};
		this.rejects = [];
		this.sourceTotals = [];
		this.onBatch(batch);
	}
}
