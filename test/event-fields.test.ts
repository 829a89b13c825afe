/**
 * The field table (src/store/event-fields.ts) and what is generated from it: a new
 * database's schema (the same as the migrations make), rows built by name, the slim
 * successful sign-in, and the rule fields.
 */

import {readFileSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import Database from 'better-sqlite3';
import {loadKnowledge} from '../src/classify/knowledge.js';
import {matchableFields} from '../src/classify/rule.js';
import {analyze} from '../src/pipeline.js';
import {defaultReadLimits} from '../src/read/record.js';
import {eventColumns, eventFields} from '../src/store/event-fields.js';
import {currentSchema, migrations, registerMigrationFunctions} from '../src/store/schema.js';
import {memoryInput, samplesDir, tempDir} from './helpers.js';

const knowledge = loadKnowledge();

/** Every table's columns, keys and indexes, and every index's and view's SQL. */
function shape(db: Database.Database): Record<string, unknown> {
	const objects = db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as Array<{
		type: string;
		name: string;
		sql: string | null;
	}>;
	return Object.fromEntries(
		objects.map(({type, name, sql}) => [
			`${type} ${name}`,
			type === 'table'
				? {
						columns: db.pragma(`table_info(${name})`),
						keys: db.pragma(`foreign_key_list(${name})`),
						indexes: (db.pragma(`index_list(${name})`) as Array<{name: string; unique: number; partial: number}>)
							.map((i) => `${i.name} ${i.unique} ${i.partial}`)
							.sort(),
					}
				: sql?.replace(/\s+/g, ' '),
		]),
	);
}

test('a new database (its events columns from the field table) has what the migrations make of an old one', (t) => {
	const fresh = new Database(':memory:');
	fresh.exec(currentSchema());
	const migrated = new Database(':memory:');
	registerMigrationFunctions(migrated);
	for (const m of migrations) migrated.exec(m);
	t.deepEqual(shape(fresh), shape(migrated));
	t.deepEqual(fresh.prepare('SELECT * FROM rollup_state').all(), migrated.prepare('SELECT * FROM rollup_state').all());
	const columns = (fresh.pragma('table_info(events)') as Array<{name: string}>).map((c) => c.name);
	t.deepEqual(columns, ['id', ...eventColumns], 'the store binds eventColumns in table order');
});

test('every rule field of the field table is one rules may test', (t) => {
	const named = eventFields.flatMap((f) => ('rule' in f ? [f.rule.name] : []));
	t.true(named.length > 25);
	t.deepEqual(
		named.filter((name) => !matchableFields.has(name)),
		[],
	);
});

/** Request and correlation ids are GUIDs (a value of another shape is no id: extract/artifacts/ids.ts). */
const okId = '5a0c1e2f-0000-4000-8000-0000000000a1';
const badId = '5a0c1e2f-0000-4000-8000-0000000000b2';
const correlationOf = (id: string): string => `c${id.slice(1)}`;
const signin = (id: string, code: number): string =>
	JSON.stringify({
		id,
		createdDateTime: '2026-11-19T08:00:00Z',
		correlationId: correlationOf(id),
		uniqueTokenIdentifier: `uti${id.replaceAll('-', '').slice(0, 19)}`,
		userPrincipalName: 'megan@contoso.com',
		userId: '00000000-0000-4000-8000-00000000aaaa',
		ipAddress: '10.1.2.3',
		appId: 'app-1',
		appDisplayName: 'Orders SPA',
		resourceId: 'res-1',
		resourceDisplayName: 'Orders API',
		clientAppUsed: 'Browser',
		conditionalAccessStatus: 'notApplied',
		isInteractive: true,
		deviceDetail: {deviceId: 'dev-1', operatingSystem: 'Windows10', browser: 'Edge 131', isCompliant: true, isManaged: true, trustType: 'Azure AD joined'},
		location: {city: 'Oslo', countryOrRegion: 'NO'},
		status: {errorCode: code, failureReason: code === 0 ? 'Other.' : 'Invalid username or password.'},
	});

test('a successful sign-in is stored slim; a failure keeps every column', async (t) => {
	const file = path.join(tempDir(), 'slim.db');
	await analyze({
		inputs: [memoryInput('signins.jsonl', `${signin(okId, 0)}\n${signin(badId, 50126)}\n`)],
		db: file,
		knowledge,
		limits: defaultReadLimits,
		version: 'test',
	});
	const db = new Database(file, {readonly: true});
	const row = (requestId: string) => db.prepare('SELECT * FROM events WHERE request_id = ?').get(requestId) as Record<string, unknown>;
	const success = row(okId);
	const failure = row(badId);
	t.like(success, {
		line: 1,
		time: '2026-11-19T08:00:00.000Z',
		kind: 'signin',
		outcome: 'success',
		error_code: 0,
		correlation_id: correlationOf(okId),
		user_principal_name: 'megan@contoso.com',
		app_id: 'app-1',
		app_name: 'Orders SPA',
		resource_id: 'res-1',
		resource_name: 'Orders API',
	});
	t.truthy(success.uti);
	const dropped = eventFields.filter((f) => !f.slim).map((f) => f.column);
	t.true(dropped.includes('ip_address') && dropped.includes('device_os'));
	t.deepEqual(
		dropped.filter((column) => success[column] !== null),
		[],
		'a success stores NULL in every column it does not keep',
	);
	t.like(failure, {
		outcome: 'failure',
		ip_address: '10.1.2.3',
		client_app: 'Browser',
		device_os: 'Windows10',
		device_compliant: 1,
		is_interactive: 1,
		location: 'Oslo, NO',
	});
	t.truthy(failure.failure_reason);
	db.close();
});

test('an app failure read in a later run joins the successful sign-in behind it, and learns its user and app', async (t) => {
	const file = path.join(tempDir(), 'later.db');
	const read = (name: string) =>
		analyze({
			inputs: [memoryInput(name, readFileSync(path.join(samplesDir, name), 'utf8'))],
			db: file,
			knowledge,
			limits: defaultReadLimits,
			version: 'test',
		});
	await read('story-signins.jsonl');
	await read('story-expenses-app.log');
	const db = new Database(file, {readonly: true});
	const joined = db
		.prepare("SELECT via, user_principal_name, app_name, signin_request_id IS NOT NULL AS has_id FROM by_correlation WHERE signin_outcome = 'success'")
		.all();
	t.true(joined.length > 0, 'a joined success');
	for (const row of joined) t.like(row, {user_principal_name: 'miriam.graham@contoso.com', app_name: 'Contoso Expenses Web', has_id: 1});
	db.close();
});
