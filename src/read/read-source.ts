/**
 * read → extract → tokens for one input, up to the hand-off to correlate: the part of the
 * spine that runs once per source, in the main thread or in a reader thread (parallel/).
 * Each event leaves with its record key; each bad record as a counted reject (the store redacts it).
 */
import type {InputSpec} from './inputs.js';
import type {InputFormat, ReadLimits} from './record.js';
import type {RecordSource} from '../extract/event.js';
import type {Pending} from '../correlate/correlator.js';
import type {SourcePlan} from '../nightly/source-plan.js';
import type {SourceTotals} from '../store/writer.js';
import type {TokenInspector} from '../tokens/inspect.js';
import type {StageClock} from '../util/stage-clock.js';
import {readInputBatches} from './read-input.js';
import {SourceTracker} from './source-tracker.js';
import {extractRecord} from '../extract/extract-record.js';
import {recordKey, signinKey} from '../util/hash.js';
import {untilAborted} from '../util/until-aborted.js';

export interface SourceReading {
	format?: InputFormat;
	limits: ReadLimits;
	inspector: TokenInspector;
	/** Stops between records: what was read is handed on, and the source's totals say how far. */
	signal?: AbortSignal;
	onBytes?: (bytes: number) => void;
	onRecord?: () => void;
	/** Each event read, with its record key: to correlate (and then classify and store). */
	onEvent: (pending: Pending) => void;
	/** Each record that could not be read or extracted (`source.file` is the input's label); the store redacts it. */
	onReject: (sourceId: number, source: RecordSource, reason: string, excerpt: string) => void;
	clock?: StageClock;
}

export interface SourceRead {
	totals: SourceTotals;
	/** Stopped by the signal before the end. */
	interrupted: boolean;
}

export async function readSource(input: InputSpec, plan: SourcePlan, sourceId: number, reading: SourceReading): Promise<SourceRead> {
	const {clock, signal} = reading;
	const totals: SourceTotals = {format: undefined, gzip: false, bytes: 0, records: 0, rejected: 0};
	const resume = plan.action === 'resume' ? plan : undefined;
	const tracker = input.size === undefined ? undefined : new SourceTracker(resume?.hash, resume?.offset, resume?.lines);
	const read = readInputBatches(input, {
		format: (resume?.format as InputFormat | undefined) ?? reading.format,
		limits: reading.limits,
		tracker,
		resume,
		onFormat: (format, gzip) => {
			Object.assign(totals, {format, gzip});
			if (gzip || (format !== 'jsonl' && format !== 'text')) tracker?.wholeFile();
		},
		onBytes: (n) => {
			totals.bytes += n;
			reading.onBytes?.(n);
		},
	});
	// Bad input is counted and kept, never dropped.
	const reject = (source: RecordSource, reason: string, excerpt: string): void => {
		totals.rejected++;
		reading.onReject(sourceId, source, reason, excerpt);
	};
	const {inspector} = reading;
	// A pipe can go quiet for hours (tail -f | aadlog analyze): a signal must not wait for its next line.
	const batches = input.size === undefined ? untilAborted(read, signal) : read;
	try {
		batches: for await (const batch of batches) {
			for (const record of batch) {
				clock?.lap('read');
				totals.records++;
				reading.onRecord?.();
				if (record.type === 'reject') {
					reject(record.source, record.reason, record.excerpt);
				} else {
					const extracted = extractRecord(record, inspector.onToken);
					clock?.lap('extract');
					if (extracted.ok) {
						const {event} = extracted;
						if (event.tokens) await inspector.inspect(event);
						// A sign-in is its id, whatever shape or file it came in (signinKey). Records without one are
						// their bytes: an app log line is the same record only in the same file (two servers log identical lines).
						const requestId = event.kind === 'signin' ? event.ids.requestId : undefined;
						const key = requestId ? signinKey(requestId) : recordKey(record.type === 'json' ? (event.kind === 'app' ? `${input.label}\n${record.raw}` : record.raw) : `${input.label}\n${record.source.line}\n${record.text}`);
						reading.onEvent({event, key, sourceId});
					} else {
						reject(record.source, extracted.reason, extracted.excerpt);
					}
				}
				if (signal?.aborted) break batches;
			}
		}
	} finally {
		// A stream stopped early (a signal while it waited, a binary head, a failed write) must not keep the process alive.
		input.close?.();
	}
	// Stopped between records, or while standard input was quiet (untilAborted ends the loop).
	const interrupted = signal?.aborted === true;
	if (tracker && !interrupted) Object.assign(totals, {contentHash: tracker.digest(), readBytes: tracker.committedBytes, readLines: tracker.committedLines});
	return {totals, interrupted};
}
