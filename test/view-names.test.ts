/**
 * One name per concept: a view or named query that shows a user, an app, an address or a
 * code calls it what the events table calls it (`user_principal_name`, `app_name`,
 * `ip_address`, `error_code`), alone or after a prefix saying whose it is
 * (`signin_error_code`), so a column copied from one query works in the next.
 * SQLite names each result column's origin, so the check covers every view and query.
 */

import test from 'ava';
import Database from 'better-sqlite3';
import {namedQueries} from '../src/query/named-queries.js';
import {migrations, registerMigrationFunctions} from '../src/store/schema.js';

/** Columns whose concept has one name: the events column's. */
const oneName = new Set([
	'user_principal_name',
	'app_id',
	'app_name',
	'resource_name',
	'ip_address',
	'error_code',
	'aadsts_codes',
	'correlation_id',
	'request_id',
	'trace_id',
	'client_app',
	'location',
]);
/** Short names a computed column must not take: they are another spelling of one of the above. */
const synonyms = new Set(['user', 'upn', 'app', 'app_display_name', 'resource', 'ip', 'code', 'codes']);

function migrated(): Database.Database {
	const db = new Database(':memory:');
	registerMigrationFunctions(db);
	for (const m of migrations) db.exec(m);
	return db;
}

function misnamed(columns: Database.ColumnDefinition[]): string[] {
	const wrong: string[] = [];
	for (const c of columns) {
		if (synonyms.has(c.name)) wrong.push(`${c.name} (another spelling)`);
		else if (c.table === 'events' && c.column && oneName.has(c.column) && c.name !== c.column && !c.name.endsWith(`_${c.column}`))
			wrong.push(`${c.name} (is events.${c.column})`);
	}
	return wrong;
}

test('every view names a user, app, address or code as the events table does', (t) => {
	const db = migrated();
	const views = db.prepare("SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name").pluck().all() as string[];
	t.true(views.length >= 8);
	const wrong = views.flatMap((v) => misnamed(db.prepare(`SELECT * FROM ${v}`).columns()).map((w) => `${v}.${w}`));
	db.close();
	t.deepEqual(wrong, []);
});

test('every named query does too', (t) => {
	const db = migrated();
	const wrong = namedQueries.flatMap((q) => misnamed(db.prepare(q.sql).columns()).map((w) => `${q.name}: ${w}`));
	db.close();
	t.deepEqual(wrong, []);
});

test('the check catches a renamed column and a computed synonym', (t) => {
	const db = migrated();
	t.deepEqual(
		misnamed(db.prepare('SELECT user_principal_name AS who, coalesce(app_name, app_id) AS app, error_code AS signin_error_code FROM events').columns()),
		['who (is events.user_principal_name)', 'app (another spelling)'],
	);
	db.close();
});
