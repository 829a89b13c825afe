/**
 * Byte-level normalisation shared by every format: gunzip when the stream starts with
 * gzip's magic bytes (whatever the file is called), drop a UTF-8 byte order mark, and
 * turn UTF-16 (what Windows PowerShell 5.1's Out-File and `>` write, with its BOM) into UTF-8.
 */
import {pipeline, Readable} from 'node:stream';
import {createGunzip} from 'node:zlib';

const gzipMagic = [0x1f, 0x8b];
const bom = [0xef, 0xbb, 0xbf];

/** Waits until at least `n` bytes (or the end) are buffered, so magic numbers can be checked. */
async function* withHead(source: AsyncIterable<Buffer>, n: number, onHead: (head: Buffer) => void): AsyncGenerator<Buffer> {
	const it = source[Symbol.asyncIterator]();
	const parts: Buffer[] = [];
	let bytes = 0;
	while (bytes < n) {
		const next = await it.next();
		if (next.done) break;
		const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
		parts.push(chunk);
		bytes += chunk.length;
	}
	const head = parts.length === 1 ? parts[0] : Buffer.concat(parts);
	onHead(head);
	if (head.length > 0) yield head;
	for (let next = await it.next(); !next.done; next = await it.next()) yield next.value;
}

function startsWith(buf: Buffer, bytes: number[]): boolean {
	return bytes.every((b, i) => buf[i] === b);
}

/** Decompresses gzip when present. A damaged gzip stream throws from the iterator. */
export async function* gunzipIfNeeded(source: AsyncIterable<Buffer>, onGzip?: () => void): AsyncGenerator<Buffer> {
	let gzip = false;
	const raw = withHead(source, 2, (head) => {
		gzip = startsWith(head, gzipMagic);
	});
	const first = await raw.next();
	if (first.done) return;
	if (!gzip) {
		yield first.value;
		yield* raw;
		return;
	}
	onGzip?.();
	async function* replay(): AsyncGenerator<Buffer> {
		yield first.value as Buffer;
		yield* raw;
	}
	const gunzip = createGunzip({chunkSize: 1024 * 1024});
	// pipeline() forwards a read error of the source to the gunzip stream we iterate.
	pipeline(Readable.from(replay()), gunzip, (error) => {
		if (error) gunzip.destroy(error);
	});
	yield* gunzip;
}

const utf16le = [0xff, 0xfe];
const utf16be = [0xfe, 0xff];

/** How much of the start tells UTF-16 without a BOM from UTF-8. */
const utf16SniffBytes = 256;

/**
 * UTF-16 without a BOM (some Windows tools, `iconv -t UTF-16LE`): logs are mostly ASCII, so
 * nearly every code unit has one zero byte, always on the same side. A hole of zeros (log
 * rotation by copytruncate) has zeros on both sides: not UTF-16.
 */
export function utf16WithoutBom(head: Buffer): 'le' | 'be' | undefined {
	const pairs = Math.floor(Math.min(head.length, utf16SniffBytes) / 2);
	if (pairs < 2) return undefined;
	let le = 0;
	let be = 0;
	for (let i = 0; i < pairs * 2; i += 2) {
		if (head[i] !== 0 && head[i + 1] === 0) le++;
		else if (head[i] === 0 && head[i + 1] !== 0) be++;
	}
	if (le * 10 >= pairs * 9) return 'le';
	if (be * 10 >= pairs * 9) return 'be';
	return undefined;
}

/** Removes a leading UTF-8 BOM; a UTF-16 stream (by its BOM, or its zero bytes) is decoded to UTF-8 as it streams. */
export async function* stripBom(source: AsyncIterable<Buffer>, onUtf16?: () => void): AsyncGenerator<Buffer> {
	let skip = 0;
	let utf16: 'le' | 'be' | undefined;
	const stream = withHead(source, utf16SniffBytes, (head) => {
		if (startsWith(head, bom)) skip = 3;
		else if (startsWith(head, utf16le)) [skip, utf16] = [2, 'le'];
		else if (startsWith(head, utf16be)) [skip, utf16] = [2, 'be'];
		else utf16 = utf16WithoutBom(head);
	});
	let decoder: TextDecoder | undefined; // made once the head is seen: withHead calls back on the first read
	let first = true;
	let odd: Buffer | undefined; // a UTF-16 code unit split across chunks (big-endian needs whole pairs to swap)
	for await (const raw of stream) {
		let chunk = first && skip > 0 ? raw.subarray(skip) : raw;
		if (first && utf16 !== undefined) {
			decoder = new TextDecoder('utf-16le');
			onUtf16?.();
		}
		first = false;
		if (utf16 === undefined) {
			if (chunk.length > 0) yield chunk;
			continue;
		}
		if (odd) {
			chunk = Buffer.concat([odd, chunk]);
			odd = undefined;
		}
		if (chunk.length % 2 === 1) {
			odd = chunk.subarray(chunk.length - 1);
			chunk = chunk.subarray(0, chunk.length - 1);
		}
		if (utf16 === 'be') chunk = Buffer.from(chunk).swap16();
		const text = decoder!.decode(chunk, {stream: true});
		if (text.length > 0) yield Buffer.from(text, 'utf8');
	}
	if (decoder) {
		const rest = decoder.decode();
		if (rest.length > 0) yield Buffer.from(rest, 'utf8');
	}
}

/**
 * Line breaks that are CR alone (classic Mac OS, some Windows tools) become LF, so that every
 * reader splits lines on LF. Decided on the first chunk holding a line break: one with any LF
 * is left alone (CRLF lines lose their CR when split). A CR that ends a chunk waits for the next
 * byte: CRLF may be split across chunks. Should CRLF follow in a CR-only file, each is two
 * breaks: a blank line, which every reader skips.
 */
export async function* crLineEnds(source: AsyncIterable<Buffer>, onCrOnly?: () => void): AsyncGenerator<Buffer> {
	let mode: 'undecided' | 'lf' | 'cr' = 'undecided';
	let heldCr = false; // a CR that ended the last chunk, not yet passed on
	for await (let chunk of source) {
		if (chunk.length === 0) continue;
		if (heldCr) {
			heldCr = false;
			chunk = Buffer.concat([Buffer.from([0x0d]), chunk]);
		}
		if (mode === 'undecided') {
			const cr = chunk.indexOf(0x0d);
			const lf = chunk.indexOf(0x0a);
			if (lf !== -1) mode = 'lf';
			else if (cr !== -1 && cr + 1 < chunk.length) {
				mode = 'cr';
				onCrOnly?.();
			} else if (cr === chunk.length - 1) {
				heldCr = true;
				chunk = chunk.subarray(0, cr);
				if (chunk.length === 0) continue;
			}
		}
		if (mode !== 'cr') {
			yield chunk;
			continue;
		}
		const copy = Buffer.from(chunk); // a read buffer may be reused: never rewrite it in place
		for (let i = copy.indexOf(0x0d); i !== -1; i = copy.indexOf(0x0d, i + 1)) copy[i] = 0x0a;
		yield copy;
	}
	if (heldCr) yield Buffer.from([0x0a]); // the file ended on its first line break, a CR
}

/**
 * Drops NUL bytes at the very start: `copytruncate` log rotation leaves the old length as a
 * hole of zeros before the lines written since. Not binary content, not a record. A stream
 * (a pipe, a device) has no such hole: `maxSkipped` bounds what is dropped there (`/dev/zero`).
 */
export async function* skipLeadingNuls(source: AsyncIterable<Buffer>, maxSkipped = Infinity): AsyncGenerator<Buffer> {
	let started = false;
	let skipped = 0;
	for await (const chunk of source) {
		if (started) {
			yield chunk;
			continue;
		}
		let i = 0;
		while (i < chunk.length && chunk[i] === 0) i++;
		skipped += i;
		// Past the bound the zeros are content (binary, a reject): an endless stream of them ends.
		if (skipped > maxSkipped) i = 0;
		else if (i === chunk.length) continue;
		started = true;
		yield i === 0 ? chunk : chunk.subarray(i);
	}
}
