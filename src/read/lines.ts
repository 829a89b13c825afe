/**
 * Splits a byte stream into lines on 0x0A without decoding first: UTF-8 never has 0x0A
 * inside a multi-byte character, so each line decodes on its own. Measured faster than
 * split2 here (../shared/TOOLCHAIN.md); a trailing CR is dropped so CRLF files read alike.
 */
export interface Line {
	text: string;
	/** 1-based line number. */
	number: number;
	/** True when the line was longer than the limit: `text` is then only its first KiB. */
	oversized: boolean;
}

/** How much of an oversized line is kept, for the reject's excerpt. */
const oversizedKeep = 1024;

/** `linesBefore`: lines of the file before these bytes (a resumed read numbers on from there). */
export async function* splitLines(chunks: AsyncIterable<Buffer>, maxLineBytes: number, linesBefore = 0): AsyncGenerator<Line> {
	let pending: Buffer[] = [];
	let pendingBytes = 0;
	let number = linesBefore;

	const line = (parts: Buffer[], bytes: number): Line => {
		number++;
		if (bytes > maxLineBytes) {
			const head = Buffer.concat(parts).subarray(0, oversizedKeep);
			return {text: head.toString('utf8'), number, oversized: true};
		}
		const whole = parts.length === 1 ? parts[0] : Buffer.concat(parts);
		return {text: decodeLine(whole, 0, whole.length), number, oversized: false};
	};

	for await (const chunk of chunks) {
		let start = 0;
		let nl = chunk.indexOf(0x0a, start);
		while (nl !== -1) {
			if (pending.length === 0 && nl - start <= maxLineBytes) {
				number++;
				yield {text: decodeLine(chunk, start, nl), number, oversized: false};
			} else {
				addPending(chunk.subarray(start, nl));
				yield line(pending, pendingBytes);
				pending = [];
				pendingBytes = 0;
			}
			start = nl + 1;
			nl = chunk.indexOf(0x0a, start);
		}
		if (start < chunk.length) addPending(chunk.subarray(start));
	}
	if (pendingBytes > 0) yield line(pending, pendingBytes);

	// Past the limit only the head is kept (for the excerpt); the bytes are still counted.
	function addPending(part: Buffer): void {
		if (pendingBytes < oversizedKeep || pendingBytes + part.length <= maxLineBytes) pending.push(part);
		pendingBytes += part.length;
	}
}

function decodeLine(buf: Buffer, start: number, end: number): string {
	if (end > start && buf[end - 1] === 0x0d) end--;
	const text = buf.toString('utf8', start, end);
	// A NUL has no place in text (and JSON rejects it anyway): shown as U+FFFD, never stored raw.
	return text.includes('\0') ? text.replaceAll('\0', '\uFFFD') : text;
}
