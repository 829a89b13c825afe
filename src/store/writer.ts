/**
 * The store step: the run's bookkeeping (runs, sources, causes) on the main connection, and
 * its events and rejects in batches of rows (event-rows.ts), written whole by a BatchSink:
 * this thread, or the writer thread (writer-thread.ts).
 */
import {hostname} from 'node:os';
import type {AuthEvent} from '../extract/event.js';
import type {CauseMatch} from '../classify/engine.js';
import type {Rule} from '../classify/rule.js';
import type {Db} from './database.js';
import {InThreadSink, type BatchSink} from './batch-sink.js';
import {BatchBuilder} from './batch-builder.js';
import {emptyCounts, type WriteCounts} from './write-counts.js';
import type {WriterThread} from './writer-thread.js';
import {redactText} from '../tokens/redact.js';

export interface SourceInfo {
	path: string;
	size?: number;
	mtimeMs?: number;
}

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
}

export interface RunTotals {
	records: number;
	rejected: number;
	bytes: number;
	skipped: number;
}

export class StoreWriter {
	/** Events new to the database, and events it already held (as of the last flush). */
	stored = 0;
	duplicates = 0;
	/** All the committed counts, the new events per outcome and kind among them (as of the last flush). */
	counts: WriteCounts = emptyCounts();
	/** Seconds the writer (this thread or the writer thread) spent in SQLite. */
	writerSeconds = 0;
	private runId = 0;
	/** Rule id → causes row id, once registerCauses ran. */
	readonly causeIds = new Map<string, number>();
	private readonly batches: BatchBuilder;

	/** `sink`: the writer thread, or (by default) this thread writing on `db`. */
	constructor(private readonly db: Db, private readonly sink: BatchSink = new InThreadSink(db)) {
		// Handed to the sink without waiting for it to be committed.
		this.batches = new BatchBuilder(this.causeIds, (batch) => sink.write(batch));
	}

	beginRun(inputs: readonly string[], version: string, rulesVersion?: string): number {
		this.markKilledRuns();
		const result = this.db
			.prepare("INSERT INTO runs (started_at, status, version, inputs, pid, host, rules_version) VALUES (?, 'running', ?, ?, ?, ?, ?)")
			.run(new Date().toISOString(), version, redactText(JSON.stringify(inputs)), process.pid, hostname(), rulesVersion ?? null);
		this.runId = Number(result.lastInsertRowid);
		this.batches.runId = this.runId;
		return this.runId;
	}

	/**
	 * A run still 'running' whose process is gone on this host was killed (SIGKILL, a crash,
	 * a power cut): say so. Its committed batches stay; the next run re-reads its inputs,
	 * whose sources were never marked complete, and stores what is missing.
	 */
	private markKilledRuns(): void {
		const running = this.db.prepare("SELECT id, pid, host FROM runs WHERE status = 'running'").all() as Array<{id: number; pid: number | null; host: string | null}>;
		const mark = this.db.prepare("UPDATE runs SET status = 'killed' WHERE id = ? AND status = 'running'");
		for (const run of running) if (run.host === hostname() && run.pid !== null && !alive(run.pid)) mark.run(run.id);
	}

	/** Causes are rows so events can point at them by integer; re-registering updates their text. */
	registerCauses(rules: readonly Rule[]): void {
		const upsert = this.db.prepare(`INSERT INTO causes (cause, title, who, level, confidence, fix) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT(cause) DO UPDATE SET title = excluded.title, who = excluded.who, level = excluded.level,
			confidence = excluded.confidence, fix = excluded.fix RETURNING id`);
		this.db.transaction(() => {
			for (const rule of rules) {
				const row = upsert.get(rule.id, rule.title, rule.who, rule.level, rule.confidence, rule.fix) as {id: number};
				this.causeIds.set(rule.id, row.id);
			}
		})();
	}

	/**
	 * A new source whose rows this thread adds. Its id comes at once, without waiting for the
	 * writer thread, even one still starting: provisional, until the writer stores the row
	 * (before the rows that follow); completeSources takes either.
	 */
	beginSource(source: SourceInfo, startByte = 0): number {
		return this.sink.openSource(this.sourceRow(source, startByte));
	}

	/**
	 * A new source whose rows another thread posts on its own line to the writer thread (a
	 * reader thread): a provisional id, and the sources row that thread posts before its rows.
	 */
	beginSourceElsewhere(writer: WriterThread, source: SourceInfo, startByte = 0): {sourceId: number; row: unknown[]} {
		return {sourceId: writer.provisionalSourceId(), row: this.sourceRow(source, startByte)};
	}

	private sourceRow(source: SourceInfo, startByte: number): unknown[] {
		// A file's name can hold a secret (wget names a blob after its URL, SAS signature included).
		return [this.runId, redactText(source.path), source.size ?? null, source.mtimeMs === undefined ? null : new Date(source.mtimeMs).toISOString(), startByte];
	}

	addEvent(key: bigint, sourceId: number, event: AuthEvent, causes: readonly CauseMatch[]): void {
		this.batches.addEvent(key, sourceId, event, causes);
	}

	/** `path` makes the same broken record read again one row, not one per run. */
	addReject(sourceId: number, line: number, item: number | undefined, reason: string, excerpt: string, path = ''): void {
		this.batches.addReject(sourceId, line, item, reason, excerpt, path);
	}

	/** Everything added so far is committed when this returns: reads see it. */
	flush(): void {
		this.batches.flush();
		const {counts, error} = this.sink.sync();
		this.counts = counts;
		this.stored = counts.stored;
		this.duplicates = counts.duplicates;
		this.writerSeconds = counts.seconds;
		if (error) throw error;
	}

	/** Ends the writer thread, if there is one (after finishRun). */
	close(): Promise<void> {
		return this.sink.close();
	}

	/** The totals of a source as read so far, after its last events (BatchBuilder.addSourceTotals). */
	recordSource(sourceId: number, totals: SourceTotals): void {
		this.batches.addSourceTotals(sourceId, totals);
	}

	/** Sources read to the end whose every event is stored (app failures wait for the end of the run). */
	completeSources(sourceIds: readonly number[]): void {
		this.flush();
		const mark = this.db.prepare('UPDATE sources SET complete = 1 WHERE id = ?');
		this.db.transaction(() => {
			for (const id of sourceIds) mark.run(this.sink.storedSourceId(id));
		})();
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
