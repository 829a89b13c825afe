/** `aadlog analyze`: argument parsing and wiring of the pipeline to the reports. */

import {readFileSync} from 'node:fs';
import {parseArgs} from 'node:util';
import {loadKnowledge} from '../classify/knowledge.js';
import {AadlogError} from '../errors.js';
import {analyze} from '../pipeline.js';
import {Pseudonymizer, pseudonymKey} from '../privacy/pseudonymizer.js';
import {resolveInputs, totalSize} from '../read/inputs.js';
import {defaultReadLimits, type InputFormat, inputFormats} from '../read/record.js';
import type {SkippedFiles} from '../read/skip-tally.js';
import {analyzeJson} from '../report/analyze-json.js';
import {analyzeTerminal} from '../report/analyze-terminal.js';
import {counted} from '../report/counts.js';
import {exitCodes} from './exit-codes.js';
import {terminalWidth, warn, writeJson, writeOut} from './output.js';
import {Progress, progressWanted} from './progress.js';
import {tokenOptionSpecs, tokenOptionsFrom, tokenOptionsHelp} from './token-options.js';
import {version} from './version.js';

export const analyzeHelp = `Usage: aadlog analyze [options] [input ...]

Reads Entra ID sign-in logs and application logs, finds what failed and why, prints a
summary and stores every event in SQLite. Inputs are files, directories (read
recursively) or - for standard input (the default). Gzip is detected by content.

Options:
  --db PATH               SQLite database to write (default ./aadlog.db; :memory: for none)
  --force-db              use a --db that holds another program's tables (aadlog's are added beside them)
  --json                  print one JSON object with the totals instead of the summary
  --format FORMAT         jsonl | json | text | csv (default: sniffed from each input's first bytes)
  --rules DIR             extra rule folder; adds to and overrides built-in rules by id (repeatable)
  --max-record-bytes N    reject records larger than N bytes (default ${defaultReadLimits.maxRecordBytes})
  -q, --quiet             no progress line (it is shown only on a terminal anyway)
  --pseudonymize          store user names, UPNs, user ids and IP addresses as keyed hashes
                          (key: AADLOG_PSEUDONYM_KEY, or --pseudonym-key-file FILE; 16+ bytes)
  --reread                read every input whole, even files the database already has
                          (by default a file read before is skipped, and a grown one is
                          read from where the last run stopped; nothing is counted twice)
${tokenOptionsHelp}
  -h, --help              show this help

Exit status: 0 ok, 1 usage error, 2 some records were rejected (see the rejects
table), 3 the run failed, 130 stopped by a signal (what was read is committed).

Examples:
  cat signin.jsonl | aadlog analyze
  aadlog analyze --db nightly.db exports/ app-logs/
  aadlog analyze --json samples/signin-graph-page.json | jq .causes
`;

export async function analyzeCommand(argv: string[]): Promise<number> {
	const {values, positionals} = parseArgs({
		args: argv,
		allowPositionals: true,
		options: {
			db: {type: 'string', default: './aadlog.db'},
			'force-db': {type: 'boolean', default: false},
			json: {type: 'boolean', default: false},
			format: {type: 'string'},
			rules: {type: 'string', multiple: true, default: []},
			'max-record-bytes': {type: 'string'},
			reread: {type: 'boolean', default: false},
			quiet: {type: 'boolean', short: 'q', default: false},
			pseudonymize: {type: 'boolean', default: false},
			'pseudonym-key-file': {type: 'string'},
			...tokenOptionSpecs,
			help: {type: 'boolean', short: 'h', default: false},
		},
	});
	if (values.help) {
		writeOut(analyzeHelp);
		return exitCodes.ok;
	}
	if (values.format !== undefined && !inputFormats.includes(values.format as InputFormat)) {
		throw new AadlogError('ERR_USAGE', `--format must be one of ${inputFormats.join(', ')}`);
	}
	const maxRecordBytes = values['max-record-bytes'] === undefined ? defaultReadLimits.maxRecordBytes : Number(values['max-record-bytes']);
	if (!Number.isInteger(maxRecordBytes) || maxRecordBytes < 1) throw new AadlogError('ERR_USAGE', '--max-record-bytes must be a positive whole number');

	const tokens = tokenOptionsFrom(values);
	const pseudonymizer = values.pseudonymize ? new Pseudonymizer(keyFor(values['pseudonym-key-file'])) : undefined;
	// What a folder's listing left out (broken links, link loops, archives): on stderr, so --json stays clean, and in --json as data.
	const skippedFiles: SkippedFiles[] = [];
	const inputs = await resolveInputs(positionals, (message, skipped) => {
		skippedFiles.push(skipped);
		if (!values.quiet) warn(message);
	});
	// Run with no input on a terminal, aadlog waits for standard input: said, or it looks hung.
	if (process.stdin.isTTY && inputs.some((input) => input.label === '-')) warn(stdinWaitingNotice);
	const knowledge = loadKnowledge(values.rules);
	const progress = progressWanted(process.stderr.isTTY, values.quiet) ? new Progress(totalSize(inputs)) : undefined;
	const stop = new AbortController();
	const onSignal = (): void => stop.abort();
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);
	try {
		const result = await analyze({
			inputs,
			db: values.db,
			forceDb: values['force-db'],
			format: values.format as InputFormat | undefined,
			knowledge,
			limits: {maxRecordBytes},
			reread: values.reread,
			pseudonymizer,
			tokens,
			version,
			signal: stop.signal,
			onBytes: progress?.onBytes,
			onRecord: progress?.onRecord,
			onUpgrade: (from, to) => {
				if (!values.quiet) warn(`upgrading ${values.db} from schema ${from} to ${to} (once; on millions of events it takes a minute)`);
			},
			// A database from before the rollup: its first run counts every stored event once, which can take minutes.
			onRollupCatchUp: (events) => {
				if (events >= 100_000 && !values.quiet) {
					progress?.finish();
					warn(`counting ${events} stored events for reports (the rollup they read was behind: an upgraded database, or a reclassify that stopped)`);
				}
			},
		});
		progress?.finish(); // before the summary: it starts on a clean line
		const {catalog} = knowledge;
		if (values.json) writeJson({...analyzeJson(result, values.db, catalog), skippedFiles});
		else writeOut(analyzeTerminal(result, values.db, catalog, terminalWidth()));
		warnMissingPages(result.summary.missingPages);
		if (result.interrupted) {
			warn('stopped by a signal; what was read is committed');
			return exitCodes.interrupted;
		}
		if (result.summary.firstReject) {
			const r = result.summary.firstReject;
			warn(`${counted(result.summary.rejected, 'malformed record')} rejected; first at ${r.file}:${r.line}: ${r.reason}`);
			return exitCodes.rejected;
		}
		return exitCodes.ok;
	} finally {
		progress?.finish();
		process.off('SIGINT', onSignal);
		process.off('SIGTERM', onSignal);
		// Stopped by a signal while standard input was quiet: its pending read must not keep the process alive.
		if (stop.signal.aborted) process.stdin.destroy();
	}
}

export const stdinWaitingNotice =
	'reading sign-in or app log records from standard input (the terminal): paste them, then press Ctrl-D to finish (Ctrl-C stops). To read files instead: aadlog analyze FILE|FOLDER ...';

/** Files shown by name when pages are missing: enough to find them, bounded for a folder of pages. */
const missingPageFilesShown = 3;

/**
 * A Graph page with `@odata.nextLink` is one page of many: read alone, the summary looks
 * complete and is not. Said even with --quiet: the numbers printed are short of the truth.
 */
function warnMissingPages(missing: {pages: number; files: readonly string[]}): void {
	if (missing.pages === 0) return;
	const shown = missing.files.slice(0, missingPageFilesShown).join(', ');
	const more = missing.files.length > missingPageFilesShown ? `, and ${missing.files.length - missingPageFilesShown} more` : '';
	warn(
		`${missing.pages} Graph page${missing.pages === 1 ? '' : 's'} link${missing.pages === 1 ? 's' : ''} to a next page not read (@odata.nextLink in ${shown}${more}): ` +
			'the records of the pages after it are missing. Fetch them by following each @odata.nextLink until none is left (e.g. `az rest` or Graph PowerShell with -All), or use a diagnostic-settings export',
	);
}

/** No default key: a pseudonym anyone can recompute from a list of names protects nothing. */
function keyFor(file: string | undefined): Buffer {
	let fromFile: Buffer | undefined;
	if (file !== undefined) {
		try {
			fromFile = readFileSync(file);
		} catch (error) {
			throw new AadlogError('ERR_USAGE', `--pseudonym-key-file ${file}: ${(error as Error).message}`);
		}
	}
	const key = pseudonymKey(process.env.AADLOG_PSEUDONYM_KEY, fromFile);
	if (!key)
		throw new AadlogError(
			'ERR_USAGE',
			'--pseudonymize needs a key of 16 bytes or more: set AADLOG_PSEUDONYM_KEY or give --pseudonym-key-file FILE (keep it secret; the same key gives the same pseudonyms)',
		);
	return key;
}
