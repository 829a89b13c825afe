/**
 * A sign-in's time is when it happened (createdDateTime), not when its record was written
 * (a diagnostic envelope's `time`) or ingested (Log Analytics `TimeGenerated`).
 */

import test from 'ava';
import type {RecordSource} from '../src/extract/event.js';
import {extractDiagnosticSignin} from '../src/extract/shapes/diagnostic-signin.js';
import {shapeOf} from '../src/extract/shapes/index.js';
import {extractLogAnalyticsSignin} from '../src/extract/shapes/log-analytics-signin.js';

const source: RecordSource = {file: 'test', line: 1};

test('a diagnostic record takes its time from properties.createdDateTime, not the envelope', (t) => {
	const event = extractDiagnosticSignin(
		{
			time: '2026-11-19T13:02:11.5813423Z',
			resultType: '0',
			category: 'SignInLogs',
			properties: {id: 'a', createdDateTime: '2026-11-19T13:00:02.1000000Z', status: {errorCode: 0}},
		},
		source,
	);
	t.is(event.time, '2026-11-19T13:00:02.100Z');
});

test('a diagnostic record without createdDateTime falls back to the envelope time', (t) => {
	const event = extractDiagnosticSignin({time: '2026-11-19T13:02:11.5813423Z', resultType: '0', properties: {id: 'a'}}, source);
	t.is(event.time, '2026-11-19T13:02:11.581Z');
});

test('a Log Analytics row takes CreatedDateTime before TimeGenerated', (t) => {
	const event = extractLogAnalyticsSignin(
		{TimeGenerated: '2026-11-18T07:12:44.1930261Z', CreatedDateTime: '2026-11-18T07:10:01.0000000Z', ResultType: '0'},
		source,
	);
	t.is(event.time, '2026-11-18T07:10:01.000Z');
	const onlyGenerated = extractLogAnalyticsSignin({TimeGenerated: '2026-11-18T07:12:44.1930261Z', ResultType: '0'}, source);
	t.is(onlyGenerated.time, '2026-11-18T07:12:44.193Z');
});

test('PascalCase sign-ins without TimeGenerated (a KQL projection, Graph PowerShell JSON) are read as sign-ins', (t) => {
	const row = {
		Id: '2466fb4f-3635-4173-b2a6-06c96d73e120',
		CreatedDateTime: '2026-11-19T13:42:36Z',
		UserPrincipalName: 'a@contoso.com',
		CorrelationId: '0b1c6a96-b1f5-4ab2-8f4a-a46764e29b70',
		Status: {ErrorCode: 50126, FailureReason: 'Invalid username or password'},
	};
	t.is(shapeOf(row)?.name, 'log-analytics-signin');
	const event = extractLogAnalyticsSignin(row, source);
	t.is(event.time, '2026-11-19T13:42:36.000Z');
	t.is(event.outcome, 'failure');
	t.deepEqual(event.codes.aadsts, [50126]);
	t.is(event.signin?.failureReason, 'Invalid username or password');
});
