/**
 * `aadlog reclassify`: the (changed) rules re-run over the sign-ins a database already
 * holds, in SQL, without reading any log again. Only sign-ins: app events need their text
 * and token facts, which the database keeps only in part. A sign-in whose stored cause is
 * a rule the SQL target cannot fully evaluate keeps that cause (the evidence may sit in a
 * field the events table does not keep); it is counted, not silently changed.
 */
import type {Database} from 'better-sqlite3';
import {unclassifiedRule} from '../classify/engine.js';
import {rulesVersion} from '../classify/rules-version.js';
import {registerCauses} from '../store/causes.js';
import {clearRollup, refreshRollup} from '../store/rollup.js';
import type {RuleVerdict} from './compile-rules.js';
import {exportSql, type RuleSet} from './export-rules.js';
import {regexpFunctionName, registerRegexpFunction} from './sql-regexp-function.js';

/** What changed: per pair of causes (NULL = none), how many sign-ins moved. */
export interface ReclassifyResult {
	/** Sign-ins the rules looked at (failures and interrupts). */
	examined: number;
	changed: number;
	/** Sign-ins left with their stored cause because its rule does not travel whole to SQL. */
	kept: number;
	moves: Array<{from: string | null; to: string | null; count: number}>;
	/** Rules that do not travel whole to SQL, with why. */
	notPortable: RuleVerdict[];
}

/** The evidence an event_causes row gets when SQL, not the engine, chose the cause. */
export const reclassifiedEvidence = 'reclassified in SQL (aadlog reclassify): most likely cause only';

export function reclassify(
	db: Database,
	ruleSet: RuleSet,
	options: {dryRun?: boolean; version?: string; onRollupRebuild?: (events: number) => void} = {},
): ReclassifyResult {
	registerRegexpFunction(db);
	const {classify, compiled} = exportSql(ruleSet, {regexpFunction: regexpFunctionName});
	const notPortable = compiled.verdicts.filter((v) => v.status === 'partial' || v.status === 'not-portable');
	const lossy = new Set(notPortable.map((v) => v.rule.id));
	const stored = new Map(
		(
			db
				.prepare(
					"SELECT e.id, e.outcome, c.cause FROM events e LEFT JOIN causes c ON c.id = e.cause_id WHERE e.kind = 'signin' AND e.outcome IN ('failure', 'interrupt')",
				)
				.all() as Array<{id: number; outcome: string; cause: string | null}>
		).map((r) => [r.id, r]),
	);
	const updates: Array<{id: number; outcome: string; cause: string | null}> = [];
	let kept = 0;
	for (const row of db.prepare(classify).all() as Array<{event_id: number; outcome: string; cause: string | null}>) {
		const before = stored.get(row.event_id);
		if (!before || (before.cause === row.cause && before.outcome === row.outcome)) continue;
		if (before.cause !== null && lossy.has(before.cause)) {
			kept++;
			continue;
		}
		updates.push({id: row.event_id, outcome: row.outcome, cause: row.cause});
	}
	const moves = new Map<string, {from: string | null; to: string | null; count: number}>();
	for (const u of updates) {
		const from = stored.get(u.id)!.cause;
		const key = `${from}\u0000${u.cause}`;
		const move = moves.get(key) ?? {from, to: u.cause, count: 0};
		move.count++;
		moves.set(key, move);
	}
	if (!options.dryRun)
		write(db, ruleSet, updates, {examined: stored.size, changed: updates.length, kept, version: options.version ?? 'unknown'}, options.onRollupRebuild);
	return {
		examined: stored.size,
		changed: updates.length,
		kept,
		moves: [...moves.values()].sort((a, b) => b.count - a.count || String(a.from).localeCompare(String(b.from))),
		notPortable,
	};
}

/**
 * One transaction: the causes' text, then each changed sign-in's cause, outcome and its
 * event_causes row, and a reclassifications row naming the rules version applied. Then
 * the reports' rollup is counted again from the events (its own transaction: until it
 * lands, the views count every event live).
 */
function write(
	db: Database,
	ruleSet: RuleSet,
	updates: Array<{id: number; outcome: string; cause: string | null}>,
	totals: {examined: number; changed: number; kept: number; version: string},
	onRollupRebuild?: (events: number) => void,
): void {
	const setEvent = db.prepare('UPDATE events SET outcome = ?, cause_id = (SELECT id FROM causes WHERE cause = ?) WHERE id = ?');
	const clearCauses = db.prepare('DELETE FROM event_causes WHERE event_id = ?');
	const addCause = db.prepare('INSERT INTO event_causes (event_id, rank, cause_id, evidence) SELECT ?, 1, id, ? FROM causes WHERE cause = ?');
	db.transaction(() => {
		registerCauses(db, [...ruleSet.rules, unclassifiedRule]);
		for (const u of updates) {
			setEvent.run(u.outcome, u.cause, u.id);
			clearCauses.run(u.id);
			if (u.cause !== null) addCause.run(u.id, reclassifiedEvidence, u.cause);
		}
		db.prepare('INSERT INTO reclassifications (at, rules_version, examined, changed, kept, version) VALUES (?, ?, ?, ?, ?, ?)').run(
			new Date().toISOString(),
			rulesVersion(ruleSet.rules),
			totals.examined,
			totals.changed,
			totals.kept,
			totals.version,
		);
		// Causes and outcomes moved under the rollup's counts: it is built again from the events.
		if (updates.length > 0) clearRollup(db);
	})();
	if (updates.length > 0) refreshRollup(db, onRollupRebuild);
}
