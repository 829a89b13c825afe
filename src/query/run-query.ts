/**
 * Runs one read-only SQL statement and lays out its rows: an aligned table for people,
 * CSV, a JSON array or JSON Lines for scripts. The database is opened read-only and only a
 * statement that returns rows is run, so `aadlog query` cannot change it.
 */

import {neutralizeControls} from '../cli/control-chars.js';
import {jsonText} from '../cli/output.js';
import {AadlogError} from '../errors.js';
import type {Db} from '../store/database.js';
import {redactIdentifier} from '../tokens/redact.js';

export type QueryFormat = 'table' | 'csv' | 'json' | 'jsonl';

export interface QueryResult {
	columns: string[];
	rows: unknown[][];
}

export function runQuery(db: Db, sql: string, params: readonly unknown[] = []): QueryResult {
	let statement: ReturnType<Db['prepare']>;
	try {
		statement = db.prepare(sql);
	} catch (error) {
		throw new AadlogError('ERR_USAGE', `SQL: ${(error as Error).message}`);
	}
	if (!statement.reader)
		throw new AadlogError('ERR_USAGE', 'aadlog query runs statements that return rows (SELECT, WITH, PRAGMA); the database is opened read-only');
	const columns = statement.columns().map((c) => c.name);
	try {
		const rows = statement.raw().all(...params) as unknown[][];
		return {columns, rows};
	} catch (error) {
		throw new AadlogError('ERR_USAGE', `SQL: ${(error as Error).message}`);
	}
}

export function formatResult(result: QueryResult, format: QueryFormat): string {
	switch (format) {
		case 'json':
			return (
				jsonText(
					result.rows.map((row) => objectOf(result.columns, row)),
					2,
				) + '\n'
			);
		case 'jsonl':
			return result.rows.map((row) => jsonText(objectOf(result.columns, row)) + '\n').join('');
		case 'csv':
			return [result.columns, ...result.rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
		case 'table':
			return table(result);
	}
}

function objectOf(columns: readonly string[], row: readonly unknown[]): Record<string, unknown> {
	const object: Record<string, unknown> = {};
	for (const [i, c] of columns.entries()) object[c] = typeof row[i] === 'bigint' ? Number(row[i]) : row[i];
	return object;
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

/** Columns padded to their widest value (cut at 60 characters), numbers right-aligned. */
function table({columns, rows}: QueryResult): string {
	const cell = (v: unknown): string => {
		if (v === null || v === undefined) return '';
		// Redacted and neutralized before the cut, so a token cut short is still found and the widths are what is shown.
		const text = neutralizeControls(redactIdentifier(String(v).replace(/\s+/g, ' ')));
		return text.length > 60 ? text.slice(0, 59) + '…' : text;
	};
	const texts = rows.map((row) => row.map(cell));
	// A loop, not Math.max(...column): a spread of 200,000 rows overflows the call stack.
	const widths = columns.map((c) => c.length);
	for (const r of texts) for (const [i, text] of r.entries()) widths[i] = Math.max(widths[i], text.length);
	const numeric = columns.map((_, i) => rows.length > 0 && rows.every((r) => r[i] === null || typeof r[i] === 'number' || typeof r[i] === 'bigint'));
	const line = (values: string[]): string =>
		values
			.map((v, i) => (numeric[i] ? v.padStart(widths[i]) : v.padEnd(widths[i])))
			.join('  ')
			.trimEnd();
	const out = [line(columns), widths.map((w) => '-'.repeat(w)).join('  '), ...texts.map(line)];
	out.push(`(${rows.length} row${rows.length === 1 ? '' : 's'})`);
	return out.join('\n') + '\n';
}
