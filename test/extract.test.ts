/** What every shape shares: times, ids in text, records that are no object. Each shape's own tests are in test/shapes/. */
import test from 'ava';
import {findIds} from '../src/extract/artifacts/ids.js';
import {normalizeTime} from '../src/extract/artifacts/time.js';
import {extractRecord} from '../src/extract/extract-record.js';
import {extractAppText} from '../src/extract/shapes/app-log.js';
import {utiFromGuid} from '../src/tokens/uti.js';

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

/**
 * Exports and log pipelines mask ids (`xxxx-[...]-yyyy`, `redacted:id`, IdentityModel's
 * `[PII is hidden]`) or log the all-zero GUID before a request has one. Each such value is
 * shared by unrelated records: kept as an id, it would deduplicate sign-ins into one and
 * join app events to the wrong sign-in.
 */
const masked = ['xxxx-[...]-yyyy', 'redacted:id', '[PII is hidden]', '<redacted>', '00000000-0000-0000-0000-000000000000', 'n/a', 'req-1'];

test('a redacted, masked or placeholder id is no id, in every sign-in shape and in app text', (t) => {
	for (const value of masked) {
		const graph = extractRecord({
			type: 'json',
			value: {id: value, correlationId: value, createdDateTime: '2026-11-20T10:00:00Z', uniqueTokenIdentifier: value, status: {errorCode: 50126}},
			raw: '',
			source,
		});
		const diagnostic = extractRecord({
			type: 'json',
			value: {
				time: '2026-11-20T10:00:00Z',
				resultType: '50126',
				correlationId: value,
				properties: {id: value, correlationId: value, uniqueTokenIdentifier: value},
			},
			raw: '',
			source,
		});
		const logAnalytics = extractRecord({
			type: 'json',
			value: {TimeGenerated: '2026-11-20T10:00:00Z', ResultType: '50126', Id: value, CorrelationId: value, UniqueTokenIdentifier: value},
			raw: '',
			source,
		});
		const portal = extractRecord({
			type: 'json',
			value: {
				'Date (UTC)': '2026-11-20T10:00:00Z',
				'Request ID': value,
				'Correlation ID': value,
				'Sign-in error code': '50126',
				'Unique token identifier': value,
			},
			raw: '',
			source,
		});
		for (const [shape, result] of Object.entries({graph, diagnostic, logAnalytics, portal})) {
			t.true(result.ok, shape);
			if (result.ok) t.deepEqual(result.event.ids, {correlationId: undefined, requestId: undefined, uti: undefined}, `${shape}: ${value}`);
		}
		const body = {error: 'invalid_grant', error_codes: [50126], trace_id: value, correlation_id: value};
		t.deepEqual(extractAppText(`Token request failed: ${JSON.stringify(body)} Correlation ID: ${value}`, source).ids, {}, `app: ${value}`);
	}
});

test('real ids stay ids: request and correlation GUIDs (any case), a sign-in uti, a body trace_id', (t) => {
	const upper = g1.toUpperCase();
	const uti = utiFromGuid(g1);
	const graph = extractRecord({
		type: 'json',
		value: {id: upper, correlationId: g1, createdDateTime: '2026-11-20T10:00:00Z', uniqueTokenIdentifier: uti, status: {errorCode: 0}},
		raw: '',
		source,
	});
	t.true(graph.ok && graph.event.ids.requestId === g1 && graph.event.ids.correlationId === g1 && graph.event.ids.uti === uti);
	const withoutUti = extractRecord({type: 'json', value: {Id: g1, TimeGenerated: '2026-11-20T10:00:00Z', ResultType: '0'}, raw: '', source});
	t.true(withoutUti.ok && withoutUti.event.ids.uti === uti, 'the uti a Request ID encodes');
	t.deepEqual(
		extractAppText(
			`{"error":"invalid_grant","trace_id":"${upper}"} Correlation ID: 00000000-0000-0000-0000-000000000000 then Correlation ID: ${g1}`,
			source,
		).ids,
		{
			traceId: g1,
			correlationId: g1,
		},
	);
});

test('a JSON value that is no object is rejected with a reason', (t) => {
	const result = extractRecord({type: 'json', value: 42, raw: '42', source});
	t.false(result.ok);
});
