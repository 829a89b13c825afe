/**
 * One input as records, with what the sources table keeps of it: format, gzip, bytes, and
 * for a file the hash and line count a nightly run skips or resumes by (source-tracker.ts).
 * The caller counts the records and rejects as it handles them (pipeline.ts).
 */
import type {Hash} from 'node:crypto';
import {untilAborted} from '../util/until-aborted.js';
import type {InputSpec} from './inputs.js';
import {readInputBatches} from './read-input.js';
import type {InputFormat, InputRecord, ReadLimits} from './record.js';
import {SourceTracker} from './source-tracker.js';

/** What was read of one source, as the sources row keeps it. */
export interface SourceTotals {
	format?: string;
	gzip: boolean;
	bytes: number;
	records: number;
	rejected: number;
	/** What a nightly run needs next time (files only). */
	contentHash?: string;
	readBytes?: number;
	readLines?: number;
	/** Graph pages read that link to a next page (`@odata.nextLink`): the records of those pages are missing. */
	missingPages?: number;
}

/** Where a grown file is read on from: after `offset` bytes and `lines` lines, hashed so far in `hash`. */
export interface ResumePoint {
	offset: number;
	lines: number;
	hash: Hash;
	format: string;
}

export interface SourceOptions {
	format?: InputFormat;
	limits: ReadLimits;
	resume?: ResumePoint;
	/** Ends the records of standard input even while it is quiet. */
	signal?: AbortSignal;
	onBytes?: (bytes: number) => void;
}

export interface SourceReading {
	/** The records, a chunk's worth at a time: a record costs no async step of its own. */
	batches: AsyncIterable<readonly InputRecord[]>;
	/** Filled in as the records are read; `records` and `rejected` by the caller. */
	totals: SourceTotals;
	/**
	 * Closes the input (a stream stopped early must not keep the process alive). Read to the
	 * end (not `interrupted`), the totals say where a nightly run goes on next time.
	 */
	finish(interrupted: boolean): SourceTotals;
}

export function readSource(input: InputSpec, options: SourceOptions): SourceReading {
	const totals: SourceTotals = {format: undefined, gzip: false, bytes: 0, records: 0, rejected: 0};
	const {resume} = options;
	const tracker = input.size === undefined ? undefined : new SourceTracker(resume?.hash, resume?.offset, resume?.lines);
	const read = readInputBatches(input, {
		format: (resume?.format as InputFormat | undefined) ?? options.format,
		limits: options.limits,
		tracker,
		resume,
		onFormat: (format, gzip) => {
			Object.assign(totals, {format, gzip});
			if (gzip || (format !== 'jsonl' && format !== 'text')) tracker?.wholeFile();
		},
		onNextPage: () => {
			totals.missingPages = (totals.missingPages ?? 0) + 1;
		},
		onBytes: (n) => {
			totals.bytes += n;
			options.onBytes?.(n);
		},
	});
	// A pipe can go quiet for hours (tail -f | aadlog analyze): a signal must not wait for its next line.
	// Files always deliver: each record through untilAborted would cost a promise.
	const batches = input.size === undefined ? untilAborted(read, options.signal) : read;
	return {
		batches,
		totals,
		finish(interrupted) {
			input.close?.();
			if (tracker && !interrupted)
				Object.assign(totals, {contentHash: tracker.digest(), readBytes: tracker.committedBytes, readLines: tracker.committedLines});
			return totals;
		},
	};
}
