/**
 * Groups text log lines into records: a line that continues the one before it (indented
 * message lines, stack frames, the `Trace ID:` / `Correlation ID:` lines STS errors print
 * after their message) joins that record, so the ids printed after an error belong to it.
 */
import type {Line} from './lines.js';
import type {InputRecord} from './record.js';
import {excerptOf} from './record.js';

const continuation =
	/^(?:[ \t]|at |---|Caused by:|Trace ID:|Correlation ID:|Timestamp:|ErrorCode:|StatusCode:|HTTP StatusCode|CorrelationId|Classification:|ResponseBody:|Headers:|Inner Exception|\.\.\. \d+ more|Traceback \(most recent call last\):|[a-z_][\w$]*(?:\.[\w$]+)+(?:Exception|Error)\b)/;
// The last alternative: a fully qualified exception class (Java `com.microsoft.aad.msal4j.MsalServiceException:`,
// Python `msal.oauth2cli.oidc.IdTokenError:`) printed unindented under the log line that reported it.

/** A block stops growing here; the rest of its lines start a new record. */
const maxBlockLines = 500;

/** Lines in, records out as their blocks close: the last block waits for a line that does not continue it, or the end. */
export class TextBlocks {
	private block: string[] = [];
	private blockBytes = 0;
	private blockLine = 0;

	constructor(
		private readonly file: string,
		private readonly maxRecordBytes: number,
	) {}

	/** The records the lines close, appended to `out`. */
	push(lines: readonly Line[], out: InputRecord[]): void {
		for (const line of lines) {
			if (line.oversized) {
				this.flush(out);
				out.push({
					type: 'reject',
					reason: `line longer than the limit of ${this.maxRecordBytes} bytes`,
					excerpt: excerptOf(line.text),
					source: {file: this.file, line: line.number},
				});
				continue;
			}
			const text = line.text;
			if (text.trim() === '') {
				this.flush(out);
				continue;
			}
			const joins =
				this.block.length > 0 && this.block.length < maxBlockLines && this.blockBytes + text.length < this.maxRecordBytes && continuation.test(text);
			if (!joins) {
				this.flush(out);
				this.blockLine = line.number;
			}
			this.block.push(text);
			this.blockBytes += text.length + 1;
		}
	}

	/** The last block. */
	end(out: InputRecord[]): void {
		this.flush(out);
	}

	private flush(out: InputRecord[]): void {
		if (this.block.length === 0) return;
		out.push({type: 'text', text: this.block.join('\n'), source: {file: this.file, line: this.blockLine}});
		this.block = [];
		this.blockBytes = 0;
	}
}

/** The records of a line stream, one at a time (tests). */
export async function* textBlocks(lines: AsyncIterable<Line>, file: string, maxRecordBytes: number): AsyncGenerator<InputRecord> {
	const blocks = new TextBlocks(file, maxRecordBytes);
	for await (const line of lines) {
		const out: InputRecord[] = [];
		blocks.push([line], out);
		yield* out;
	}
	const out: InputRecord[] = [];
	blocks.end(out);
	yield* out;
}
