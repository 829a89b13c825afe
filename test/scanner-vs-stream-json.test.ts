/**
 * Differential test: the byte-level JSON scanner (aadlog's hot path) must yield exactly the
 * elements stream-json's parser + streamArray yield, on randomly generated arrays with
 * hostile strings, deep nesting and every chunk size. stream-json is the reference here.
 */

import {Readable} from 'node:stream';
import test from 'ava';
import streamArray from 'stream-json/streamers/stream-array.js';
import {JsonDocumentScanner} from '../src/read/json-scanner.js';

/** A small seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
		return state / 2 ** 32;
	};
}

const nasty = ['', ']', '}', '[', '{', '"', '\\', '\\"', ',', ':', 'Zoë', '☃', '😀', '\u0000', '\n', 'AADSTS50126', '{"value":[', '][', ' '];

function value(rand: () => number, depth: number): unknown {
	const pick = rand();
	if (depth > 6 || pick < 0.3) {
		const k = Math.floor(rand() * 5);
		if (k === 0) return Math.floor(rand() * 1e6) - 5e5;
		if (k === 1) return rand() < 0.5;
		if (k === 2) return null;
		return Array.from({length: 1 + Math.floor(rand() * 3)}, () => nasty[Math.floor(rand() * nasty.length)]).join('');
	}
	if (pick < 0.6) return Array.from({length: Math.floor(rand() * 4)}, () => value(rand, depth + 1));
	const object: Record<string, unknown> = {};
	for (let i = Math.floor(rand() * 5); i > 0; i--) object[nasty[Math.floor(rand() * nasty.length)] + i] = value(rand, depth + 1);
	return object;
}

async function viaStreamJson(text: string): Promise<unknown[]> {
	const out: unknown[] = [];
	const pipeline = Readable.from([Buffer.from(text)]).pipe(streamArray.withParserAsStream());
	for await (const item of pipeline) out.push((item as {value: unknown}).value);
	return out;
}

function viaScanner(text: string, chunk: number): unknown[] {
	const scanner = new JsonDocumentScanner('gen.json', 1 << 24);
	const bytes = Buffer.from(text);
	const out: unknown[] = [];
	for (let at = 0; at < bytes.length; at += chunk) {
		for (const r of scanner.push(bytes.subarray(at, at + chunk))) out.push(r.type === 'json' ? r.value : r);
	}
	for (const r of scanner.end()) out.push(r.type === 'json' ? r.value : r);
	return out;
}

test('the scanner and stream-json agree on 200 random arrays, whatever the chunk size', async (t) => {
	for (let seed = 1; seed <= 200; seed++) {
		const rand = random(seed);
		const items = Array.from({length: 1 + Math.floor(rand() * 8)}, () => value(rand, 0));
		const text = rand() < 0.5 ? JSON.stringify(items) : JSON.stringify(items, null, 2);
		const expected = await viaStreamJson(text);
		for (const chunk of [1, 3, 7, 64, 1 << 20]) t.deepEqual(viaScanner(text, chunk), expected, `seed ${seed}, chunk ${chunk}`);
	}
});
