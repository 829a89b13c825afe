import path from 'node:path';
import test from 'ava';
import {type AuthEvent, newEvent} from '../src/extract/event.js';
import {openEventStore, type WriterChoice} from '../src/store/event-store.js';
import {signinKey} from '../src/util/hash.js';
import {tempDir} from './helpers.js';

const choices: Array<[string, WriterChoice]> = [
	['this thread', false],
	['writer thread', true],
	['writer thread after 3 events', {afterEvents: 3}],
];

function signin(requestId: string, line: number): AuthEvent {
	const event = newEvent('signin', {file: 'signins.jsonl', line});
	event.outcome = 'failure';
	event.time = '2026-11-21T09:14:08Z';
	event.codes.aadsts.push(50126);
	event.ids.requestId = requestId;
	return event;
}

function appFailure(traceId: string): AuthEvent {
	const event = newEvent('app', {file: 'api.log', line: 1});
	event.outcome = 'failure';
	event.time = '2026-11-21T09:14:10Z';
	event.ids.traceId = traceId;
	return event;
}

for (const [name, writerThread] of choices) {
	test(`${name}: a sign-in added by this run is found for an app failure without the caller flushing, and source ids work wherever they are passed back`, async (t) => {
		const file = path.join(tempDir(), 'store.db');
		const store = openEventStore(file, {writerThread});
		try {
			store.beginRun({inputs: ['signins.jsonl'], version: 'test', causes: []});
			const first = store.beginSource({path: 'signins.jsonl'});
			for (let i = 0; i < 5; i++) {
				const requestId = `00000000-0000-4000-8000-00000000000${i}`;
				store.addEvent(signinKey(requestId), first, signin(requestId, i + 1), []);
			}
			store.endSource(first, {format: 'jsonl', gzip: false, bytes: 100, records: 5, rejected: 0, contentHash: 'ab12', readBytes: 100, readLines: 5});
			const second = store.beginSource({path: 'api.log'});
			const found = store.findSignin(appFailure('00000000-0000-4000-8000-000000000004'));
			t.is(found?.via, 'trace_id');
			t.is(found?.row.request_id, '00000000-0000-4000-8000-000000000004');
			t.is(store.findSignin(appFailure('00000000-0000-4000-8000-000000000009')), undefined);
			store.endSource(second, {gzip: false, bytes: 10, records: 0, rejected: 0});
			store.completeSources([first, second]);
			store.finishRun('complete', {records: 5, rejected: 0, bytes: 110, skipped: 0});
			t.is(store.stored, 5);
			t.deepEqual(store.previousSource('signins.jsonl'), {size: null, format: 'jsonl', gzip: 0, contentHash: 'ab12', readBytes: 100, readLines: 5});
			t.is(store.previousSource('api.log'), undefined, 'no content hash: nothing a nightly run could skip or resume by');
		} finally {
			await store.close();
		}
	});
}
