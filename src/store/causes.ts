/** Causes are rows so events can point at them by integer; registering again updates their text. */

import {loadCatalog} from '../classify/catalog.js';
import {catalogCauses} from '../classify/catalog-causes.js';
import {unclassifiedRule} from '../classify/engine.js';
import {builtinRulesDir} from '../classify/load-rules.js';
import type {Rule} from '../classify/rule.js';
import type {Db} from './database.js';

/**
 * Rule id → causes row id, for every rule given and every cause the engine gives when no
 * rule fits (a catalog code's cause, `unclassified`): whatever rules a run or a
 * reclassification uses, an event's cause is always a row.
 */
export function registerCauses(db: Db, rules: readonly Rule[]): Map<string, number> {
	const upsert = db.prepare(`INSERT INTO causes (cause, title, who, level, confidence, fix) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT(cause) DO UPDATE SET title = excluded.title, who = excluded.who, level = excluded.level,
		confidence = excluded.confidence, fix = excluded.fix RETURNING id`);
	const causes = new Map([...fallbackCauses(), ...rules].map((rule) => [rule.id, rule]));
	const ids = new Map<string, number>();
	db.transaction(() => {
		for (const rule of causes.values())
			ids.set(rule.id, (upsert.get(rule.id, rule.title, rule.who, rule.level, rule.confidence, rule.fix) as {id: number}).id);
	})();
	return ids;
}

let fallbacks: Rule[] | undefined;

/** The engine classifies with the shipped catalog (loadKnowledge): its causes, loaded once, and `unclassified`. */
function fallbackCauses(): Rule[] {
	fallbacks ??= [...catalogCauses(loadCatalog(builtinRulesDir)), unclassifiedRule];
	return fallbacks;
}
