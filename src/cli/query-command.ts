/** `aadlog query`: ad hoc SQL (or a named query) over the database, read-only. */
import {parseArgs} from 'node:util';
import {AadlogError} from '../errors.js';
import {namedQueries} from '../query/named-queries.js';
import {formatResult, type QueryFormat, runQuery} from '../query/run-query.js';
import {openDatabase} from '../store/database.js';
import {exitCodes} from './exit-codes.js';
import {writeAssembled, writeOut} from './output.js';

export const queryHelp = `Usage: aadlog query [--db PATH] [--csv | --json | --jsonl] <SQL | name [argument]>
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
  --list       the named queries and their SQL
  -h, --help   show this help

Exit status: 0 done, 1 usage error (bad SQL, a statement that writes), 3 the database cannot be read.

Examples:
  aadlog query top-causes
  aadlog query correlation 5c1f0e7a-3b2d-4c8e-9a61-7d2e4f8b0c13
  aadlog query --csv "select app, sum(failures) from failures_by_app group by app"
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
	const db = openDatabase(values.db, {readonly: true});
	try {
		const result = named ? runQuery(db, named.sql, named.argument ? [positionals[1]] : []) : runQuery(db, positionals[0]);
		// Every value was redacted on its own (formatResult): the whole is not redacted again.
		writeAssembled(formatResult(result, format));
		return exitCodes.ok;
	} finally {
		db.close();
	}
}
