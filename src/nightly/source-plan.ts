/**
 * Nightly runs over a growing export folder: for each file, what the database already has
 * of it decides what to read. Same path, same size and the same content hash: skipped. The
 * same bytes with more after them (an append-only JSON Lines or text log): read from where
 * the last run stopped, line numbers continuing. Anything else: read again; records already
 * stored are recognised by their key and not counted twice.
 */

import {createHash, type Hash} from 'node:crypto';
import {createReadStream} from 'node:fs';
import type {InputSpec} from '../read/inputs.js';
import type {PreviousSource} from '../store/event-store.js';

export type SourcePlan =
	| {action: 'read'; reason: string}
	| {action: 'skip'; reason: string}
	/** Continue at `offset` (line `lines + 1`), the hash so far in `hash`. */
	| {action: 'resume'; offset: number; lines: number; hash: Hash; format: string; reason: string};

export async function planSource(input: InputSpec, previous: PreviousSource | undefined): Promise<SourcePlan> {
	if (input.label === '-' || input.size === undefined || !previous || previous.readBytes === null || previous.contentHash === null) {
		return {action: 'read', reason: 'new'};
	}
	if (input.size < previous.readBytes) return {action: 'read', reason: 'shorter than what was read before: rewritten'};
	const {hash, utf16} = await hashPrefix(input, previous.readBytes);
	if (hash.copy().digest('hex') !== previous.contentHash) return {action: 'read', reason: 'changed'};
	if (input.size === previous.size && previous.readBytes === previous.size) return {action: 'skip', reason: 'already read'};
	const appendable = previous.gzip === 0 && !utf16 && (previous.format === 'jsonl' || previous.format === 'text');
	if (!appendable) return {action: 'read', reason: 'grown, but a gzip stream, a JSON document or a UTF-16 file is read whole'};
	return {action: 'resume', offset: previous.readBytes, lines: previous.readLines ?? 0, hash, format: previous.format!, reason: 'grown'};
}

/**
 * SHA-256 of the first `bytes` bytes of the file, as a live hash that can be continued, and
 * whether the file is UTF-16 (its BOM): a newline byte there is half a character, so such a
 * file is never resumed mid-way.
 */
async function hashPrefix(input: InputSpec, bytes: number): Promise<{hash: Hash; utf16: boolean}> {
	const hash = createHash('sha256');
	let utf16 = false;
	let first = true;
	if (bytes === 0) return {hash, utf16};
	for await (const chunk of createReadStream(input.label, {start: 0, end: bytes - 1, highWaterMark: 1024 * 1024})) {
		const buffer = chunk as Buffer;
		if (first) utf16 = (buffer[0] === 0xff && buffer[1] === 0xfe) || (buffer[0] === 0xfe && buffer[1] === 0xff);
		first = false;
		hash.update(buffer);
	}
	return {hash, utf16};
}
