/**
 * What the main thread and a reader thread (reader-worker.ts) say to each other. The main
 * thread owns the database's bookkeeping and the correlator; a reader thread reads whole
 * sources: read → extract → tokens → classify → aggregate, builds the rows and posts them
 * straight to the writer thread.
 */
import type {Pending} from '../correlate/correlator.js';
import type {SummaryState} from '../aggregate/run-summary.js';
import type {PreviousSource} from '../nightly/source-plan.js';
import type {InputFormat, ReadLimits} from '../read/record.js';
import type {SourceTotals} from '../store/writer.js';
import type {TokenOptions} from '../tokens/inspect.js';
import type {ProducerLine} from '../store/writer-thread.js';

/** A reader thread's workerData: what it needs to read, classify and build rows as the main thread would. */
export interface ReaderSetup {
	runId: number;
	/** Rule id → causes row id. */
	causeIds: Map<string, number>;
	/** User rule folders (the built-in rules are always loaded). */
	ruleDirs: readonly string[];
	format?: InputFormat;
	limits: ReadLimits;
	tokens?: TokenOptions;
	/** The pseudonymizer's key, when names are stored as pseudonyms. */
	pseudonymKey?: Uint8Array;
	/** Where its batches go: the writer thread. */
	writer: ProducerLine;
}

/** Main → reader. */
export type ToReader =
	/** Read this file (`previous`: the database's record of it, for a nightly run's plan; none with --reread). */
	| {type: 'source'; file: {path: string; size: number; mtimeMs?: number}; previous?: PreviousSource}
	/**
	 * The id of the file's sources row (after a plan to read it): a provisional one, with the
	 * row, which the reader posts to the writer before its batches (WriterThread.openSource).
	 */
	| {type: 'source-id'; sourceId: number; row: unknown[]}
	/** A signal: stop between two records. */
	| {type: 'stop'};

/** Reader → main. */
export type FromReader =
	/** What the database's record of the file decided (nightly runs). */
	| {type: 'plan'; action: 'read' | 'resume' | 'skip'; offset: number}
	/** Bytes and records read since the last message (a batch went to the writer). */
	| {type: 'progress'; bytes: number; records: number}
	/** An app failure that waits for the end of the run to meet its sign-in (correlator.ts). */
	| {type: 'wait'; pending: Pending}
	/**
	 * The source is read, and the writer has handled its every batch (the last holds its
	 * totals); its summary, to merge. `writerFailed`: reading stopped because the writer did.
	 */
	| {type: 'done'; totals: SourceTotals; interrupted: boolean; writerFailed: boolean; summary: SummaryState; bytes: number; records: number}
	| {type: 'failed'; message: string; code?: string};

/** Batches a reader may have waiting for the writer: memory stays flat when SQLite is the slower side. */
export const maxAhead = 4;
