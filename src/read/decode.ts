/**
 * Byte-level normalisation shared by every format: gunzip when the stream starts with
 * gzip's magic bytes (whatever the file is called), and drop a UTF-8 byte order mark.
 */
import {Readable, pipeline} from 'node:stream';
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

/** Removes a leading UTF-8 BOM. */
export async function* stripBom(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
	let hasBom = false;
	const stream = withHead(source, 3, (head) => {
		hasBom = startsWith(head, bom);
	});
	let first = true;
	for await (const chunk of stream) {
		if (first && hasBom) {
			first = false;
			if (chunk.length > 3) yield chunk.subarray(3);
			continue;
		}
		first = false;
		yield chunk;
	}
}
