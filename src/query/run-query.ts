/**
 * Runs one read-only SQL statement and writes its rows as they come: an aligned table for
 * people, CSV, a JSON array or JSON Lines for scripts. The database is opened read-only and
 * only a statement that returns rows is run, so `aadlog query` cannot change it. Rows are
 * never collected (a query over millions of events must not need memory for all of them),
 * and integers are read as bigint so a 64-bit record_key prints with all its digits.
 */

import {escapeJsonControls, neutralizeControls} from '../cli/control-chars.js';
import {jsonText} from '../cli/output.js';
import {AadlogError} from '../errors.js';
import type {Db} from '../store/database.js';
import {redactIdentifier} from '../tokens/redact.js';

export type QueryFormat = 'table' | 'csv' | 'json' | 'jsonl';

/** Positional values for `?`, or one object for `:name`, `@name`, `$name`. */
export type QueryParams = readonly unknown[] | Record<string, unknown>;

export interface QueryRows {
	columns: string[];
	rows: Iterable<unknown[]>;
}

/** Where text goes; a promise when the reader is slower than the query (stdout backpressure). */
export type Sink = (text: string) => void | Promise<void>;

export function openQuery(db: Db, sql: string, params: QueryParams = []): QueryRows {
	let statement: ReturnType<Db['prepare']>;
	try {
		statement = db.prepare(sql);
	} catch (error) {
		throw new AadlogError('ERR_USAGE', `SQL: ${(error as Error).message}`);
	}
	if (!statement.reader)
		throw new AadlogError('ERR_USAGE', 'aadlog query runs statements that return rows (SELECT, WITH, PRAGMA); the database is opened read-only');
	const columns = statement.columns().map((c) => c.name);
	statement.safeIntegers(true).raw(true);
	try {
		const args: unknown[] = Array.isArray(params) ? [...params] : [params];
		const iterate = statement.iterate.bind(statement) as (...values: unknown[]) => IterableIterator<unknown[]>;
		const iterator = iterate(...args);
		return {columns, rows: usageErrors(iterator)};
	} catch (error) {
		throw new AadlogError('ERR_USAGE', `SQL: ${(error as Error).message}`);
	}
}

function* usageErrors(rows: IterableIterator<unknown[]>): Generator<unknown[]> {
	try {
		yield* rows;
	} catch (error) {
		throw new AadlogError('ERR_USAGE', `SQL: ${(error as Error).message}`);
	}
}

/** Text is handed to the sink in chunks of about this many characters: one write per row is slow. */
const chunkSize = 64 * 1024;

/**
 * A chunk also goes out when it is this old, so the rows of a slow query show as they come,
 * and are printed before `--timeout` stops it. Reading the clock per row cost --csv about 2%
 * of its formatting (100,000 rows: 0.21 s against 0.205 s).
 */
const chunkMs = 200;

/** Whether `text` is due: a full chunk, or rows held for chunkMs since the last one went out. */
function due(text: string, since: number): boolean {
	return text.length >= chunkSize || (text.length > 0 && Date.now() - since >= chunkMs);
}

export async function writeResult(query: QueryRows, format: QueryFormat, sink: Sink): Promise<void> {
	if (format === 'table') return writeTable(query, sink);
	let buffer = '';
	let sent = Date.now();
	const put = async (text: string): Promise<void> => {
		buffer += text;
		if (due(buffer, sent)) {
			const full = buffer;
			buffer = '';
			await sink(full);
			sent = Date.now();
		}
	};
	const {columns, rows} = query;
	if (format === 'csv') await put(columns.map(csvCell).join(',') + '\r\n');
	if (format === 'json') await put('[');
	const keys = jsonKeys(columns, format === 'json' ? '  ' : '');
	let count = 0;
	for (const row of rows) {
		if (format === 'csv') await put(row.map(csvCell).join(',') + '\r\n');
		else if (format === 'jsonl') await put(jsonObject(keys, row, '') + '\n');
		else await put((count === 0 ? '\n  ' : ',\n  ') + jsonObject(keys, row, '  '));
		count++;
	}
	if (format === 'json') await put(count === 0 ? ']\n' : '\n]\n');
	if (buffer) await sink(buffer);
}

/** Each column's `"name":` (with a space when indented), made once: the same for every row. */
function jsonKeys(columns: readonly string[], indent: string): string[] {
	return columns.map((c) => `${escapeJsonControls(JSON.stringify(c))}:${indent ? ' ' : ''}`);
}

/** One row as a JSON object; a bigint is written from its own digits, not through Number(). */
function jsonObject(keys: readonly string[], row: readonly unknown[], indent: string): string {
	let parts = '';
	for (let i = 0; i < keys.length; i++) parts += (i === 0 ? '' : indent ? `,\n${indent}  ` : ',') + keys[i] + jsonValue(row[i]);
	if (!indent) return `{${parts}}`;
	return keys.length === 0 ? '{}' : `{\n${indent}  ${parts}\n${indent}}`;
}

function jsonValue(value: unknown): string {
	if (typeof value === 'bigint') return value.toString();
	return jsonText(value ?? null);
}

/**
 * RFC 4180: quoted when it holds a comma, quote or line break. A text a spreadsheet would
 * read as a formula (OWASP CSV injection: it starts with = + - @, a tab or a carriage
 * return) gets a leading ' so it is shown, not run; a number, or a text that is just a
 * number such as -3, is left as it is.
 */
function csvCell(value: unknown): string {
	if (value === null || value === undefined) return '';
	let text = String(value);
	if (typeof value === 'string' && formulaStart.test(text) && !plainNumber.test(text)) text = `'${text}`;
	// Redacted and neutralized per cell, before quoting: doubled quotes would hide a quoted secret's end from the redactor.
	text = neutralizeControls(redactIdentifier(text));
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const formulaStart = /^[=+\-@\t\r]/;
const plainNumber = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/** Rows the table reads before it prints, to size its columns; later rows are cut to those widths. */
export const tableSizingRows = 1000;

/** Columns padded to their widest value in the first rows (cut at 60 characters), numbers right-aligned. */
async function writeTable({columns, rows}: QueryRows, sink: Sink): Promise<void> {
	const cell = (v: unknown): string => {
		if (v === null || v === undefined) return '';
		// Redacted and neutralized before the cut, so a token cut short is still found and the widths are what is shown.
		const text = neutralizeControls(redactIdentifier(String(v).replace(/\s+/g, ' ')));
		return text.length > 60 ? text.slice(0, 59) + '…' : text;
	};
	const iterator = rows[Symbol.iterator]();
	const first: unknown[][] = [];
	while (first.length < tableSizingRows) {
		const next = iterator.next();
		if (next.done) break;
		first.push(next.value);
	}
	const texts = first.map((row) => row.map(cell));
	const widths = columns.map((c) => c.length);
	for (const r of texts) for (const [i, text] of r.entries()) widths[i] = Math.max(widths[i], text.length);
	const numeric = columns.map((_, i) => first.length > 0 && first.every((r) => r[i] === null || typeof r[i] === 'number' || typeof r[i] === 'bigint'));
	const cutToWidth = (v: string, i: number): string => (v.length > widths[i] ? v.slice(0, Math.max(widths[i] - 1, 0)) + '…' : v);
	const line = (values: string[]): string =>
		values
			.map((v, i) => (numeric[i] ? cutToWidth(v, i).padStart(widths[i]) : cutToWidth(v, i).padEnd(widths[i])))
			.join('  ')
			.trimEnd();
	let out = [line(columns), widths.map((w) => '-'.repeat(w)).join('  '), ...texts.map(line)].join('\n') + '\n';
	let count = first.length;
	let sent = Date.now();
	if (count >= tableSizingRows) {
		for (let next = iterator.next(); !next.done; next = iterator.next()) {
			out += line((next.value as unknown[]).map(cell)) + '\n';
			count++;
			if (due(out, sent)) {
				await sink(out);
				out = '';
				sent = Date.now();
			}
		}
	}
	out += `(${count} row${count === 1 ? '' : 's'})\n`;
	await sink(out);
}
