/**
 * SQLite has no regular expressions of its own, and the `regexp` of the sqlite3 shell has
 * another dialect and is case-sensitive. aadlog's connections get `aadlog_regexp(pattern,
 * text)`, which runs the pattern through the engine itself: a rule regex means the same in
 * SQL as in-process. Elsewhere the name is unknown and the query fails loudly instead of
 * matching differently.
 */
import type {Database} from 'better-sqlite3';
import {engineRegexTest} from './engine-oracle.js';

export const regexpFunctionName = 'aadlog_regexp';

export function registerRegexpFunction(db: Database): void {
	db.function(regexpFunctionName, {deterministic: true}, (pattern: unknown, text: unknown) => {
		if (text === null || text === undefined) return null;
		return engineRegexTest(String(pattern), String(text)) ? 1 : 0;
	});
}
