import type {RecordSource} from '../extract/event.js';

/** Input formats the readers understand; `auto` sniffs from the first bytes. */
export type InputFormat = 'jsonl' | 'json' | 'text' | 'csv';
export const inputFormats: readonly InputFormat[] = ['jsonl', 'json', 'text', 'csv'];

/**
 * A parsed JSON record (a CSV row too, as an object keyed by column name). `raw` is the text
 * it was parsed from, or for a CSV row its JSON text: identity for de-duplication.
 */
export interface JsonRecord {
	type: 'json';
	value: unknown;
	raw: string;
	source: RecordSource;
}

/** A text log record: one line, or a line and its continuation lines. */
export interface TextRecord {
	type: 'text';
	text: string;
	source: RecordSource;
}

/** Input that could not be read as a record: counted and kept, never dropped. */
export interface RejectRecord {
	type: 'reject';
	reason: string;
	/** A bounded slice of the offending bytes, for the rejects table. */
	excerpt: string;
	source: RecordSource;
}

export type InputRecord = JsonRecord | TextRecord | RejectRecord;

/** Limits that keep memory bounded whatever the input. */
export interface ReadLimits {
	/** A record (line, array element, text block) larger than this is rejected, not buffered. */
	maxRecordBytes: number;
}

export const defaultReadLimits: ReadLimits = {maxRecordBytes: 64 * 1024 * 1024};

const excerptChars = 200;

/** The first few hundred characters of bad input, safe to store: no raw control bytes. */
export function excerptOf(text: string): string {
	const cut = text.length > excerptChars ? text.slice(0, excerptChars) + '…' : text;
	// eslint-disable-next-line no-control-regex
	return cut.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '\ufffd');
}

export const tooDeepReason = 'JSON nested too deeply to read (thousands of levels)';

/**
 * JSON.stringify, or undefined for a value nested so deeply that it overflows the stack:
 * JSON.parse takes 10,000 nested brackets, JSON.stringify (which recurses) does not.
 */
export function stringifyUnlessTooDeep(value: unknown): string | undefined {
	try {
		return JSON.stringify(value);
	} catch (error) {
		if (error instanceof RangeError) return undefined;
		throw error;
	}
}
