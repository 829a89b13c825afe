/** Causes are rows so events can point at them by integer; registering again updates their text. */
import type {Rule} from '../classify/rule.js';
import type {Db} from './database.js';

/** Rule id → causes row id, for every rule given. */
export function registerCauses(db: Db, rules: readonly Rule[]): Map<string, number> {
	const upsert = db.prepare(`INSERT INTO causes (cause, title, who, level, confidence, fix) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT(cause) DO UPDATE SET title = excluded.title, who = excluded.who, level = excluded.level,
		confidence = excluded.confidence, fix = excluded.fix RETURNING id`);
	const ids = new Map<string, number>();
	db.transaction(() => {
		for (const rule of rules) ids.set(rule.id, (upsert.get(rule.id, rule.title, rule.who, rule.level, rule.confidence, rule.fix) as {id: number}).id);
	})();
	return ids;
}
