import {hash} from 'node:crypto';
import {shortMd5Key} from './short-md5.js';

/**
 * FNV-1a over UTF-16 code units, folded to 52 bits: a number, so Sets of them stay small.
 * Used for distinct counts only; at a million values the chance of one collision is ~1e-4.
 */
export function hash52(text: string): number {
	let h1 = 0x811c9dc5;
	let h2 = 0x01000193;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		h1 = Math.imul(h1 ^ c, 16777619);
		h2 = Math.imul(h2 ^ c, 2246822519);
	}
	return (h1 >>> 0) * 0x100000 + ((h2 >>> 0) & 0xfffff);
}

/**
 * A 64-bit key for a record's identity in the database (an integer: cheap to index): the
 * first 8 bytes of its MD5. MD5 because databases already hold these keys (a new function
 * would count every record read again); `crypto.hash` because it is one call, no Hash object.
 */
export function recordKey(text: string): bigint {
	return shortMd5Key(text) ?? hash('md5', text, 'buffer').readBigInt64LE(0);
}

/**
 * The record key of a sign-in: its id (Graph `id`, diagnostic `properties.id`, Log Analytics
 * `Id`, the portal's "Request ID"), lower-case as extracted. The same sign-in from a Graph page,
 * a diagnostic blob or a CSV is one event. The prefix keeps these keys apart from record-byte
 * keys (no JSON record or text line starts with it). Migration 12 writes the same keys into a
 * database from before, from each stored sign-in's request_id (database.ts).
 */
export function signinKey(requestId: string): bigint {
	return recordKey(`signin-id\n${requestId}`);
}
