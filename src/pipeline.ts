/**
 * The spine of `aadlog analyze`, in the order the data flows:
 *
 *   read → extract → tokens → correlate → classify → aggregate → store → link → rollup → (report, by the caller)
 *
 * tokens: signature checks against --jwks and each token's facts at the event's time.
 * correlate: app failures that logged a join id wait for the end of the run, then meet
 *   their sign-in (from this run or an earlier one) before they are classified.
 * link: the correlations table, for every app event × sign-in the run added.
 * rollup: the run's events counted per day, cause and app, which reports read (src/store/rollup.ts).
 * Before an input is read, what the database already has of it decides: skip, resume, read.
 * Several files: read → … → aggregate run in reader threads, a file each (src/parallel/);
 * correlate (for app failures that wait) and everything from store on stay in this thread.
 *
 * One pass, one record at a time: memory holds a batch of events, never the input.
 */
import type {InputSpec} from './read/inputs.js';
import type {InputFormat, ReadLimits} from './read/record.js';
import {readSource, type SourceReading} from './read/read-source.js';
import {TokenInspector, type TokenOptions} from './tokens/inspect.js';
import type {Pseudonymizer} from './privacy/pseudonymizer.js';
import {Correlator} from './correlate/correlator.js';
import {SigninLookup} from './correlate/signin-lookup.js';
import {linkRun, type LinkTotals} from './correlate/link.js';
import type {Knowledge} from './classify/knowledge.js';
import {unclassifiedRule} from './classify/engine.js';
import {rulesVersion} from './classify/rules-version.js';
import {rejectKeeper, settler} from './classify/settle.js';
import {stageClock} from './util/stage-clock.js';
import {RunSummary} from './aggregate/run-summary.js';
import {openDatabase, opensTwice} from './store/database.js';
import {StoreWriter, type RunTotals} from './store/writer.js';
import type {WriteCounts} from './store/write-counts.js';
import {refreshRollup} from './store/rollup.js';
import {WriterThread} from './store/writer-thread.js';
import {GrowingSink} from './store/growing-sink.js';
import {readInParallel} from './parallel/reader-pool.js';
import {planSource, previousSource, type SourcePlan} from './nightly/source-plan.js';

export interface AnalyzeOptions {
	inputs: InputSpec[];
	/** SQLite file, or `:memory:`. */
	db: string;
	/** Use a database that holds another program's tables (openDatabase refuses one otherwise). */
	forceDb?: boolean;
	/** Force a format instead of sniffing. */
	format?: InputFormat;
	/** Catalog and compiled rules (loadKnowledge). */
	knowledge: Knowledge;
	limits: ReadLimits;
	/** Read every input whole, even those the database already has (nothing is counted twice either way). */
	reread?: boolean;
	/** Replace user names, UPNs, user ids and IPs by keyed pseudonyms before anything is stored. */
	pseudonymizer?: Pseudonymizer;
	/** Key sets for signature checks and the allowed clock skew. */
	tokens?: TokenOptions;
	version: string;
	/**
	 * Commit batches in a second thread while this one reads and classifies (file databases
	 * only): from the start (true), or once this thread has stored `afterEvents` (a run whose
	 * size is not known before: growing-sink.ts).
	 */
	writerThread?: boolean | {afterEvents: number};
	/**
	 * Reader threads for a run of several files (with the writer thread; every input a file):
	 * each reads, classifies and builds rows for whole files. 0 or none: this thread reads.
	 */
	readers?: number;
	/** Stops the run between records (SIGINT/SIGTERM): what is complete is committed. */
	signal?: AbortSignal;
	/** Raw bytes read so far, and each record read: for a progress display. */
	onBytes?: (bytes: number) => void;
	onRecord?: () => void;
	/** The end of the run counts this many stored events for reports that the writer could not (an upgraded database). */
	onRollupCatchUp?: (events: number) => void;
	/** The database is about to be upgraded from schema `from` to `to` (openDatabase). */
	onUpgrade?: (from: number, to: number) => void;
}

export interface AnalyzeResult {
	summary: RunSummary;
	runId: number;
	/** Events new to the database / already stored by an earlier run. */
	stored: number;
	duplicates: number;
	/** What of the records read was new to the database (`summary` counts every record read, stored before or not). */
	added: AddedTotals;
	interrupted: boolean;
	/** App failures of this run, and how many were joined to a sign-in. */
	joins: LinkTotals;
	nightly: NightlyTotals;
}

/** The records of a run new to the database: events and rejects it did not hold, and the new events per outcome and kind. */
export interface AddedTotals {
	records: number;
	rejected: number;
	outcomes: WriteCounts['newOutcomes'];
	kinds: WriteCounts['newKinds'];
}

/** Files the database already had whole (skipped), and grown files read from where the last run stopped. */
export interface NightlyTotals {
	skipped: string[];
	resumed: Array<{path: string; offset: number}>;
}

export async function analyze(options: AnalyzeOptions): Promise<AnalyzeResult> {
	const {rules, engine} = options.knowledge;
	const db = openDatabase(options.db, {onUpgrade: options.onUpgrade, forceForeign: options.forceDb});
	// This connection writes the run's bookkeeping and reads little (joins, the planner's
	// statistics): a 2 MB page cache, not the 16 MB default. Filled by `PRAGMA optimize` at the
	// end of a run, the default took the 1 GB array run's peak RSS from 189 to 248 MB.
	db.pragma('cache_size = -2000');
	const wanted = opensTwice(options.db) ? options.writerThread : false;
	const writerThread = wanted === true ? new WriterThread(options.db) : undefined;
	const store = new StoreWriter(db, typeof wanted === 'object' ? new GrowingSink(db, options.db, wanted.afterEvents) : writerThread);
	// Reader threads pass their rows to the writer thread unopened, open files by path and load rules from their folders.
	const parallel = writerThread !== undefined && (options.readers ?? 0) > 0 && options.inputs.length > 1 && options.inputs.every((input) => input.path !== undefined) && options.knowledge.ruleDirs !== undefined;
	let runId: number;
	/** Events this run stores get ids above this one: the link step works on the run, not the database. */
	let afterId: number;
	try {
		runId = store.beginRun(options.inputs.map((input) => input.label), options.version, rulesVersion(rules));
		afterId = db.prepare('SELECT coalesce(max(id), 0) FROM events').pluck().get() as number;
		store.registerCauses([...rules, unclassifiedRule]);
	} catch (error) {
		await store.close(); // the writer thread and its connection too
		db.close();
		throw error;
	}
	const summary = new RunSummary();
	const inspector = new TokenInspector(options.tokens);
	const clock = stageClock();
	const settle = settler({engine, pseudonymizer: options.pseudonymizer, summary, store, clock});
	const correlator = new Correlator(new SigninLookup(db), {settle, flushStore: () => store.flush()});
	/** Sources read to the end; marked complete once their waiting events are stored too. */
	const finished: number[] = [];
	let interrupted = false;
	let joins: LinkTotals = {appFailures: 0, matched: 0};
	const nightly: NightlyTotals = {skipped: [], resumed: []};
	let bytes = 0;
	const runTotals = (): RunTotals => ({records: summary.records, rejected: summary.rejected, bytes, skipped: nightly.skipped.length});

	const reading: SourceReading = {
		format: options.format,
		limits: options.limits,
		inspector,
		signal: options.signal,
		onBytes: options.onBytes,
		onRecord: options.onRecord,
		onEvent: (pending) => correlator.add(pending),
		onReject: rejectKeeper({pseudonymizer: options.pseudonymizer, summary, store}),
		clock,
	};

	try {
		if (parallel) {
			// Whole files in reader threads, their rows straight to the writer thread; this one keeps the books.
			const read = await readInParallel({
				inputs: options.inputs,
				readers: options.readers!,
				setup: {
					runId,
					causeIds: store.causeIds,
					ruleDirs: options.knowledge.ruleDirs!,
					format: options.format,
					limits: options.limits,
					tokens: options.tokens,
					pseudonymKey: options.pseudonymizer?.key,
				},
				reread: options.reread ?? false,
				db,
				store,
				writer: writerThread!,
				summary,
				correlator,
				signal: options.signal,
				onBytes: options.onBytes,
				onRecord: options.onRecord,
			});
			bytes += read.bytes;
			interrupted = read.interrupted;
			finished.push(...read.finished);
			nightly.skipped.push(...read.skipped);
			nightly.resumed.push(...read.resumed);
		} else {
			for (const input of options.inputs) {
				if (options.signal?.aborted) {
					interrupted = true; // stopped between two inputs: the run is not complete either
					break;
				}
				// Nightly runs: what the database already has of this file decides what is read.
				const plan: SourcePlan = options.reread ? {action: 'read', reason: '--reread'} : await planSource(input, previousSource(db, input.label));
				if (plan.action === 'skip') {
					nightly.skipped.push(input.label);
					continue;
				}
				if (plan.action === 'resume') nightly.resumed.push({path: input.label, offset: plan.offset});
				const sourceId = store.beginSource({path: input.label, size: input.size, mtimeMs: input.mtimeMs}, plan.action === 'resume' ? plan.offset : 0);
				const read = await readSource(input, plan, sourceId, reading);
				const {totals} = read;
				if (read.interrupted) interrupted = true;
				bytes += totals.bytes;
				store.recordSource(sourceId, totals);
				if (interrupted) break;
				finished.push(sourceId);
			}
		}
		clock?.lap('read');
		correlator.resolveAll();
		store.flush(); // the waiting app failures were just settled: in the database before linking
		clock?.lap('store');
		// Linked before the sources are marked complete: a run killed while linking is read (and linked) again.
		joins = linkRun(db, runId, afterId);
		store.completeSources(finished);
		clock?.lap('link');
		// Reports read a rollup. The writer kept it current; this catches up what it could not (an upgraded
		// database, a reclassify that stopped), in transactions of its own: killed, it is behind, never wrong.
		refreshRollup(db, options.onRollupCatchUp);
		clock?.lap('rollup');
		// writer: seconds inside SQLite, in whichever thread wrote (with the writer thread, they overlap the others).
		if (clock) process.stderr.write(`aadlog-profile ${JSON.stringify({...clock.seconds, writer: store.writerSeconds})}\n`);
		store.finishRun(interrupted ? 'interrupted' : 'complete', runTotals());
	} catch (error) {
		try {
			store.finishRun('failed', runTotals());
		} catch {
			// The database may be what failed (a full disk): the run's own error is the one to tell.
		}
		throw error;
	} finally {
		await store.close();
		db.close();
	}
	const {counts} = store;
	const added = {records: counts.stored + counts.newRejects, rejected: counts.newRejects, outcomes: {...counts.newOutcomes}, kinds: {...counts.newKinds}};
	return {summary, runId, stored: store.stored, duplicates: store.duplicates, added, interrupted, joins, nightly};

}
