/**
 * The first 8 bytes of MD5 as a signed little-endian 64-bit integer (recordKey's key) for a
 * short ASCII text, in JavaScript: a text of at most 55 bytes is one MD5 block, and hashing
 * it here costs a third of a call into node:crypto (~0.7 µs against ~1.9 µs a key), which
 * every sign-in's key pays (`signin-id\n` and a GUID: 46 bytes). Anything else returns
 * undefined, for node:crypto to hash. MD5 as RFC 1321 defines it; a test compares it
 * with node:crypto's on texts of every length it takes.
 */
import {endianness} from 'node:os';

/** Per-round left rotations. */
const shifts = [
	7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16,
	23, 4, 11, 16, 23, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
];
/** floor(|sin(i + 1)| · 2^32), as RFC 1321 derives them. */
const sines = Int32Array.from({length: 64}, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) | 0);
const block = new Int32Array(16);
const digest = new Int32Array(2);
/** The digest's first 8 bytes read as one integer: the platform's byte order, so only where that is little-endian. */
const digest64 = endianness() === 'LE' ? new BigInt64Array(digest.buffer) : undefined;

export function shortMd5Key(text: string): bigint | undefined {
	const n = text.length;
	if (n > 55 || digest64 === undefined) return undefined;
	block.fill(0);
	for (let i = 0; i < n; i++) {
		const c = text.charCodeAt(i);
		if (c > 0x7f) return undefined;
		block[i >> 2] |= c << ((i & 3) << 3);
	}
	block[n >> 2] |= 0x80 << ((n & 3) << 3);
	block[14] = n << 3; // the length in bits; block[15], its high word, stays 0
	let a = 0x67452301;
	let b = 0xefcdab89 | 0;
	let c = 0x98badcfe | 0;
	let d = 0x10325476;
	for (let i = 0; i < 64; i++) {
		let f: number;
		let g: number;
		if (i < 16) {
			f = (b & c) | (~b & d);
			g = i;
		} else if (i < 32) {
			f = (d & b) | (~d & c);
			g = (5 * i + 1) & 15;
		} else if (i < 48) {
			f = b ^ c ^ d;
			g = (3 * i + 5) & 15;
		} else {
			f = c ^ (b | ~d);
			g = (7 * i) & 15;
		}
		const x = (a + f + sines[i] + block[g]) | 0;
		a = d;
		d = c;
		c = b;
		b = (b + ((x << shifts[i]) | (x >>> (32 - shifts[i])))) | 0;
	}
	digest[0] = (0x67452301 + a) | 0;
	digest[1] = ((0xefcdab89 | 0) + b) | 0;
	return digest64[0];
}
