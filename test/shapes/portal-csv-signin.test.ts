/** The portal-csv-signin shape: the Entra admin center download (src/extract/shapes/portal-csv-signin.ts); the sample's rows are in test/csv.test.ts. */
import test from 'ava';
import type {AuthEvent} from '../../src/extract/event.js';
import {extractRecord} from '../../src/extract/extract-record.js';
import {shapeOf} from '../../src/extract/shapes/index.js';
import type {JsonRecord} from '../../src/read/record.js';

function eventOf(record: JsonRecord): AuthEvent {
	const result = extractRecord(record);
	if (!result.ok) throw new Error(result.reason);
	return result.event;
}

test("portal-csv-signin reads rows with a Request ID and the portal's date or code column", (t) => {
	t.is(shapeOf({'Request ID': 'r', 'Date (UTC)': '2026-11-01T00:00:00Z'})?.name, 'portal-csv-signin');
	t.is(shapeOf({'Request ID': 'r', 'Sign-in error code': '0'})?.name, 'portal-csv-signin');
	t.is(shapeOf({'Request ID': 'r'}), undefined);
});

test('portal rows: the Status word decides an empty code; neither = unknown', (t) => {
	const event = (value: Record<string, string>): AuthEvent =>
		eventOf({type: 'json', value, raw: JSON.stringify(value), source: {file: 'NonInteractiveSignIns_x.csv', line: 2}});
	const row = (status: string, code: string): Record<string, string> => ({
		'Date (UTC)': '2026-11-01T00:00:00Z',
		'Request ID': 'r',
		Status: status,
		'Sign-in error code': code,
	});
	t.is(event(row('Success', '0')).outcome, 'success');
	t.is(event(row('Success', '')).outcome, 'success');
	t.is(event(row('Interrupted', '')).outcome, 'interrupt');
	t.is(event(row('Failure', '')).outcome, 'failure');
	t.is(event(row('', '')).outcome, 'unknown');
	const failed = event(row('Failure', '50126'));
	t.deepEqual([failed.outcome, failed.codes.aadsts], ['failure', [50126]]);
	t.is(failed.signin?.category, 'nonInteractiveUser');
	t.false(failed.signin?.isInteractive);
});
