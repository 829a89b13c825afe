/**
 * The spine of `aadlog analyze`. For each record of each input, in the order the data flows:
 *
 *   read → extract → tokens → incident → correlate → classify → aggregate → store
 *
 * and once the inputs are read: the waiting app failures, link, rollup (then the report, by the caller).
 *
 * tokens: signature checks against --jwks and each token's facts at the event's time.
 * incident: the app records of one failed request become one event, with all their evidence
 *   (src/incident/grouper.ts); a source's open groups close at its end.
 * correlate: app failures that logged a join id wait for the end of the run, then meet
 *   their sign-in (from this run or an earlier one) before they are classified.
 * link: the correlations table, for every app event × sign-in the run added.
 * rollup: the run's events counted per day, cause and app, which reports read (src/store/rollup.ts).
 * Before an input is read, what the database already has of it decides: skip, resume, read.
 *
 * One pass, one record at a time: memory holds a batch of events, never the input.
 */

import {RunSummary} from './aggregate/run-summary.js';
import {unclassifiedRule} from './classify/engine.js';
import type {Knowledge} from './classify/knowledge.js';
import {rulesVersion} from './classify/rules-version.js';
import {classifyEvent} from './classify/settle.js';
import {Correlator, type Pending, waitsForSignin} from './correlate/correlator.js';
import type {RecordSource} from './extract/event.js';
import {extractRecord} from './extract/extract-record.js';
import {IncidentGrouper} from './incident/grouper.js';
import {planSource, type SourcePlan} from './nightly/source-plan.js';
import type {Pseudonymizer} from './privacy/pseudonymizer.js';
import {type InputSpec, totalSize} from './read/inputs.js';
import {readSource, type SourceTotals} from './read/read-source.js';
import type {InputFormat, InputRecord, ReadLimits} from './read/record.js';
import {eventKey} from './store/event-key.js';
import {type EventStore, type LinkTotals, openEventStore, type RunTotals, type WriterChoice} from './store/event-store.js';
import type {WriteCounts} from './store/write-counts.js';
import {TokenInspector, type TokenOptions} from './tokens/inspect.js';
import {type StageClock, stageClock} from './util/stage-clock.js';

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
	/** Where SQLite commits, instead of the store's choice by the run's size (tests and benchmarks compare them). */
	writerThread?: WriterChoice;
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

/** What every step of one run shares. */
interface Run {
	options: AnalyzeOptions;
	store: EventStore;
	summary: RunSummary;
	inspector: TokenInspector;
	correlator: Correlator;
	clock?: StageClock;
	bytes: number;
}

export async function analyze(options: AnalyzeOptions): Promise<AnalyzeResult> {
	const {rules} = options.knowledge;
	const store = openEventStore(options.db, {
		forceDb: options.forceDb,
		onUpgrade: options.onUpgrade,
		expectedBytes: totalSize(options.inputs),
		writerThread: options.writerThread,
	});
	let runId: number;
	try {
		runId = store.beginRun({
			inputs: options.inputs.map((input) => input.label),
			version: options.version,
			rulesVersion: rulesVersion(rules),
			causes: [...rules, unclassifiedRule],
		});
	} catch (error) {
		await store.close();
		throw error;
	}
	const summary = new RunSummary();
	const run: Run = {options, store, summary, inspector: new TokenInspector(options.tokens), correlator: new Correlator(store), clock: stageClock(), bytes: 0};
	const {clock} = run;
	/** Sources read to the end; marked complete once their waiting events are stored too. */
	const finished: number[] = [];
	let interrupted = false;
	let joins: LinkTotals = {appFailures: 0, matched: 0};
	const nightly: NightlyTotals = {skipped: [], resumed: []};
	const runTotals = (): RunTotals => ({records: summary.records, rejected: summary.rejected, bytes: run.bytes, skipped: nightly.skipped.length});
	try {
		for (const input of options.inputs) {
			if (options.signal?.aborted) {
				interrupted = true; // stopped between two inputs: the run is not complete either
				break;
			}
			// Nightly runs: what the database already has of this file decides what is read.
			const plan: SourcePlan = options.reread ? {action: 'read', reason: '--reread'} : await planSource(input, store.previousSource(input.label));
			if (plan.action === 'skip') {
				nightly.skipped.push(input.label);
				continue;
			}
			if (plan.action === 'resume') nightly.resumed.push({path: input.label, offset: plan.offset});
			const sourceId = store.beginSource({path: input.label, size: input.size, mtimeMs: input.mtimeMs}, plan.action === 'resume' ? plan.offset : 0);
			if (!(await analyzeSource(run, input, plan, sourceId))) {
				interrupted = true;
				break;
			}
			finished.push(sourceId);
		}
		clock?.lap('read');
		for (const joined of run.correlator.joinAll()) settle(run, joined);
		clock?.lap('store');
		// Linked before the sources are marked complete: a run killed while linking is read (and linked) again.
		joins = store.linkRun();
		store.completeSources(finished);
		clock?.lap('link');
		store.refreshRollup(options.onRollupCatchUp);
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
	}
	const {counts} = store;
	const added = {records: counts.stored + counts.newRejects, rejected: counts.newRejects, outcomes: {...counts.newOutcomes}, kinds: {...counts.newKinds}};
	return {summary, runId, stored: counts.stored, duplicates: counts.duplicates, added, interrupted, joins, nightly};
}

/**
 * One input, record by record, through read → extract → tokens → incident → correlate →
 * classify → aggregate → store. Returns false when a signal stopped it before the end.
 */
async function analyzeSource(run: Run, input: InputSpec, plan: SourcePlan, sourceId: number): Promise<boolean> {
	const {options, inspector, clock} = run;
	const {signal} = options;
	const source = readSource(input, {
		format: options.format,
		limits: options.limits,
		resume: plan.action === 'resume' ? plan : undefined,
		signal,
		onBytes: options.onBytes,
	});
	const {totals} = source;
	const grouper = new IncidentGrouper();
	let interrupted = true; // unless the records end
	try {
		batches: for await (const batch of source.batches) {
			for (const record of batch) {
				clock?.lap('read');
				totals.records++;
				options.onRecord?.();
				const pending = extracted(run, input.label, sourceId, record, totals);
				if (pending) {
					if (pending.event.tokens) {
						await inspector.inspect(pending.event);
						clock?.lap('tokens');
					}
					for (const ready of grouper.add(pending)) correlate(run, ready);
				}
				if (signal?.aborted) break batches;
			}
		}
		// Stopped between records, or while standard input was quiet (its records end early).
		interrupted = signal?.aborted === true;
	} finally {
		source.finish(interrupted);
	}
	// Stopped or not, every record read is stored: the open incidents too.
	for (const ready of grouper.end()) correlate(run, ready);
	run.bytes += totals.bytes;
	if (totals.missingPages) run.summary.addMissingPages(input.label, totals.missingPages);
	run.store.endSource(sourceId, totals);
	return !interrupted;
}

/** extract: the record's event, with the key the store knows it by; a bad record is kept as a reject. */
function extracted(run: Run, label: string, sourceId: number, record: InputRecord, totals: SourceTotals): Pending | undefined {
	if (record.type === 'reject') {
		totals.rejected++;
		keepReject(run, sourceId, record.source, record.reason, record.excerpt);
		return undefined;
	}
	const result = extractRecord(record, run.inspector.onToken);
	run.clock?.lap('extract');
	if (!result.ok) {
		totals.rejected++;
		keepReject(run, sourceId, record.source, result.reason, result.excerpt);
		return undefined;
	}
	return {event: result.event, key: eventKey(label, record, result.event), sourceId};
}

/** correlate: an app failure that logged a join id waits for its sign-in; the rest go on. */
function correlate(run: Run, pending: Pending): void {
	if (pending.event.incident && pending.event.tokens) run.inspector.reassess(pending.event);
	if (!waitsForSignin(pending.event)) settle(run, pending);
	else for (const joined of run.correlator.wait(pending)) settle(run, joined);
}

/** classify → aggregate → store, for one event whose correlation is settled. */
function settle(run: Run, {event, key, sourceId}: Pending): void {
	const causes = classifyEvent(run.options.knowledge.engine, run.options.pseudonymizer, event);
	run.clock?.lap('classify');
	run.summary.addEvent(event, causes);
	run.clock?.lap('aggregate');
	run.store.addEvent(key, sourceId, event, causes);
	run.clock?.lap('store');
}

/**
 * Bad input is counted and kept, never dropped: in the run's totals and the rejects table
 * (the excerpt pseudonymized like the events; the store redacts it).
 */
function keepReject(run: Run, sourceId: number, source: RecordSource, reason: string, excerpt: string): void {
	// The summary is only printed, and printed text is redacted (a file's name can hold a SAS signature).
	run.summary.addReject(source.file, source.line, source.index, reason);
	run.store.addReject(sourceId, source.line, source.index, reason, run.options.pseudonymizer?.text(excerpt) ?? excerpt, source.file);
}
