/** What every shape shares: times, ids in text, records that are no object. Each shape's own tests are in test/shapes/. */
import test from 'ava';
import {findIds} from '../src/extract/artifacts/ids.js';
import {normalizeTime} from '../src/extract/artifacts/time.js';
import {extractRecord} from '../src/extract/extract-record.js';

const source = {file: 't', line: 1};
const g1 = '11111111-aaaa-4bbb-8ccc-111111111111';

test('times: 7 fraction digits, offsets, no zone, US locale with comma and millis', (t) => {
	t.is(normalizeTime('2026-11-19T08:44:04.6195833Z'), '2026-11-19T08:44:04.619Z');
	t.is(normalizeTime('2026-11-19T08:44:04.123Z'), '2026-11-19T08:44:04.123Z');
	t.is(normalizeTime('2026-11-19T08:44:04.123456789Z'), '2026-11-19T08:44:04.123Z');
	t.is(normalizeTime(' 2026-11-19T08:44:04.12Z'), '2026-11-19T08:44:04.120Z');
	t.is(normalizeTime('2026-11-19T08:44:04+02:00'), '2026-11-19T06:44:04.000Z');
	t.is(normalizeTime('2026-11-19T08:44:04'), '2026-11-19T08:44:04.000Z');
	t.is(normalizeTime('4/28/2021, 2:08:45.221 PM'), '2021-04-28T14:08:45.221Z');
	t.is(normalizeTime('12/1/2026 12:05:00 AM'), '2026-12-01T00:05:00.000Z');
	t.is(normalizeTime('not a time'), undefined);
});

test('ids in every spelling, including glued to literal \\r\\n escapes', (t) => {
	const spellings: Array<[string, keyof ReturnType<typeof idsOf>]> = [
		[`Correlation ID: ${g1}`, 'correlationId'],
		[`"correlation_id":"${g1}"`, 'correlationId'],
		[`CorrelationId ${g1}`, 'correlationId'],
		[`correlationId=${g1}`, 'correlationId'],
		[`...provided.\\r\\nCorrelation ID: ${g1}\\r\\nTimestamp`, 'correlationId'],
		[`{\\"correlation_id\\":\\"${g1}\\"}`, 'correlationId'],
		[`client-request-id: ${g1}`, 'correlationId'],
		[`Trace ID: ${g1}`, 'traceId'],
		[`"trace_id":"${g1}"`, 'traceId'],
		[`x-ms-request-id: ${g1}`, 'requestId'],
		[`request_id=${g1.toUpperCase()}`, 'requestId'],
	];
	for (const [text, kind] of spellings) t.is(idsOf(text)[kind], g1, text);
	t.deepEqual(idsOf('Correlation ID: undefined'), {});
});

function idsOf(text: string): {correlationId?: string; traceId?: string; requestId?: string} {
	const ids = {};
	findIds(text, ids);
	return ids;
}

test('a JSON value that is no object is rejected with a reason', (t) => {
	const result = extractRecord({type: 'json', value: 42, raw: '42', source});
	t.false(result.ok);
});
