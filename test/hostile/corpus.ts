/**
 * The hostile input corpus, generated (nothing hostile is committed): each case is a name,
 * the bytes of an input file, and what a correct run must report for it.
 */

import {randomBytes} from 'node:crypto';
import {gzipSync} from 'node:zlib';

export interface HostileCase {
	name: string;
	bytes: Buffer;
	/** Events that must come out of it (the good records around the bad ones). */
	events: number;
	/** Records that must be rejected (kept in `rejects`). */
	rejected: number;
	/** Only in the long variant (AADLOG_LONG_TESTS=1): big inputs. */
	long?: boolean;
}

export const sampleRecord = JSON.stringify({
	id: '7f3e2d1c-0b9a-4876-a5f4-e3d2c1b0a901',
	createdDateTime: '2026-11-19T08:12:31.4412345Z',
	userPrincipalName: 'zoë@contoso.com',
	appId: 'c3a7e9f4-5b6a-4d8c-9e2f-4a3b5c6d7e8f',
	appDisplayName: 'Contoso Orders Worker',
	correlationId: '5c1f0e7a-3b2d-4c8e-9a61-7d2e4f8b0c13',
	status: {errorCode: 50126, failureReason: 'Error validating credentials due to invalid username or password.'},
	deviceDetail: {operatingSystem: 'Windows10', browser: 'Edge 131.0.0'},
	location: {city: 'München', countryOrRegion: 'DE'},
});
const good = (n: number): string => sampleRecord.replace('a901', String(1000 + n).slice(-4));

export function hostileCorpus(): HostileCase[] {
	const cases: HostileCase[] = [];
	// Truncated at every position: each cut line between two good ones.
	const cuts: string[] = [];
	for (let p = 1; p < sampleRecord.length; p++) cuts.push(good(p), sampleRecord.slice(0, p));
	cuts.push(good(0));
	cases.push({
		name: 'truncated-at-every-position.jsonl',
		bytes: Buffer.from(cuts.join('\n') + '\n'),
		events: sampleRecord.length,
		rejected: sampleRecord.length - 1,
	});
	// Invalid UTF-8 inside a string value: read, with U+FFFD in place of the bad bytes.
	const [before, after] = good(1).split('Orders Worker');
	cases.push({
		name: 'invalid-utf8.jsonl',
		bytes: Buffer.concat([Buffer.from(before + 'Orders '), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from('Worker' + after + '\n' + good(2) + '\n')]),
		events: 2,
		rejected: 0,
	});
	// A NUL outside a string is no JSON; a NUL in a text log line is shown as U+FFFD.
	cases.push({name: 'nul-bytes.jsonl', bytes: Buffer.from(`${good(3)}\n{"a":\u0000}\n${good(4)}\n`), events: 2, rejected: 1});
	cases.push({
		name: 'nul-bytes.log',
		bytes: Buffer.from('2026-11-20T08:00:00Z fail: AADSTS50126: bad\u0000password\n2026-11-20T08:00:01Z info: ok\n'),
		// The info line a second after the failure is grouped into its incident (src/incident): one event.
		events: 1,
		rejected: 0,
	});
	// Nesting far deeper than any log: an array is no record; an object is read as app text.
	const deep = (n: number, open: string, close: string): string => open.repeat(n) + '1' + close.repeat(n);
	cases.push({
		name: 'deep-nesting.jsonl',
		bytes: Buffer.from(`${deep(10_000, '[', ']')}\n${deep(10_000, '{"a":', '}')}\n${deep(200_000, '[', ']')}\n${good(5)}\n`),
		events: 2,
		rejected: 2,
	});
	// Types where others are expected: read as well as they can be, never a crash.
	cases.push({
		name: 'wrong-types.jsonl',
		bytes: Buffer.from(
			JSON.stringify({
				createdDateTime: 1795000000,
				userPrincipalName: 42,
				appDisplayName: ['x'],
				correlationId: {},
				status: {errorCode: '50126', failureReason: 7},
				deviceDetail: 'none',
				location: 3,
			}) +
				'\n' +
				JSON.stringify({createdDateTime: null, status: {errorCode: true}}) +
				'\n',
		),
		events: 2,
		rejected: 0,
	});
	// Duplicate keys: the last one wins, as in JSON.parse and jq.
	cases.push({
		name: 'duplicate-keys.jsonl',
		bytes: Buffer.from('{"createdDateTime":"2026-11-20T08:00:00Z","status":{"errorCode":0},"status":{"errorCode":50126}}\n'),
		events: 1,
		rejected: 0,
	});
	// An array that never closes: its complete elements are read, the rest rejected.
	cases.push({name: 'unclosed-array.json', bytes: Buffer.from(`[${good(6)},\n${good(7)},\n${good(8).slice(0, 50)}`), events: 2, rejected: 1});
	// A gzip stream cut in half.
	const gz = gzipSync(Buffer.from(Array.from({length: 400}, (_, i) => good(i)).join('\n') + '\n'));
	cases.push({name: 'cut.jsonl.gz', bytes: gz.subarray(0, Math.floor(gz.length / 2)), events: -1, rejected: 1});
	// Binary content and an empty file.
	const binary = randomBytes(64 * 1024);
	for (let i = 0; i < binary.length; i += 7) binary[i] = 0;
	cases.push({name: 'binary.log', bytes: binary, events: 0, rejected: 1});
	cases.push({name: 'empty.jsonl', bytes: Buffer.alloc(0), events: 0, rejected: 0});
	// copytruncate rotation: a hole of zeros, then the lines written since. Not binary.
	cases.push({
		name: 'copytruncate.log',
		bytes: Buffer.concat([
			Buffer.alloc(20_000),
			Buffer.from('2026-11-20T08:00:00Z fail: AADSTS50126: bad password\n2026-11-20T08:00:01Z fail: AADSTS50053: locked\n'),
		]),
		events: 2,
		rejected: 0,
	});
	// A line far over the limit (the test runs with --max-record-bytes 1 MiB), then a good one.
	cases.push({name: 'huge-line.jsonl', bytes: Buffer.from(`{"pad":"${'x'.repeat(3 * 1024 * 1024)}"}\n${good(9)}\n`), events: 1, rejected: 1});
	cases.push({
		name: 'huge-line-100mb.jsonl',
		bytes: Buffer.from(`{"pad":"${'x'.repeat(100 * 1024 * 1024)}"}\n${good(10)}\n`),
		events: 1,
		rejected: 1,
		long: true,
	});
	return cases;
}
