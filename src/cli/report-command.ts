/** `aadlog report`: what the database says, for people: text, Markdown, JSON or one HTML file. */
import {parseArgs} from 'node:util';
import {AadlogError} from '../errors.js';
import {gatherReport} from '../report/report-data.js';
import {renderHtml} from '../report/report-html.js';
import {reportMarkdown, reportText} from '../report/report-text.js';
import {openDatabase} from '../store/database.js';
import {exitCodes} from './exit-codes.js';
import {humanText, jsonText, terminalWidth, warn, writeOut} from './output.js';
import {checkOutputPath, writeOutputFile} from './output-file.js';
import {timeWindow} from './time-window.js';
import {version} from './version.js';

export const reportHelp = `Usage: aadlog report [--db PATH] [--format text|md|json|html] [--since T] [--until T] [--out FILE] [--names] [--json]

What the database knows, for the people who must act: totals and the trend against the
previous period, the top root causes with who acts, the fix, the apps affected and sample
correlation ids for a support case, what is new since the last run, app failures joined
to their sign-ins, and rejected input.

Options:
  --db PATH        database written by aadlog analyze (default ./aadlog.db); opened read-only
  --format F       text (default) | md | json | html (one self-contained file, charts as SVG)
  --since T        from this time: ISO 8601 (2026-11-20T00:00Z) or back from now (24h, 7d, 2w)
  --until T        up to this time (default: now when --since is given, else the last event)
  --out FILE       write the report to FILE instead of standard output
  --json           the same as --format json
  --names          include user names (UPNs); by default only counts, so a report can travel
  -h, --help       show this help

Exit status: 0 done, 1 usage error, 3 the database cannot be read.
`;

const formats = ['text', 'md', 'json', 'html'] as const;
type Format = (typeof formats)[number];

export async function reportCommand(argv: string[]): Promise<number> {
	const {values, positionals} = parseArgs({
		args: argv,
		allowPositionals: true,
		options: {
			db: {type: 'string', default: './aadlog.db'},
			format: {type: 'string', default: 'text'},
			since: {type: 'string'},
			until: {type: 'string'},
			out: {type: 'string'},
			names: {type: 'boolean', default: false},
			json: {type: 'boolean', default: false},
			help: {type: 'boolean', short: 'h', default: false},
		},
	});
	if (values.help) {
		writeOut(reportHelp);
		return exitCodes.ok;
	}
	if (positionals.length > 0) throw new AadlogError('ERR_USAGE', `unexpected argument '${positionals[0]}' (the database is --db PATH)`);
	// --json as every other command takes it; a different --format with it is a contradiction.
	if (values.json) {
		if (argv.some((a) => a === '--format' || a.startsWith('--format=')) && values.format !== 'json')
			throw new AadlogError('ERR_USAGE', `--json and --format ${values.format} contradict each other`);
		values.format = 'json';
	}
	if (!formats.includes(values.format as Format)) throw new AadlogError('ERR_USAGE', `--format must be one of ${formats.join(', ')}`);
	const window = timeWindow(values);
	if (values.out) checkOutputPath(values.out, values.db);
	const db = openDatabase(values.db, {readonly: true});
	let text: string;
	try {
		// One read transaction: every number comes from the same snapshot, even while a run writes.
		const data = db.transaction(() => gatherReport(db, {window, version, db: values.db, names: values.names}))();
		text = render(values.format as Format, data);
	} finally {
		db.close();
	}
	if (values.out) {
		writeOutputFile(values.out, text);
		warn(`report written to ${values.out}`);
	} else {
		writeOut(text);
	}
	return exitCodes.ok;
}

/** The report as it is printed or written: text and Markdown made safe for a terminal, JSON escaped, HTML escaped by its renderer. */
function render(format: Format, data: Parameters<typeof reportText>[0]): string {
	switch (format) {
		case 'text':
			return humanText(reportText(data, terminalWidth()));
		case 'md':
			return humanText(reportMarkdown(data));
		case 'json':
			return jsonText(data, 2) + '\n';
		case 'html':
			return renderHtml(data);
	}
}
