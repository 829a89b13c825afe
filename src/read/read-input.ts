/**
 * bytes → records for one input: gunzip, BOM, sniff (or `--format`), then the reader of
 * that format. Errors of the byte stream itself (a cut gzip, a file removed mid-read)
 * become a reject record, so the run goes on with the next input.
 *
 * Records leave in batches, those of one chunk together: an async step per record (a
 * promise and a microtask at each of the reader's layers) cost more than reading a small
 * record's fields. `readInput` hands them over one by one, for callers that count on that.
 */

import {csvRecords} from './csv-records.js';
import {crLineEnds, gunzipIfNeeded, skipLeadingNuls, stripBom} from './decode.js';
import type {InputSpec} from './inputs.js';
import {jsonLineRecords} from './json-lines.js';
import {JsonDocumentScanner} from './json-scanner.js';
import {type Line, LineSplitter} from './lines.js';
import type {InputFormat, InputRecord, ReadLimits} from './record.js';
import {looksBinary, sniffBytes, sniffFormat} from './sniff.js';
import type {SourceTracker} from './source-tracker.js';
import {TextBlocks} from './text-blocks.js';

export interface ReadOptions {
	format?: InputFormat;
	limits: ReadLimits;
	/** Told the format once it is known. */
	onFormat?: (format: InputFormat, gzip: boolean) => void;
	/** Told of every raw byte read (before gunzip), for progress and the sources table. */
	onBytes?: (bytes: number) => void;
	/** Sees every raw chunk: the hash and line count a nightly run keeps. */
	tracker?: SourceTracker;
	/** Told of each Graph page that links to a next page (`@odata.nextLink`): records this input does not hold. */
	onNextPage?: () => void;
	/** Resume a grown file: start at this byte, after this many lines. */
	resume?: {offset: number; lines: number};
}

/** Leading NULs a stream may start with before they count as its content. */
const streamNulsSkipped = 1024 * 1024;

export async function* readInput(input: InputSpec, options: ReadOptions): AsyncGenerator<InputRecord> {
	for await (const batch of readInputBatches(input, options)) yield* batch;
}

/** The records of the input, in order, in batches of those read together (none is empty). */
export async function* readInputBatches(input: InputSpec, options: ReadOptions): AsyncGenerator<InputRecord[]> {
	let gzip = false;
	const counted = countBytes(input.open(options.resume?.offset ?? 0), options.onBytes, options.tracker);
	// UTF-16 and CR-only files are not resumed mid-file: their line ends are not the LF bytes the tracker counts.
	const wholeFile = (): void => options.tracker?.wholeFile();
	const nulsSkipped = input.size === undefined ? streamNulsSkipped : Infinity;
	const bytes = crLineEnds(
		skipLeadingNuls(
			stripBom(
				gunzipIfNeeded(counted, () => (gzip = true)),
				wholeFile,
			),
			nulsSkipped,
		),
		wholeFile,
	);
	try {
		const {format, chunks, head} = await sniff(bytes, options.format);
		if (looksBinary(head)) {
			// Counted and kept as one reject (the input itself), not thousands of junk records.
			yield [{type: 'reject', reason: 'binary content (control bytes such as NUL): not a log file', excerpt: '', source: {file: input.label, line: 0}}];
			return;
		}
		options.onFormat?.(format, gzip);
		const max = options.limits.maxRecordBytes;
		const label = input.label;
		switch (format) {
			case 'jsonl':
				yield* lineRecords(chunks, max, options.resume?.lines, (lines, out) => jsonLineRecords(lines, label, max, out, options.onNextPage));
				break;
			case 'json':
				yield* scanDocument(chunks, label, max, options.onNextPage);
				break;
			case 'text': {
				const blocks = new TextBlocks(label, max);
				yield* lineRecords(
					chunks,
					max,
					options.resume?.lines,
					(lines, out) => blocks.push(lines, out),
					(out) => blocks.end(out),
				);
				break;
			}
			case 'csv':
				for await (const record of csvRecords(chunks, label, max)) yield [record];
				break;
		}
	} catch (error) {
		const reason = gzip ? `damaged gzip stream: ${(error as Error).message}` : `read error: ${(error as Error).message}`;
		yield [{type: 'reject', reason, excerpt: '', source: {file: input.label, line: 0}}];
	}
}

async function* countBytes(source: AsyncIterable<Buffer>, onBytes?: (n: number) => void, tracker?: SourceTracker): AsyncGenerator<Buffer> {
	for await (const chunk of source) {
		onBytes?.(chunk.length);
		tracker?.push(chunk);
		yield chunk;
	}
}

/**
 * Buffers enough of the start to decide the format, then replays it. A read error inside
 * that head (a file removed, a gzip stream cut short) is held until the bytes before it
 * have been replayed: what was read is analyzed, then the error becomes the reject.
 */
async function sniff(source: AsyncGenerator<Buffer>, forced?: InputFormat): Promise<{format: InputFormat; chunks: AsyncIterable<Buffer>; head: Buffer}> {
	const head: Buffer[] = [];
	let bytes = 0;
	let failure: unknown;
	while (bytes < sniffBytes) {
		let next: IteratorResult<Buffer>;
		try {
			next = await source.next();
		} catch (error) {
			failure = error;
			break;
		}
		if (next.done) break;
		head.push(next.value);
		bytes += next.value.length;
		if (forced) break;
	}
	const joined = Buffer.concat(head);
	const format = forced ?? sniffFormat(joined);
	async function* replay(): AsyncGenerator<Buffer> {
		if (joined.length > 0) yield joined;
		if (failure !== undefined) throw failure;
		yield* source;
	}
	return {format, chunks: replay(), head: joined};
}

/**
 * Lines (so records, but for envelopes) a batch holds at most. A chunk is read a batch at a
 * time: the records of a whole chunk, alive together, outlived the young generation's
 * collections and were copied and promoted; a batch of this size dies young.
 */
const batchRecords = 64;

/** Line formats: a chunk's lines become records in batches; `end` takes what the last line left open. */
async function* lineRecords(
	chunks: AsyncIterable<Buffer>,
	maxLineBytes: number,
	linesBefore: number | undefined,
	read: (lines: readonly Line[], out: InputRecord[]) => void,
	end?: (out: InputRecord[]) => void,
): AsyncGenerator<InputRecord[]> {
	const splitter = new LineSplitter(maxLineBytes, linesBefore);
	for await (const chunk of chunks) {
		splitter.feed(chunk);
		for (let lines = splitter.take(batchRecords); lines.length > 0; lines = splitter.take(batchRecords)) {
			const out: InputRecord[] = [];
			read(lines, out);
			if (out.length > 0) yield out;
		}
	}
	const out: InputRecord[] = [];
	read(splitter.end(), out);
	end?.(out);
	if (out.length > 0) yield out;
}

/** Bytes the document scanner is given at a time: its records then leave in batches of about `batchRecords`. */
const scanPieceBytes = 64 * 1024;

async function* scanDocument(chunks: AsyncIterable<Buffer>, file: string, maxRecordBytes: number, onNextPage?: () => void): AsyncGenerator<InputRecord[]> {
	const scanner = new JsonDocumentScanner(file, maxRecordBytes);
	for await (const chunk of chunks) {
		for (let from = 0; from < chunk.length; from += scanPieceBytes) {
			const records = scanner.push(from === 0 && chunk.length <= scanPieceBytes ? chunk : chunk.subarray(from, from + scanPieceBytes));
			if (records.length > 0) yield records;
		}
	}
	const last = scanner.end();
	for (let i = 0; i < scanner.nextPageLinks; i++) onNextPage?.();
	if (last.length > 0) yield last;
}
