/**
 * The spine of `aadlog analyze`, in the order the data flows:
 *
 *   read → extract → tokens → classify → aggregate → store → (report, by the caller)
 *
 * (tokens: signature checks against --jwks and each token's facts at the event's time.)
 *
 * One pass, one record at a time: memory holds a batch of events, never the input.
 */
import type {InputSpec} from './read/inputs.js';
import type {RecordSource} from './extract/event.js';
import type {InputFormat, ReadLimits} from './read/record.js';
import {readInput} from './read/read-input.js';
import {extractRecord} from './extract/extract-record.js';
import {TokenInspector, type TokenOptions} from './tokens/inspect.js';
import {redactExcerpt} from './tokens/redact.js';
import type {Knowledge} from './classify/knowledge.js';
import {unclassifiedRule} from './classify/engine.js';
import {RunSummary} from './aggregate/run-summary.js';
import {openDatabase} from './store/database.js';
import {StoreWriter} from './store/writer.js';
import {recordKey} from './util/hash.js';

export interface AnalyzeOptions {
	inputs: InputSpec[];
	/** SQLite file, or `:memory:`. */
	db: string;
	/** Force a format instead of sniffing. */
	format?: InputFormat;
	/** Catalog and compiled rules (loadKnowledge). */
	knowledge: Knowledge;
	limits: ReadLimits;
	/** Key sets for signature checks and the allowed clock skew. */
	tokens?: TokenOptions;
	version: string;
	/** Stops the run between records (SIGINT/SIGTERM): what is complete is committed. */
	signal?: AbortSignal;
	/** Raw bytes read so far, for a progress display. */
	onBytes?: (bytes: number) => void;
}

export interface AnalyzeResult {
	summary: RunSummary;
	runId: number;
	/** Events new to the database / already stored by an earlier run. */
	stored: number;
	duplicates: number;
	interrupted: boolean;
}

export async function analyze(options: AnalyzeOptions): Promise<AnalyzeResult> {
	const {rules, engine} = options.knowledge;
	const db = openDatabase(options.db);
	const store = new StoreWriter(db);
	const runId = store.beginRun(options.inputs.map((input) => input.label), options.version);
	store.registerCauses([...rules, unclassifiedRule]);
	const summary = new RunSummary();
	const inspector = new TokenInspector(options.tokens);
	let interrupted = false;

	try {
		for (const input of options.inputs) {
			if (options.signal?.aborted) break;
			const sourceId = store.beginSource({path: input.label, size: input.size, mtimeMs: input.mtimeMs});
			const totals = {format: undefined as string | undefined, gzip: false, bytes: 0, records: 0, rejected: 0};
			const read = readInput(input, {
				format: options.format,
				limits: options.limits,
				onFormat: (format, gzip) => Object.assign(totals, {format, gzip}),
				onBytes: (n) => {
					totals.bytes += n;
					options.onBytes?.(n);
				},
			});
			// Bad input is counted and kept, never dropped: in the run's totals and the rejects table.
			const reject = (source: RecordSource, reason: string, excerpt: string): void => {
				totals.rejected++;
				summary.addReject(source.file, source.line, source.index, reason);
				// A broken record can still hold a token or a secret: the kept excerpt is redacted too.
				store.addReject(sourceId, source.line, source.index, reason, redactExcerpt(excerpt));
			};
			for await (const record of read) {
				totals.records++;
				if (record.type === 'reject') {
					reject(record.source, record.reason, record.excerpt);
				} else {
					const extracted = extractRecord(record, inspector.onToken);
					if (extracted.ok) {
						const {event} = extracted;
						if (event.tokens) await inspector.inspect(event);
						const causes = engine.classify(event);
						summary.addEvent(event, causes);
						const identity = record.type === 'json' ? record.raw : `${record.source.line}\n${record.text}`;
						store.addEvent(recordKey(identity), sourceId, event, causes);
					} else {
						reject(record.source, extracted.reason, extracted.excerpt);
					}
				}
				if (options.signal?.aborted) {
					interrupted = true;
					break;
				}
			}
			if (interrupted) {
				store.flush();
				break;
			}
			store.finishSource(sourceId, totals);
		}
		store.finishRun(interrupted ? 'interrupted' : 'complete', {records: summary.records, rejected: summary.rejected});
	} catch (error) {
		store.finishRun('failed', {records: summary.records, rejected: summary.rejected});
		throw error;
	} finally {
		db.close();
	}
	return {summary, runId, stored: store.stored, duplicates: store.duplicates, interrupted};
}
