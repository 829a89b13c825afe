/**
 * The store: everything a run writes to and asks of the database, behind one object.
 * The run's bookkeeping (runs, sources, causes) is written on this thread's connection;
 * events and rejects go in batches of rows (batch-builder.ts) to a BatchSink, which
 * commits them in this thread or in the writer thread (writer-thread.ts), as the run's
 * size decides. Batching, transactions and source ids given before their row is written
 * stay in here: callers see ids that work wherever they pass them back.
 */
import {hostname} from 'node:os';
import type {CauseMatch} from '../classify/engine.js';
import type {Rule} from '../classify/rule.js';
import type {AuthEvent} from '../extract/event.js';
import type {SourceTotals} from '../read/read-source.js';
import {redactText} from '../tokens/redact.js';
import {BatchBuilder} from './batch-builder.js';
import {type BatchSink, InThreadSink} from './batch-sink.js';
import {registerCauses} from './causes.js';
import {type Db, openDatabase, opensTwice} from './database.js';
import {GrowingSink} from './growing-sink.js';
import {type LinkTotals, linkRun} from './link.js';
import {refreshRollup} from './rollup.js';
import {type FoundSignin, SigninLookup} from './signin-lookup.js';
import {emptyCounts, type WriteCounts} from './write-counts.js';
import {WriterThread} from './writer-thread.js';

export type {SourceTotals} from '../read/read-source.js';
export type {LinkTotals} from './link.js';

export interface SourceInfo {
	path: string;
	size?: number;
	mtimeMs?: number;
}

export interface RunTotals {
	records: number;
	rejected: number;
	bytes: number;
	skipped: number;
}

/** What the database remembers of a file read to the end before: a nightly run plans by it (nightly/source-plan.ts). */
export interface PreviousSource {
	size: number | null;
	format: string | null;
	gzip: number;
	contentHash: string | null;
	readBytes: number | null;
	readLines: number | null;
}

/**
 * Where SQLite commits the batches: this thread (false), a writer thread from the start
 * (true), or this thread until the run has stored `afterEvents` events (growing-sink.ts).
 */
export type WriterChoice = boolean | {afterEvents: number};

export interface EventStoreOptions {
	/** Use a database that holds another program's tables (openDatabase refuses one otherwise). */
	forceDb?: boolean;
	/** The database is about to be upgraded from schema `from` to `to`. */
	onUpgrade?: (from: number, to: number) => void;
	/** Bytes the run will read, when every input is a file: decides where SQLite commits. */
	expectedBytes?: number;
	/** Decides instead of `expectedBytes` (tests, benchmarks). */
	writerThread?: WriterChoice;
}

export function openEventStore(file: string, options: EventStoreOptions = {}): EventStore {
	const db = openDatabase(file, {onUpgrade: options.onUpgrade, forceForeign: options.forceDb});
	// This connection writes the run's bookkeeping and reads little (joins, the planner's
	// statistics): a 2 MB page cache, not the 16 MB default. Filled by `PRAGMA optimize` at the
	// end of a run, the default took the 1 GB array run's peak RSS from 189 to 248 MB.
	db.pragma('cache_size = -2000');
	try {
		return new EventStore(db, sinkFor(db, file, writerChoice(options)));
	} catch (error) {
		db.close();
		throw error;
	}
}

/**
 * SQLite commits in a second thread for runs big enough to repay starting it (~0.1 s):
 * files of 4 MB or more from the start; standard input and small files once they have
 * stored 5,000 events (a piped run of a few hundred sign-ins never waits for it: 0.20 s
 * against 0.29 s with the thread from the start). AADLOG_WRITER_THREAD=0|1 decides instead.
 */
function writerChoice({writerThread, expectedBytes}: EventStoreOptions): WriterChoice {
	if (writerThread !== undefined) return writerThread;
	const forced = process.env.AADLOG_WRITER_THREAD;
	if (forced === '0' || forced === '1') return forced === '1';
	return expectedBytes !== undefined && expectedBytes >= 4 * 1024 * 1024 ? true : {afterEvents: 5000};
}

function sinkFor(db: Db, file: string, choice: WriterChoice): BatchSink {
	// `:memory:` and '' (a private temporary database) cannot be opened by a second connection.
	if (choice === false || !opensTwice(file)) return new InThreadSink(db);
	return choice === true ? new WriterThread(file) : new GrowingSink(db, file, choice.afterEvents);
}

export class EventStore {
	/** All the committed counts, the new events per outcome and kind among them (as of the last flush). */
	counts: WriteCounts = emptyCounts();
	private runId = 0;
	/** Events this run stores get ids above this one: the link step works on the run, not the database. */
	private afterId = 0;
	private causeIds = new Map<string, number>();
	private readonly batches: BatchBuilder;
	private readonly signins: SigninLookup;
	/** Whether a sign-in was added since the last flush: a lookup must see it. */
	private signinsUnflushed = false;
	private readonly previousSourceRow;

	constructor(
		private readonly db: Db,
		private readonly sink: BatchSink,
	) {
		// Handed to the sink without waiting for it to be committed.
		this.batches = new BatchBuilder(this.causeIds, (batch) => sink.write(batch));
		this.signins = new SigninLookup(db);
		this.previousSourceRow = db.prepare(`SELECT size, format, gzip, content_hash AS contentHash, read_bytes AS readBytes, read_lines AS readLines
			FROM sources WHERE path = ? AND complete = 1 AND content_hash IS NOT NULL ORDER BY id DESC LIMIT 1`);
	}

	/** Events new to the database, and events it already held (as of the last flush). */
	get stored(): number {
		return this.counts.stored;
	}

	get duplicates(): number {
		return this.counts.duplicates;
	}

	/** Seconds spent inside SQLite, in whichever thread wrote. */
	get writerSeconds(): number {
		return this.counts.seconds;
	}

	/** The run's row, and the causes its events can point at. */
	beginRun(run: {inputs: readonly string[]; version: string; rulesVersion?: string; causes: readonly Rule[]}): number {
		this.markKilledRuns();
		const result = this.db
			.prepare("INSERT INTO runs (started_at, status, version, inputs, pid, host, rules_version) VALUES (?, 'running', ?, ?, ?, ?, ?)")
			.run(new Date().toISOString(), run.version, redactText(JSON.stringify(run.inputs)), process.pid, hostname(), run.rulesVersion ?? null);
		this.runId = Number(result.lastInsertRowid);
		this.batches.runId = this.runId;
		this.afterId = this.db.prepare('SELECT coalesce(max(id), 0) FROM events').pluck().get() as number;
		for (const [rule, id] of registerCauses(this.db, run.causes)) this.causeIds.set(rule, id);
		return this.runId;
	}

	/**
	 * A run still 'running' whose process is gone on this host was killed (SIGKILL, a crash,
	 * a power cut): say so. Its committed batches stay; the next run re-reads its inputs,
	 * whose sources were never marked complete, and stores what is missing.
	 */
	private markKilledRuns(): void {
		const running = this.db.prepare("SELECT id, pid, host FROM runs WHERE status = 'running'").all() as Array<{
			id: number;
			pid: number | null;
			host: string | null;
		}>;
		const mark = this.db.prepare("UPDATE runs SET status = 'killed' WHERE id = ? AND status = 'running'");
		for (const run of running) if (run.host === hostname() && run.pid !== null && !alive(run.pid)) mark.run(run.id);
	}

	/** The last complete read of this path, if any. */
	previousSource(path: string): PreviousSource | undefined {
		// Sources rows hold the redacted path (a file's name can hold a SAS signature): looked up the same way.
		return this.previousSourceRow.get(redactText(path)) as PreviousSource | undefined;
	}

	/**
	 * A new source; its id comes at once, without waiting for the writer thread, even one
	 * still starting (the sink gives the stored id where the rows are written).
	 */
	beginSource(source: SourceInfo, startByte = 0): number {
		// A file's name can hold a secret (wget names a blob after its URL, SAS signature included).
		const row = [
			this.runId,
			redactText(source.path),
			source.size ?? null,
			source.mtimeMs === undefined ? null : new Date(source.mtimeMs).toISOString(),
			startByte,
		];
		return this.sink.openSource(row);
	}

	addEvent(key: bigint, sourceId: number, event: AuthEvent, causes: readonly CauseMatch[]): void {
		if (event.kind === 'signin') this.signinsUnflushed = true;
		this.batches.addEvent(key, sourceId, event, causes);
	}

	/** `path` makes the same broken record read again one row, not one per run. */
	addReject(sourceId: number, line: number, item: number | undefined, reason: string, excerpt: string, path = ''): void {
		this.batches.addReject(sourceId, line, item, reason, excerpt, path);
	}

	/** The totals of a source as read so far, after its last events (BatchBuilder.addSourceTotals). */
	endSource(sourceId: number, totals: SourceTotals): void {
		this.batches.addSourceTotals(sourceId, totals);
	}

	/** The sign-in behind an app event, among everything stored, this run's sign-ins included. */
	findSignin(event: AuthEvent): FoundSignin | undefined {
		if (this.signinsUnflushed) this.flush();
		return this.signins.find(event);
	}

	/** Everything added so far is committed when this returns: reads see it. */
	flush(): void {
		this.batches.flush();
		const {counts, error} = this.sink.sync();
		this.counts = counts;
		this.signinsUnflushed = false;
		if (error) throw error;
	}

	/** The correlations of every app failure × sign-in this run added (link.ts). */
	linkRun(): LinkTotals {
		this.flush();
		return linkRun(this.db, this.runId, this.afterId);
	}

	/** Sources read to the end whose every event is stored (app failures wait for the end of the run). */
	completeSources(sourceIds: readonly number[]): void {
		this.flush();
		const mark = this.db.prepare('UPDATE sources SET complete = 1 WHERE id = ?');
		this.db.transaction(() => {
			for (const id of sourceIds) mark.run(this.sink.storedSourceId(id));
		})();
	}

	/**
	 * Reports read a rollup. The writer kept it current; this catches up what it could not (an
	 * upgraded database, a reclassify that stopped), in transactions of its own: killed, it is
	 * behind, never wrong.
	 */
	refreshRollup(onCatchUp?: (events: number) => void): void {
		refreshRollup(this.db, onCatchUp);
	}

	finishRun(status: 'complete' | 'interrupted' | 'failed', totals: RunTotals): void {
		if (status !== 'failed') this.flush();
		else {
			try {
				this.flush();
			} catch {
				// The caller throws the run's error (perhaps this one): the run is marked failed either way.
			}
		}
		this.db
			.prepare('UPDATE runs SET finished_at = ?, status = ?, records = ?, rejected = ?, stored = ?, duplicates = ?, bytes = ?, skipped = ? WHERE id = ?')
			.run(new Date().toISOString(), status, totals.records, totals.rejected, this.stored, this.duplicates, totals.bytes, totals.skipped, this.runId);
		// Statistics for the query planner, so reports pick the narrow covering indexes on big
		// databases (SQLite samples a bounded number of rows: 30 ms after 80,000 new events).
		if (status === 'complete') this.db.pragma('optimize');
	}

	/** Ends the writer thread, if there is one, and closes the database. */
	async close(): Promise<void> {
		try {
			await this.sink.close();
		} finally {
			this.db.close();
		}
	}
}

/** Whether a process with this id exists (signal 0 checks without signalling). */
function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}
