/**
 * Writes batches of rows with prepared statements, whole batches per transaction (all or
 * nothing: a killed run leaves whole batches). Events are de-duplicated by their integer
 * record key (ON CONFLICT DO NOTHING), so reading input again never double-counts.
 * Runs on the main thread, or in the writer thread with a connection of its own.
 */
import type {Statement} from 'better-sqlite3';
import type {Outcome} from '../extract/event.js';
import type {Db} from './database.js';
import {type Batch, tokenColumns} from './event-rows.js';
import {policyColumns, policyWidth} from './policy-rows.js';
import {RollupDelta} from './rollup-delta.js';
import {fullLayout, layoutOf, type RowLayout, slimLayout} from './row-layout.js';
import {emptyCounts, sumCounts, type WriteCounts} from './write-counts.js';

export type {WriteCounts} from './write-counts.js';

const placeholders = (n: number): string => new Array(n).fill('?').join(', ');

/** Where the writer reads a row's source, kind and outcome; the same in both layouts (asserted below). */
const sourceColumn = slimLayout.at('source_id');
const kindColumn = slimLayout.at('kind');
const outcomeColumn = slimLayout.at('outcome');
for (const column of ['source_id', 'kind', 'outcome'] as const) {
	if (fullLayout.at(column) !== slimLayout.at(column)) throw new Error(`${column} sits apart in the two row layouts (a bug)`);
}

/**
 * The rollup's counts are written at a commit once they cover this many events (and at
 * every sync): until then the views count those events live.
 * - This thread commits every 1,000-event batch. Writing the counts at each commit took
 *   its SQLite time on 100 MB from 3.8 s to 5.0 s (4.0 s every 10,000 events).
 * - The writer thread's transactions hold up to 50,000 events (or a second), so it writes
 *   the counts at about every commit. Held longer, they keep every user name they saw: a
 *   2 GB run peaked at 246 MB with counts written every 50,000 events, 228 MB with 10,000.
 */
export const rollupEvery = {thisThread: 50_000, writerThread: 10_000};

export class BatchWriter {
	counts: WriteCounts = emptyCounts();
	/** An INSERT per row layout: a slim row binds only its own columns. */
	private readonly insertEvent = new Map<RowLayout, Statement>();
	private readonly insertEventCause: Statement;
	private readonly insertReject: Statement;
	private readonly upsertToken: Statement;
	private readonly updateSource: Statement;
	private readonly insertSourceRow: Statement;
	private readonly insertEventToken: Statement;
	private readonly insertPolicy: Statement;
	/** The reports' rollup of the events stored since its counts were last written. */
	private readonly rollup: RollupDelta;
	private openedAt = 0;
	/** Counts of the open transaction. */
	private pending = emptyCounts();
	/** Provisional source id (negative, from the thread that adds the rows) → stored id (openSource). */
	readonly sourceIds = new Map<number, number>();

	constructor(
		private readonly db: Db,
		private readonly group: {rows: number; ms: number} = {rows: 0, ms: 0},
		private readonly rollupAfter: number = rollupEvery.thisThread,
	) {
		for (const layout of [fullLayout, slimLayout]) {
			const {columns} = layout;
			this.insertEvent.set(
				layout,
				db.prepare(`INSERT INTO events (${columns.join(', ')}) VALUES (${placeholders(columns.length)}) ON CONFLICT(record_key) DO NOTHING`),
			);
		}
		this.insertEventCause = db.prepare('INSERT INTO event_causes (event_id, rank, cause_id, evidence) VALUES (?, ?, ?, ?)');
		this.insertReject = db.prepare(
			'INSERT INTO rejects (run_id, source_id, line, item, reason, excerpt, reject_key) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
		);
		this.upsertToken = db.prepare(`INSERT INTO tokens (${tokenColumns.join(', ')}) VALUES (${placeholders(tokenColumns.length)})
		ON CONFLICT(fingerprint) DO UPDATE SET
			signature = coalesce(excluded.signature, tokens.signature),
			first_seen = CASE WHEN tokens.first_seen IS NULL OR excluded.first_seen < tokens.first_seen THEN excluded.first_seen ELSE tokens.first_seen END`);
		this.insertEventToken = db.prepare('INSERT OR IGNORE INTO event_tokens (event_id, fingerprint, seconds_past_exp, expired_at_use) VALUES (?, ?, ?, ?)');
		this.insertPolicy = db.prepare(
			`INSERT INTO event_ca_policies (event_id, ${policyColumns.join(', ')}) VALUES (${placeholders(policyColumns.length + 1)})`,
		);
		this.insertSourceRow = db.prepare('INSERT INTO sources (run_id, path, size, mtime, start_byte) VALUES (?, ?, ?, ?, ?)');
		this.updateSource = db.prepare(
			'UPDATE sources SET format = ?, gzip = ?, bytes = ?, records = ?, rejected = ?, content_hash = ?, read_bytes = ?, read_lines = ? WHERE id = ?',
		);
		this.rollup = new RollupDelta(db);
	}

	/**
	 * Writes the batch in the open transaction (opening one); commits once the transaction
	 * holds `group.rows` events or has been open `group.ms`. With no group (this thread),
	 * every batch is its own transaction. The writer thread groups: random keys (record
	 * keys, GUIDs) dirty one index page per row whatever the batch, and a bigger transaction
	 * writes each such page once for many rows. Counts move to `counts` only when their rows
	 * are committed.
	 */
	write(batch: Batch): void {
		const start = performance.now();
		try {
			this.begin(start);
			try {
				this.writeRows(batch, this.pending);
			} catch (error) {
				this.abandon();
				throw error;
			}
			if (this.pending.stored + this.pending.duplicates >= this.group.rows || start - this.openedAt >= this.group.ms) this.commit();
		} finally {
			this.counts.seconds += (performance.now() - start) / 1000;
		}
	}

	private begin(now: number): void {
		if (this.db.inTransaction) return;
		this.db.exec('BEGIN IMMEDIATE');
		this.openedAt = now;
	}

	/** Commits the open transaction, if there is one. */
	commit(): void {
		this.commitWith(this.rollup.events >= this.rollupAfter);
	}

	/**
	 * Commits everything: the open transaction, and the rollup's counts held back (in a
	 * transaction of their own if none is open). Before anything reads the database.
	 */
	sync(): void {
		if (!this.db.inTransaction && this.rollup.events > 0) this.db.exec('BEGIN IMMEDIATE');
		this.commitWith(true);
	}

	/** A new sources row, in the open transaction if there is one (else committed at once): no sync first. */
	insertSource(row: unknown[]): number {
		return Number(this.insertSourceRow.run(row).lastInsertRowid);
	}

	/**
	 * A new sources row in the open transaction (with the rows that follow it), known to the
	 * rows by `provisional` until written: writeRows puts the stored id in its place.
	 */
	openSource(provisional: number, row: unknown[]): void {
		const start = performance.now();
		try {
			this.begin(start);
			try {
				this.sourceIds.set(provisional, this.insertSource(row));
			} catch (error) {
				this.abandon();
				throw error;
			}
		} finally {
			this.counts.seconds += (performance.now() - start) / 1000;
		}
	}

	/** The stored id of a source, for an id a row carries (provisional ones are negative). */
	private storedSourceId(id: number): number {
		if (id > 0) return id;
		const stored = this.sourceIds.get(id);
		if (stored === undefined) throw new Error(`rows of source ${id}, which was never opened (a bug)`);
		return stored;
	}

	private commitWith(rollup: boolean): void {
		if (!this.db.inTransaction) return;
		const start = performance.now();
		try {
			if (rollup) this.rollup.write();
			this.db.exec('COMMIT');
		} catch (error) {
			this.abandon();
			throw error;
		} finally {
			this.counts.seconds += (performance.now() - start) / 1000;
		}
		this.counts = sumCounts(this.counts, this.pending); // the pending counts hold no seconds: those are counted above
		this.pending = emptyCounts();
	}

	/** Drops the open transaction and what it counted. */
	private abandon(): void {
		// SQLITE_FULL, I/O errors and RAISE(ROLLBACK) end the transaction themselves.
		if (this.db.inTransaction) this.db.exec('ROLLBACK');
		this.pending = emptyCounts();
		this.rollup.clear();
	}

	private writeRows(batch: Batch, counts: WriteCounts): void {
		const {events} = batch;
		let cause = 0;
		let token = 0;
		let policy = 0;
		for (let index = 0; index < events.rows.length; index++) {
			const row = events.rows[index];
			row[sourceColumn] = this.storedSourceId(row[sourceColumn] as number);
			const firstToken = token;
			// A token's row first, even when the event is a duplicate: this run may know its signature.
			for (; token < events.tokens.length && events.tokenRow[token] === index; token++) {
				const tokenRow = events.tokens[token].row;
				if (tokenRow) this.upsertToken.run(tokenRow);
			}
			const firstCause = cause;
			while (cause < events.causeRow.length && events.causeRow[cause] === index) cause++;
			const firstPolicy = policy;
			while (policy < events.policyRow.length && events.policyRow[policy] === index) policy++;
			const layout = layoutOf(row);
			// spread: faster to bind than an array (bench/micro/bind-spread.js)
			const result = (this.insertEvent.get(layout) as Statement).run(...row);
			if (result.changes === 0) {
				counts.duplicates++;
				continue;
			}
			counts.stored++;
			counts.newKinds[row[kindColumn] as 'signin' | 'app']++;
			counts.newOutcomes[row[outcomeColumn] as Outcome]++;
			const eventId = result.lastInsertRowid;
			this.rollup.add(Number(eventId), row, layout);
			for (let c = firstCause; c < cause; c++) this.insertEventCause.run(eventId, c - firstCause + 1, events.causeId[c], events.evidence[c]);
			for (let t = firstToken; t < token; t++) this.insertEventToken.run(eventId, ...events.tokens[t].use);
			for (let p = firstPolicy; p < policy; p++) {
				const v = events.policies;
				const at = p * policyWidth;
				this.insertPolicy.run(eventId, v[at], v[at + 1], v[at + 2], v[at + 3], v[at + 4], v[at + 5]);
			}
		}
		for (const r of batch.rejects)
			counts.newRejects += this.insertReject.run(r.runId, this.storedSourceId(r.sourceId), r.line, r.item, r.reason, r.excerpt, r.key).changes;
		for (const row of batch.sourceTotals) this.updateSource.run(...row.slice(0, -1), this.storedSourceId(row.at(-1) as number));
	}
}
