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

export async function* textBlocks(lines: AsyncIterable<Line>, file: string, maxRecordBytes: number): AsyncGenerator<InputRecord> {
	let block: string[] = [];
	let blockBytes = 0;
	let blockLine = 0;

	function* flush(): Generator<InputRecord> {
		if (block.length === 0) return;
		yield {type: 'text', text: block.join('\n'), source: {file, line: blockLine}};
		block = [];
		blockBytes = 0;
	}

	for await (const line of lines) {
		if (line.oversized) {
			yield* flush();
			yield {type: 'reject', reason: `line longer than the limit of ${maxRecordBytes} bytes`, excerpt: excerptOf(line.text), source: {file, line: line.number}};
			continue;
		}
		const text = line.text;
		if (text.trim() === '') {
			yield* flush();
			continue;
		}
		const joins =
			block.length > 0 &&
			block.length < maxBlockLines &&
			blockBytes + text.length < maxRecordBytes &&
			continuation.test(text);
		if (!joins) {
			yield* flush();
			blockLine = line.number;
		}
		block.push(text);
		blockBytes += text.length + 1;
	}
	yield* flush();
}
