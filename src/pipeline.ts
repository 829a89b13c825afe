/**
 * The spine of `aadlog analyze`, in the order the data flows:
 *
 *   read → extract → tokens → correlate → classify → aggregate → store → link → (report, by the caller)
 *
 * tokens: signature checks against --jwks and each token's facts at the event's time.
 * correlate: app failures that logged a join id wait for the end of the run, then meet
 *   their sign-in (from this run or an earlier one) before they are classified.
 * link: the correlations table, for every app event × sign-in the run added.
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
import {Correlator, type Pending} from './correlate/correlator.js';
import {SigninLookup} from './correlate/signin-lookup.js';
import {linkRun, type LinkTotals} from './correlate/link.js';
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
	/** App failures of this run, and how many were joined to a sign-in. */
	joins: LinkTotals;
}

export async function analyze(options: AnalyzeOptions): Promise<AnalyzeResult> {
	const {rules, engine} = options.knowledge;
	const db = openDatabase(options.db);
	const store = new StoreWriter(db);
	const runId = store.beginRun(options.inputs.map((input) => input.label), options.version);
	store.registerCauses([...rules, unclassifiedRule]);
	const summary = new RunSummary();
	const inspector = new TokenInspector(options.tokens);
	const settle = ({event, key, sourceId}: Pending): void => {
		const causes = engine.classify(event);
		summary.addEvent(event, causes);
		store.addEvent(key, sourceId, event, causes);
	};
	const correlator = new Correlator(new SigninLookup(db), {settle, flushStore: () => store.flush()});
	/** Sources read to the end; marked complete once their waiting events are stored too. */
	const finished: number[] = [];
	let interrupted = false;
	let joins: LinkTotals = {appFailures: 0, matched: 0};

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
						const identity = record.type === 'json' ? record.raw : `${record.source.line}\n${record.text}`;
						correlator.add({event, key: recordKey(identity), sourceId});
					} else {
						reject(record.source, extracted.reason, extracted.excerpt);
					}
				}
				if (options.signal?.aborted) {
					interrupted = true;
					break;
				}
			}
			store.recordSource(sourceId, totals);
			if (interrupted) break;
			finished.push(sourceId);
		}
		correlator.resolveAll();
		store.completeSources(finished);
		joins = linkRun(db, runId);
		store.finishRun(interrupted ? 'interrupted' : 'complete', {records: summary.records, rejected: summary.rejected});
	} catch (error) {
		store.finishRun('failed', {records: summary.records, rejected: summary.rejected});
		throw error;
	} finally {
		db.close();
	}
	return {summary, runId, stored: store.stored, duplicates: store.duplicates, interrupted, joins};
}
