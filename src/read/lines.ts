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

/**
 * The lines of a chunk, a batch at a time: the readers turn a batch into records in one
 * synchronous pass, and the records leave together (read-input.ts), so a record costs no
 * promise of its own. Lines are decoded when taken, not the whole chunk at once: a chunk's
 * strings, alive together, outlived the young generation's collections. A line cut by the
 * chunk's end waits for the next chunk.
 */
export class LineSplitter {
	private pending: Buffer[] = [];
	private pendingBytes = 0;
	private number: number;
	private chunk: Buffer | undefined;
	private start = 0;

	/** `linesBefore`: lines of the file before these bytes (a resumed read numbers on from there). */
	constructor(
		private readonly maxLineBytes: number,
		linesBefore = 0,
	) {
		this.number = linesBefore;
	}

	/** The next chunk, whose lines `take` then hands over; the one before must have been taken to its end. */
	feed(chunk: Buffer): void {
		this.chunk = chunk;
		this.start = 0;
	}

	/** Up to `max` lines of the chunk fed; none once its complete lines are all taken. */
	take(max: number): Line[] {
		const lines: Line[] = [];
		const chunk = this.chunk;
		if (chunk === undefined) return lines;
		let start = this.start;
		while (lines.length < max) {
			const nl = chunk.indexOf(0x0a, start);
			if (nl === -1) {
				if (start < chunk.length) this.addPending(chunk.subarray(start));
				this.chunk = undefined;
				break;
			}
			if (this.pending.length === 0 && nl - start <= this.maxLineBytes) {
				lines.push({text: decodeLine(chunk, start, nl), number: ++this.number, oversized: false});
			} else {
				this.addPending(chunk.subarray(start, nl));
				lines.push(this.takePending());
			}
			start = nl + 1;
		}
		this.start = start;
		return lines;
	}

	/** The last line, when the input does not end with a line break. */
	end(): Line[] {
		return this.pendingBytes > 0 ? [this.takePending()] : [];
	}

	private takePending(): Line {
		const {pending, pendingBytes} = this;
		this.pending = [];
		this.pendingBytes = 0;
		const number = ++this.number;
		if (pendingBytes > this.maxLineBytes) {
			const head = Buffer.concat(pending).subarray(0, oversizedKeep);
			return {text: head.toString('utf8'), number, oversized: true};
		}
		const whole = pending.length === 1 ? pending[0] : Buffer.concat(pending);
		return {text: decodeLine(whole, 0, whole.length), number, oversized: false};
	}

	// Past the limit only the head is kept (for the excerpt); the bytes are still counted.
	private addPending(part: Buffer): void {
		if (this.pendingBytes < oversizedKeep || this.pendingBytes + part.length <= this.maxLineBytes) this.pending.push(part);
		this.pendingBytes += part.length;
	}
}

/** The lines of a byte stream, one at a time (tests, and readers that take a line stream). */
export async function* splitLines(chunks: AsyncIterable<Buffer>, maxLineBytes: number, linesBefore = 0): AsyncGenerator<Line> {
	const splitter = new LineSplitter(maxLineBytes, linesBefore);
	for await (const chunk of chunks) {
		splitter.feed(chunk);
		yield* splitter.take(Infinity);
	}
	yield* splitter.end();
}

function decodeLine(buf: Buffer, start: number, end: number): string {
	if (end > start && buf[end - 1] === 0x0d) end--;
	const text = buf.toString('utf8', start, end);
	// A NUL has no place in text (and JSON rejects it anyway): shown as U+FFFD, never stored raw.
	return text.includes('\0') ? text.replaceAll('\0', '\uFFFD') : text;
}
