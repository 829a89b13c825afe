/**
 * Decides the format of an input from its first bytes (after gunzip and BOM).
 *
 * - `[` then a JSON value: a JSON document (an array, or several back to back); a text log's
 *   bracketed prefix (`[Sat, 21 Nov 2026 …]`, `[2026-11-21 10:41:17]`, `[INFO]`) is text
 * - `{` on a first line that is a whole JSON value: JSON Lines (one record per line)
 * - `{` otherwise: a JSON document (a pretty-printed object or envelope)
 * - a first line that is a CSV header naming sign-in columns: CSV (Log Analytics and
 *   Entra admin center exports)
 * - a first line that is none of these, followed by lines most of which are JSON objects:
 *   JSON Lines whose first record was cut (its first line is then one reject)
 * - anything else: text
 */

import {signinCsvColumns} from '../extract/shapes/index.js';
import {startsLikeEnvelope} from './envelope.js';
import type {InputFormat} from './record.js';

/** How many bytes the sniffer looks at; a first line longer than this is taken as JSON Lines. */
export const sniffBytes = 64 * 1024;

export function sniffFormat(head: Buffer): InputFormat {
	let i = 0;
	while (i < head.length && isSpace(head[i])) i++;
	if (i >= head.length) return 'text';
	const first = head[i];
	if (first === 0x5b && opensJsonArray(head, i)) return 'json';
	if (first !== 0x7b) {
		if (isSigninCsvHeader(firstLine(head, i))) return 'csv';
		// A cut first line (`split -b`, a rotated blob, a resumed download) is one reject, not the file's format.
		return mostlyJsonRecords(head, head.indexOf(0x0a, i)) ? 'jsonl' : 'text';
	}
	const nl = head.indexOf(0x0a, i);
	if (nl === -1) {
		// One long line: an envelope written without line breaks (`{"records":[...]}`, `{"value":[...]}`)
		// is a document the scanner streams record by record, not one line to hold whole.
		if (head.length >= sniffBytes) return startsLikeEnvelope(head.toString('utf8', i, i + 256)) ? 'json' : 'jsonl';
		return completeJson(head.toString('utf8', i)) ? 'jsonl' : 'json';
	}
	return completeJson(head.toString('utf8', i, nl)) ? 'jsonl' : 'json';
}

/**
 * `[` followed by what a JSON array can hold: `]`, `{`, `[`, a string, a literal, or a number
 * that ends as one (`[2026-11-21` is a date, not the number 2026).
 */
function opensJsonArray(head: Buffer, open: number): boolean {
	let i = open + 1;
	while (i < head.length && isSpace(head[i])) i++;
	if (i >= head.length) return true;
	const c = head[i];
	if (c === 0x5d || c === 0x7b || c === 0x5b || c === 0x22) return true; // ] { [ "
	const rest = head.toString('utf8', i, Math.min(head.length, i + 32));
	if (/^(?:true|false|null)\s*[,\]]/.test(rest)) return true;
	return /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\s*(?:[,\]]|$)/.test(rest);
}

/** A header cell: a name, not a sentence, a number or a timestamp (the portal has `Autonomous system  number`). */
const columnName = /^[A-Za-z][\w .()[\]/#:-]{0,79}$/;

/**
 * Conservative, so that app logs stay text: at least three cells, every one a column name,
 * and two of them sign-in columns (those the CSV shapes declare; `TimeGenerated [UTC]`
 * counts as `TimeGenerated`). A header whose names hold commas or quotes reads as
 * text; `--format csv` forces it.
 */
function isSigninCsvHeader(line: string | undefined): boolean {
	if (line === undefined) return false;
	const cells = line.split(',');
	if (cells.length < 3) return false;
	let known = 0;
	for (const cell of cells) {
		const quoted = cell.length >= 2 && cell.startsWith('"') && cell.endsWith('"');
		const name = (quoted ? cell.slice(1, -1) : cell).trim();
		if (!columnName.test(name)) return false;
		if (signinCsvColumns.has(name.replace(/ \[UTC\]$/, ''))) known++;
	}
	return known >= 2;
}

/** The first line from `start`, without its line break; undefined when it does not end within the head. */
function firstLine(head: Buffer, start: number): string | undefined {
	const nl = head.indexOf(0x0a, start);
	if (nl === -1 && head.length >= sniffBytes) return undefined;
	const text = head.toString('utf8', start, nl === -1 ? head.length : nl);
	return text.endsWith('\r') ? text.slice(0, -1) : text;
}

/** How many lines after the first the sniffer weighs: enough for a verdict, bounded work. */
const linesWeighed = 50;

/**
 * The complete lines of the head after the first (from the newline at `nl`): true when more
 * than half of them (and at least two, or the only one) are JSON objects. A text log that
 * logs the odd JSON line stays text.
 */
function mostlyJsonRecords(head: Buffer, nl: number): boolean {
	let records = 0;
	let lines = 0;
	for (let start = nl + 1; nl !== -1 && lines < linesWeighed; start = nl + 1) {
		nl = head.indexOf(0x0a, start);
		if (nl === -1) break; // the head ends inside this line
		const text = head.toString('utf8', start, nl).trim();
		if (text === '') continue;
		lines++;
		if (text.startsWith('{') && text.endsWith('}') && parsesAsJson(text)) records++;
	}
	return records * 2 > lines && records >= Math.min(2, lines) && records > 0;
}

function parsesAsJson(text: string): boolean {
	try {
		JSON.parse(text);
		return true;
	} catch {
		return false;
	}
}

function completeJson(text: string): boolean {
	try {
		JSON.parse(text);
		return true;
	} catch {
		// A first line that does not parse alone is the start of a multi-line document,
		// or a broken JSON Lines record; a `}`-terminated line says which.
		return text.trimEnd().endsWith('}');
	}
}

function isSpace(c: number): boolean {
	return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/**
 * Binary content (an image, an archive, a database file renamed .log): more than one byte
 * in ten of the head is a control character no text log has (NUL and the like). A text log
 * with a stray NUL is not binary: its records are read, the NUL shown as U+FFFD.
 */
export function looksBinary(head: Buffer): boolean {
	const n = Math.min(head.length, 8192);
	if (n === 0) return false;
	let controls = 0;
	for (let i = 0; i < n; i++) {
		const b = head[i];
		if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b) || b === 0x7f) controls++;
	}
	return controls * 10 > n;
}
