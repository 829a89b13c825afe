/**
 * The schema's history: every migration that has shipped, in order. A database at version n
 * (PRAGMA user_version) is brought up to date by the ones after n; a new database is created
 * from the current schema (../schema.ts) instead, and a test checks both end the same.
 * Migrations are literal SQL, never generated: one must not change when the code does.
 * Append a migration to change the schema (a new file, listed here); never edit one that has shipped.
 * Run them on a connection that has registerMigrationFunctions: some call into aadlog.
 */
import type Database from 'better-sqlite3';
import {signinKey} from '../../util/hash.js';
import {spine} from './01-spine.js';
import {tokensAndJoins} from './02-tokens-and-joins.js';
import {nightlyAndViews} from './04-nightly-and-views.js';
import {runsRulesRejects} from './06-runs-rules-rejects.js';
import {reportsAtScale} from './09-reports-at-scale.js';
import {bigDatabases} from './11-big-databases.js';
import {incidents} from './13-incidents.js';
import {oneVocabulary} from './14-one-vocabulary.js';
import {causeSummaryByImpact} from './15-cause-summary-by-impact.js';
import {oneNamePerConcept} from './16-one-name-per-concept.js';
import {deviceJoinType} from './17-device-join-type.js';
import {caPolicyRows} from './18-ca-policy-rows.js';

export const migrations: readonly string[] = [
	...spine,
	...tokensAndJoins,
	...nightlyAndViews,
	...runsRulesRejects,
	...reportsAtScale,
	...bigDatabases,
	...incidents,
	...oneVocabulary,
	...causeSummaryByImpact,
	...oneNamePerConcept,
	...deviceJoinType,
	...caPolicyRows,
];

/** SQL functions the migrations call: aadlog_signin_key (12) keys stored sign-ins as new ones are keyed. */
export function registerMigrationFunctions(db: Database.Database): void {
	db.function('aadlog_signin_key', {deterministic: true}, (id) => signinKey(String(id)));
}
