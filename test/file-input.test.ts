/**
 * A file's bytes, as fileInput hands them to the readers: small files are read in this
 * thread, big ones through a stream, and both to the end (a file may grow after it was
 * listed) and from any start (a resumed read).
 */

import {writeFileSync} from 'node:fs';
import path from 'node:path';
import test, {type ExecutionContext} from 'ava';
import {fileInput} from '../src/read/inputs.js';
import {tempDir} from './helpers.js';

async function bytesOf(chunks: AsyncIterable<Buffer>): Promise<{bytes: Buffer; chunks: number}> {
	const parts: Buffer[] = [];
	for await (const chunk of chunks) parts.push(Buffer.from(chunk)); // a copy: a chunk's buffer may be reused
	return {bytes: Buffer.concat(parts), chunks: parts.length};
}

/** Buffer.equals: ava's deepEqual compares megabytes value by value, for seconds. */
function same(t: ExecutionContext, actual: Buffer, expected: Buffer): void {
	t.true(actual.equals(expected), `${actual.length} bytes read, ${expected.length} expected`);
}

/** `bytes` bytes of numbered lines. */
function linesFile(bytes: number): {file: string; content: Buffer} {
	const lines: string[] = [];
	let length = 0;
	for (let i = 0; length < bytes; i++) {
		const line = `{"line": ${i}, "pad": "${'x'.repeat(i % 97)}"}\n`;
		lines.push(line);
		length += line.length;
	}
	const content = Buffer.from(lines.join('')).subarray(0, bytes);
	const file = path.join(tempDir(), 'input.jsonl');
	writeFileSync(file, content);
	return {file, content};
}

for (const [name, bytes] of [
	['a small file', 3000],
	['a file of several chunks', 2_500_000],
] as const) {
	test(`${name} is read whole, and from a start offset`, async (t) => {
		const {file, content} = linesFile(bytes);
		same(t, (await bytesOf(fileInput(file, bytes).open())).bytes, content);
		same(t, (await bytesOf(fileInput(file, bytes).open(1234))).bytes, content.subarray(1234));
	});
}

test('a file listed small and grown since is read to its end, in chunks however much it grew', async (t) => {
	const {file, content} = linesFile(2_500_000);
	const read = await bytesOf(fileInput(file, 100).open());
	same(t, read.bytes, content);
	t.true(read.chunks > 1);
	same(t, (await bytesOf(fileInput(file, 100).open(2_000_000))).bytes, content.subarray(2_000_000));
});

for (const size of [10, 5_000_000]) {
	test(`a file gone since it was listed (${size} bytes then) fails on reading, naming it`, async (t) => {
		const file = path.join(tempDir(), 'gone.jsonl');
		await t.throwsAsync(bytesOf(fileInput(file, size).open()), {code: 'ENOENT', message: /gone\.jsonl/});
	});
}
