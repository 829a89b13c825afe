/**
 * A sign-in's time is when it happened (createdDateTime), not when its record was written
 * (a diagnostic envelope's `time`) or ingested (Log Analytics `TimeGenerated`).
 */

import test from 'ava';
import type {RecordSource} from '../src/extract/event.js';
import {extractDiagnosticSignin} from '../src/extract/shapes/diagnostic-signin.js';
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
