/** `aadlog trace <id>`: one request's story across sign-in and app logs, from the database. */
import {parseArgs} from 'node:util';
import {AadlogError} from '../errors.js';
import {traceTerminal} from '../report/trace-terminal.js';
import {openDatabase} from '../store/database.js';
import {findStory} from '../trace/story.js';
import {exitCodes} from './exit-codes.js';
import {camelCaseKeys} from './json-keys.js';
import {writeJson, writeOut} from './output.js';

export const traceHelp = `Usage: aadlog trace <id> [--db PATH] [--json]

Everything the database knows about one request, newest evidence first: the app's error,
the API's log line and the sign-in behind them, each with its most likely cause, then
what to do. The id can be a correlation id, a Request ID (a sign-in's id, the "Trace ID"
of an AADSTS error, an x-ms-request-id), a token's uti, or a token fingerprint.

Options:
  --db PATH    database written by aadlog analyze (default ./aadlog.db); opened read-only
  --json       print the story as one JSON object
  -h, --help   show this help

Exit status: 0 found, 1 usage error, 2 nothing carries that id, 3 the database cannot be read.

Example:
  aadlog analyze app.log signins.jsonl && aadlog trace 5c1f0e7a-3b2d-4c8e-9a61-7d2e4f8b0c13
`;

export async function traceCommand(argv: string[]): Promise<number> {
	const {values, positionals} = parseArgs({
		args: argv,
		allowPositionals: true,
		options: {db: {type: 'string', default: './aadlog.db'}, json: {type: 'boolean', default: false}, help: {type: 'boolean', short: 'h', default: false}},
	});
	if (values.help) {
		writeOut(traceHelp);
		return exitCodes.ok;
	}
	if (positionals.length !== 1) throw new AadlogError('ERR_USAGE', 'give one id: aadlog trace <correlation id | request id | uti | token fingerprint>');
	const db = openDatabase(values.db, {readonly: true});
	try {
		const story = findStory(db, positionals[0]);
		// The story's rows are database rows: --json prints them with the camelCase keys of every command.
		if (values.json) writeJson(camelCaseKeys(story));
		else writeOut(traceTerminal(story));
		return story.events.length > 0 ? exitCodes.ok : exitCodes.rejected;
	} finally {
		db.close();
	}
}
