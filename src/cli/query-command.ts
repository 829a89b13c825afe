/** `aadlog query`: ad hoc SQL (or a named query) over the database, read-only. */
import {parseArgs} from 'node:util';
import {AadlogError} from '../errors.js';
import {namedQueries} from '../query/named-queries.js';
import {openQuery, type QueryFormat, type QueryParams, writeResult} from '../query/run-query.js';
import {runTimedQuery} from '../query/timed-query.js';
import {openDatabase} from '../store/database.js';
import {exitCodes} from './exit-codes.js';
import {warn, writeOut} from './output.js';
import {stdoutSink} from './stdout-sink.js';
import {timeWindow} from './time-window.js';

const windowQueries = (): string =>
	namedQueries
		.filter((q) => q.window)
		.map((q) => q.name)
		.join(', ');

export const queryHelp = `Usage: aadlog query [--db PATH] [--csv | --json | --jsonl] [--param NAME=VALUE]... [--timeout S] [--since T] [--until T] <SQL | name [argument]>
       aadlog query --list

Runs one SQL statement over the database, read-only, or one of the named queries
(--list shows them with their SQL). Output: an aligned table, or --csv, --json (one
array), --jsonl (one object per line); their keys are the SQL's column names as
written (app_name, ca_status), not the camelCase of other commands' --json. The tables
and views are documented in docs/schema.md (or: aadlog schema).

Options:
  --db PATH    database written by aadlog analyze (default ./aadlog.db)
  --csv        RFC 4180 CSV with a header row; a text cell a spreadsheet would run as a
               formula (it starts with = + - @, a tab or a CR) gets a leading '
  --json       a JSON array of objects
  --jsonl      one JSON object per line
  --param NAME=VALUE
               a value for :NAME (or @NAME, $NAME) in ad hoc SQL; repeatable. An integer
               binds as an integer (64-bit exact), anything else as text
  --since T, --until T
               for the named queries over events (by-ip, mfa-loops, legacy-auth): only
               events from T (inclusive) / before T; an ISO 8601 time or 24h, 7d, 2w back
  --timeout S  stop the query after S seconds (0.5 allowed) with exit status 124; the
               rows printed by then stay, whole, and a --json array is closed after them
  --list       the named queries and their SQL
  -h, --help   show this help

Exit status: 0 done, 1 usage error (bad SQL, a statement that writes), 3 the database
cannot be read, 124 stopped by --timeout.

Examples:
  aadlog query top-causes
  aadlog query mfa-loops --since 7d
  aadlog query correlation 5c1f0e7a-3b2d-4c8e-9a61-7d2e4f8b0c13
  aadlog query --param key=9007199254740993 "select time, kind from events where record_key = :key"
  aadlog query --timeout 30 --jsonl "select * from events"
  aadlog query --csv "select app_name, sum(failures) from failures_by_app group by app_name"
`;

export async function queryCommand(argv: string[]): Promise<number> {
	const {values, positionals} = parseArgs({
		args: argv,
		allowPositionals: true,
		options: {
			db: {type: 'string', default: './aadlog.db'},
			csv: {type: 'boolean', default: false},
			json: {type: 'boolean', default: false},
			jsonl: {type: 'boolean', default: false},
			list: {type: 'boolean', default: false},
			param: {type: 'string', multiple: true, default: []},
			since: {type: 'string'},
			until: {type: 'string'},
			timeout: {type: 'string'},
			help: {type: 'boolean', short: 'h', default: false},
		},
	});
	if (values.help) {
		writeOut(queryHelp);
		return exitCodes.ok;
	}
	if (values.list) {
		writeOut(
			namedQueries.map((q) => `${q.name}${q.argument ? ` <${q.argument}>` : ''}\n  ${q.description}\n  ${q.sql.replace(/\n/g, '\n  ')}\n`).join('\n'),
		);
		return exitCodes.ok;
	}
	const formats = (['csv', 'json', 'jsonl'] as const).filter((f) => values[f]);
	if (formats.length > 1) throw new AadlogError('ERR_USAGE', 'choose one of --csv, --json, --jsonl');
	const format: QueryFormat = formats[0] ?? 'table';
	if (positionals.length === 0) throw new AadlogError('ERR_USAGE', 'give a SQL statement or a query name (aadlog query --list)');
	const named = namedQueries.find((q) => q.name === positionals[0]);
	if (named?.argument && positionals.length !== 2) throw new AadlogError('ERR_USAGE', `${named.name} takes one argument: <${named.argument}>`);
	if (!named && positionals.length > 1) throw new AadlogError('ERR_USAGE', 'give the SQL as one argument (quote it)');
	if (named && values.param.length > 0) throw new AadlogError('ERR_USAGE', '--param is for ad hoc SQL; a named query takes its argument after its name');
	const windowGiven = values.since !== undefined || values.until !== undefined;
	if (windowGiven && !named?.window)
		throw new AadlogError(
			'ERR_USAGE',
			named
				? `${named.name} reads a summary of all events and takes no --since/--until (aadlog report --since does; the window queries: ${windowQueries()})`
				: '--since/--until are for the named window queries; in ad hoc SQL use --param since=... and :since',
		);
	const seconds = values.timeout === undefined ? undefined : timeoutSeconds(values.timeout);
	const params: QueryParams = named ? (named.window ? {...timeWindow(values)} : named.argument ? [positionals[1]] : []) : parseParams(values.param);
	const sql = named ? named.sql : positionals[0];
	if (seconds !== undefined) {
		const outcome = await runTimedQuery({db: values.db, sql, params, format}, seconds, stdoutSink);
		if (outcome === 'timed-out') warn(`query stopped after ${seconds} s (--timeout); the rows printed are the first of its result`);
		if (outcome === 'interrupted') warn('query stopped by a signal');
		return outcome === 'done' ? exitCodes.ok : outcome === 'timed-out' ? exitCodes.timedOut : exitCodes.interrupted;
	}
	const db = openDatabase(values.db, {readonly: true});
	try {
		// Every value is redacted on its own (writeResult): the whole is not redacted again.
		await writeResult(openQuery(db, sql, params), format, stdoutSink);
		return exitCodes.ok;
	} finally {
		db.close();
	}
}

/**
 * `--param name=value` for `:name`, `@name` or `$name`. A value that is an integer binds as
 * one (bigint, so a 64-bit record_key stays exact); any other value binds as text.
 */
export function parseParams(pairs: readonly string[]): Record<string, unknown> {
	const params: Record<string, unknown> = {};
	for (const pair of pairs) {
		const match = /^[:@$]?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(pair);
		if (!match) throw new AadlogError('ERR_USAGE', `--param ${pair}: give name=value`);
		const [, name, value] = match;
		params[name] = /^-?\d+$/.test(value) && BigInt.asIntN(64, BigInt(value)) === BigInt(value) ? BigInt(value) : value;
	}
	return params;
}

/** `--timeout S`: seconds, a decimal above 0 (setTimeout takes at most about 24.8 days). */
export function timeoutSeconds(text: string): number {
	const seconds = /^\d+(?:\.\d+)?$|^\.\d+$/.test(text) ? Number(text) : Number.NaN;
	if (!(seconds > 0) || seconds * 1000 > 2 ** 31 - 1)
		throw new AadlogError('ERR_USAGE', `--timeout ${text}: give the seconds, a number above 0 (0.5, 30, 600)`);
	return seconds;
}
