/**
 * What a successful sign-in costs the store: its row carries only the columns it keeps
 * (src/store/row-layout.ts), so the batch to the writer thread is smaller and the writer binds
 * fewer values; and the redactor remembers a big tenant's user names instead of redacting
 * each again (src/tokens/redact.ts).
 */
import test from 'ava';
import Database from 'better-sqlite3';
import {extractRecord} from '../src/extract/extract-record.js';
import {BatchWriter} from '../src/store/batch-writer.js';
import {EventBatchBuilder} from '../src/store/event-batch.js';
import {eventColumns, eventFields} from '../src/store/event-fields.js';
import {RowBuilder} from '../src/store/event-rows.js';
import {layoutOf, slimLayout} from '../src/store/row-layout.js';
import {currentSchema} from '../src/store/schema.js';
import {redactionsRemembered, redactText} from '../src/tokens/redact.js';
import {graphSignin} from './helpers.js';

function eventOf(line: string) {
	const result = extractRecord({type: 'json', value: JSON.parse(line), raw: line, source: {file: 't.jsonl', line: 1}});
	if (!result.ok) throw new Error(result.reason);
	return result.event;
}

const extra = {ipAddress: '10.1.2.3', clientAppUsed: 'Browser', resourceDisplayName: 'Orders API', resourceId: 'res-1'};
const success = eventOf(graphSignin(1, 0, '2026-11-19T08:00:00.000Z', extra));
const failure = eventOf(graphSignin(2, 50126, '2026-11-19T08:00:01.000Z', extra));

test("a successful sign-in's row holds only the columns it keeps; a failure's holds every column", (t) => {
	const rows = new RowBuilder(new Map());
	const slim = rows.eventRows(1n, 1, 1, success, []).event;
	const full = rows.eventRows(2n, 1, 1, failure, []).event;
	const kept = eventFields.filter((f) => f.slim).map((f) => f.column);
	t.is(slim.length, kept.length, 'no NULL travels for a column a success drops');
	t.deepEqual(slimLayout.columns, kept);
	t.is(slim[kept.indexOf('user_principal_name')], 'user1@contoso.com');
	t.is(slim[kept.indexOf('resource_name')], 'Orders API');
	t.is(full.length, eventColumns.length);
	t.is(layoutOf(slim), slimLayout);
	t.not(layoutOf(full), slimLayout);
});

test('the writer stores a slim row as the full row of the same success would be: NULL in every column it drops', (t) => {
	const db = new Database(':memory:');
	db.exec(currentSchema());
	db.exec(
		"INSERT INTO runs (id, started_at, status, version, inputs) VALUES (1, 'x', 'running', 'x', '[]'); INSERT INTO sources (id, run_id, path) VALUES (1, 1, 'x')",
	);
	const rows = new RowBuilder(new Map());
	const events = new EventBatchBuilder();
	events.add(rows.eventRows(1n, 1, 1, success, []));
	events.add(rows.eventRows(2n, 1, 1, failure, []));
	const writer = new BatchWriter(db);
	writer.write({events: events.take(), rejects: [], sourceTotals: []});
	writer.sync();
	const stored = db.prepare('SELECT * FROM events ORDER BY id').all() as Array<Record<string, unknown>>;
	t.is(stored.length, 2);
	const [ok, bad] = stored;
	t.like(ok, {record_key: 1, outcome: 'success', user_principal_name: 'user1@contoso.com', resource_name: 'Orders API', request_id: success.ids.requestId});
	for (const f of eventFields) if (!f.slim) t.is(ok[f.column], null, f.column);
	t.like(bad, {record_key: 2, outcome: 'failure', ip_address: '10.1.2.3', client_app: 'Browser'});
	const rollup = db.prepare("SELECT outcome, events FROM event_rollup WHERE kind = 'signin' ORDER BY outcome").all();
	t.deepEqual(rollup, [
		{outcome: 'failure', events: 1},
		{outcome: 'success', events: 1},
	]);
	t.is(db.prepare("SELECT count(*) FROM rollup_users WHERE cause_id = 0 AND user_principal_name = 'user1@contoso.com'").pluck().get(), 1);
});

test("the redactor remembers a big tenant's user names: 20,000 distinct UPNs are all still remembered", (t) => {
	const upns = Array.from({length: 20_000}, (_, i) => `someone.${i}@tenant-memo.example`);
	for (const upn of upns) t.is(redactText(upn), upn);
	t.true(redactionsRemembered() >= 20_000, `remembered ${redactionsRemembered()}`);
});
