/**
 * CSV exports (Log Analytics query results, Entra admin center downloads) → one JSON record
 * per row, keyed by the header's column names, so the sign-in extractors see the same shape
 * as a JSON export. Parsing is csv-parse's (RFC 4180: quoted cells with commas, doubled
 * quotes and line breaks, LF or CRLF); this file adds what aadlog needs around it:
 *
 * - the physical line where each row starts, counted here on LF bytes as splitLines does
 *   (csv-parse's own `info.lines` counts a CRLF inside a quoted cell twice);
 * - a reject, with file, line and excerpt, for a row the parser skips (a wrong number of
 *   cells, a quote still open at the end of the input), and the rows after it still read;
 * - bounded memory: a row longer than maxRecordBytes is rejected; one still open after that
 *   many bytes (a stray quote swallowing the file) ends the input with a reject.
 *
 * Quotes are read leniently (csv-parse `relax_quotes`): a stray quote inside a cell is
 * kept as text. The strict mode would drop such rows without saying where they end, and
 * every line number after them would be wrong.
 */
import {type CsvError, Parser} from 'csv-parse';
import type {InputRecord} from './record.js';
import {excerptOf} from './record.js';

/** One parser output, in input order: a row of cells, or a row the parser skipped. */
type Parsed = {kind: 'row'; cells: string[]; end: number} | {kind: 'skipped'; error: CsvError; end: number};

/** How many bytes of a rejected row are decoded for its excerpt (excerptOf cuts further). */
const excerptBytes = 1024;

export async function* csvRecords(chunks: AsyncIterable<Buffer>, file: string, maxRecordBytes: number): AsyncGenerator<InputRecord> {
	const parsed: Parsed[] = [];
	const lines = new LineCounter();
	let fed = 0;
	let fatal: Error | undefined;
	const parser = new Parser({
		bom: true,
		relax_quotes: true,
		skip_empty_lines: true,
		skip_records_with_error: true,
		// Rows are collected here rather than pushed to the stream, so skipped rows keep their place among them.
		on_record: (cells, info) => {
			parsed.push({kind: 'row', cells, end: info.bytes});
			return null;
		},
		on_skip: (error) => {
			// A quote open at the end of the input ends the last row there; other errors end at the row's delimiter.
			if (error) parsed.push({kind: 'skipped', error, end: error.code === 'CSV_QUOTE_NOT_CLOSED' ? fed : parser.info.bytes});
			return undefined;
		},
	});
	parser.on('error', (error: Error) => (fatal = error));

	let header: string[] | undefined;
	/** Byte offset where the next row begins: the end of the one before. */
	let rowStart = 0;

	function* take(): Generator<InputRecord> {
		for (const item of parsed) {
			const start = lines.skipLineBreaks(rowStart, item.end);
			const source = {file, line: lines.lineAt(start)};
			const bytes = item.end - start;
			rowStart = item.end;
			if (item.kind === 'skipped') {
				yield {type: 'reject', reason: skippedReason(item.error, header), excerpt: lines.excerpt(start, item.end), source};
			} else if (bytes > maxRecordBytes) {
				yield {type: 'reject', reason: `CSV row longer than the limit of ${maxRecordBytes} bytes`, excerpt: lines.excerpt(start, item.end), source};
			} else if (header === undefined) {
				header = columnNames(item.cells);
			} else if (!allEmpty(item.cells)) {
				const value = rowObject(header, item.cells);
				yield {type: 'json', value, raw: JSON.stringify(value), source};
			}
		}
		parsed.length = 0;
	}

	try {
		for await (const chunk of chunks) {
			lines.add(chunk);
			fed += chunk.length;
			await new Promise<void>((resolve) => parser.write(chunk, () => resolve()));
			if (fatal) break;
			yield* take();
			if (fed - rowStart > maxRecordBytes) {
				const start = lines.skipLineBreaks(rowStart, fed);
				const reason = `CSV row longer than the limit of ${maxRecordBytes} bytes (a quote left open?); the rest of the input is not read`;
				yield {type: 'reject', reason, excerpt: lines.excerpt(start, fed), source: {file, line: lines.lineAt(start)}};
				return;
			}
		}
		if (!fatal) {
			await new Promise<void>((resolve) => {
				parser.once('finish', resolve);
				parser.once('error', () => resolve());
				parser.end();
			});
		}
		yield* take();
		if (fatal) {
			const start = lines.skipLineBreaks(rowStart, fed);
			yield {type: 'reject', reason: `invalid CSV: ${fatal.message}`, excerpt: lines.excerpt(start, fed), source: {file, line: lines.lineAt(start)}};
		}
	} finally {
		// Also when the reader stops early (a signal, `| head`): the parser holds the row being read.
		parser.destroy();
	}
}

function skippedReason(error: CsvError, header: string[] | undefined): string {
	switch (error.code) {
		case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH': {
			const found = Array.isArray(error.record) ? error.record.length : undefined;
			return `CSV row has ${found ?? 'a different number of'} cells where the header has ${header?.length ?? 'another number'}`;
		}
		case 'CSV_QUOTE_NOT_CLOSED':
			return 'CSV row has a quoted cell that is never closed: it runs to the end of the input';
		default:
			return `invalid CSV row: ${error.message}`;
	}
}

/**
 * Column names as the extractors look them up: trimmed (the portal writes `Application ID `),
 * without the ` [UTC]` Log Analytics appends to time columns (`TimeGenerated [UTC]` is the
 * JSON export's `TimeGenerated`), and numbered when repeated (the portal has two
 * `Incoming token type`; the second is `Incoming token type (2)`).
 */
export function columnNames(cells: readonly string[]): string[] {
	const seen = new Map<string, number>();
	return cells.map((cell, i) => {
		let name = cell.trim().replace(/ \[UTC\]$/, '');
		// `__proto__` as a key would set the object's prototype instead of a property.
		if (name === '' || name === '__proto__') name = `column ${i + 1}`;
		const count = (seen.get(name) ?? 0) + 1;
		seen.set(name, count);
		return count === 1 ? name : `${name} (${count})`;
	});
}

function rowObject(header: readonly string[], cells: readonly string[]): Record<string, string> {
	const row: Record<string, string> = {};
	for (let i = 0; i < header.length; i++) {
		const cell = cells[i];
		// A CRLF export's cells hold CRLF line breaks: made LF, the same row reads (and de-duplicates) alike from both.
		row[header[i]] = cell.includes('\r\n') ? cell.replaceAll('\r\n', '\n') : cell;
	}
	return row;
}

/** A row of commas only (`,,,`): a spreadsheet's blank row, not a record. */
function allEmpty(cells: readonly string[]): boolean {
	for (const cell of cells) if (cell !== '') return false;
	return true;
}

/**
 * Line numbers of byte offsets, for offsets asked in increasing order. Keeps the chunks from
 * the last offset asked on (at most the current row and one chunk), for line breaks and excerpts.
 */
class LineCounter {
	private chunks: Buffer[] = [];
	/** Offset of chunks[0]'s first byte. */
	private chunksStart = 0;
	private offset = 0;
	private line = 1;

	add(chunk: Buffer): void {
		if (chunk.length > 0) this.chunks.push(chunk);
	}

	/** 1-based line of the byte at `target`. */
	lineAt(target: number): number {
		while (this.offset < target && this.chunks.length > 0) {
			const chunk = this.chunks[0];
			const from = this.offset - this.chunksStart;
			const to = Math.min(chunk.length, target - this.chunksStart);
			const part = chunk.subarray(from, to);
			for (let nl = part.indexOf(0x0a); nl !== -1; nl = part.indexOf(0x0a, nl + 1)) this.line++;
			this.offset = this.chunksStart + to;
			if (to === chunk.length) {
				this.chunks.shift();
				this.chunksStart += chunk.length;
			}
		}
		return this.line;
	}

	/** The first offset from `from` (before `end`) that is no CR or LF: where a row after blank lines starts. */
	skipLineBreaks(from: number, end: number): number {
		let at = from;
		while (at < end) {
			const byte = this.byteAt(at);
			if (byte !== 0x0a && byte !== 0x0d) break;
			at++;
		}
		return at;
	}

	/** The start of the bytes from..to, decoded, for a reject's excerpt. */
	excerpt(from: number, to: number): string {
		const parts: Buffer[] = [];
		let chunkStart = this.chunksStart;
		const stop = Math.min(to, from + excerptBytes);
		for (const chunk of this.chunks) {
			const chunkEnd = chunkStart + chunk.length;
			if (chunkEnd > from && chunkStart < stop) parts.push(chunk.subarray(Math.max(0, from - chunkStart), Math.min(chunk.length, stop - chunkStart)));
			chunkStart = chunkEnd;
		}
		return excerptOf(Buffer.concat(parts).toString('utf8').trimEnd());
	}

	private byteAt(at: number): number | undefined {
		let chunkStart = this.chunksStart;
		for (const chunk of this.chunks) {
			if (at < chunkStart + chunk.length) return chunk[at - chunkStart];
			chunkStart += chunk.length;
		}
		return undefined;
	}
}
