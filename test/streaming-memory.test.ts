/**
 * A JSON array larger than the process's whole heap is analyzed: proof that arrays are
 * streamed, never loaded whole. The child runs with a 64 MB old-space limit and reads a
 * ~120 MB array generated on the fly into its standard input.
 */

import {spawn} from 'node:child_process';
import {once} from 'node:events';
import path from 'node:path';
import test from 'ava';
import {projectRoot, tempDir} from './helpers.js';

const records = 100_000;
const padding = 'x'.repeat(1000);

function signin(i: number): string {
	const code = i % 10 === 0 ? 50126 : 0;
	return JSON.stringify({
		id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
		createdDateTime: '2026-11-19T08:00:00Z',
		status: {errorCode: code},
		userAgent: padding,
	});
}

test('a 120 MB array streams through a 64 MB heap', async (t) => {
	const db = path.join(tempDir(), 'big.db');
	const child = spawn(process.execPath, ['--max-old-space-size=64', path.join(projectRoot, 'bin', 'aadlog'), 'analyze', '--json', '--db', db, '-'], {
		stdio: ['pipe', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (d: Buffer) => (stdout += d));
	child.stderr.on('data', (d: Buffer) => (stderr += d));
	let bytes = 0;
	const write = async (text: string): Promise<void> => {
		bytes += text.length;
		if (!child.stdin.write(text)) await once(child.stdin, 'drain');
	};
	await write('{"value": [\n');
	for (let i = 0; i < records; i++) await write((i === 0 ? '' : ',\n') + signin(i));
	await write('\n]}\n');
	child.stdin.end();
	const [code] = (await once(child, 'close')) as [number];
	t.true(bytes > 100 * 1024 * 1024, `generated ${bytes} bytes`);
	t.is(code, 0, stderr);
	const out = JSON.parse(stdout);
	t.is(out.records, records);
	t.is(out.outcomes.failure, records / 10);
	t.is(out.outcomes.success, records - records / 10);
});
