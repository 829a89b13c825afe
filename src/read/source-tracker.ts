/**
 * What a nightly run must remember about a file to skip it or resume it next time: the
 * SHA-256 and the line count of the bytes up to the last complete line (a line still being
 * written is read again next time), computed as the bytes stream by, on the raw bytes.
 */
import {createHash, type Hash} from 'node:crypto';

export class SourceTracker {
	/** Bytes up to and including the last newline seen (from the start of the file). */
	committedBytes: number;
	/** Newlines in those bytes. */
	committedLines: number;
	private bytes: number;
	private tail: Buffer[] = [];
	private lineBased = true;

	/** `hash` continues a hash of the bytes before `startBytes` (a resumed read). */
	constructor(
		private readonly hash: Hash = createHash('sha256'),
		startBytes = 0,
		startLines = 0,
	) {
		this.bytes = this.committedBytes = startBytes;
		this.committedLines = startLines;
	}

	push(chunk: Buffer): void {
		this.bytes += chunk.length;
		if (!this.lineBased) {
			this.hash.update(chunk);
			this.committedBytes = this.bytes;
			return;
		}
		const last = chunk.lastIndexOf(0x0a);
		if (last === -1) {
			this.tail.push(chunk);
			return;
		}
		for (const part of this.tail) this.hash.update(part);
		this.tail = [];
		this.hash.update(chunk.subarray(0, last + 1));
		for (let nl = chunk.indexOf(0x0a); nl !== -1 && nl <= last; nl = chunk.indexOf(0x0a, nl + 1)) this.committedLines++;
		this.committedBytes = this.bytes - (chunk.length - last - 1);
		if (last + 1 < chunk.length) this.tail.push(chunk.subarray(last + 1));
	}

	/** Gzip streams, JSON documents and CSV are never resumed mid-file: every byte counts as read. */
	wholeFile(): void {
		if (!this.lineBased) return;
		this.lineBased = false;
		for (const part of this.tail) this.hash.update(part);
		this.tail = [];
		this.committedBytes = this.bytes;
	}

	/** The hash of the committed bytes (the tail after the last newline is not in it). */
	digest(): string {
		return this.hash.copy().digest('hex');
	}
}
