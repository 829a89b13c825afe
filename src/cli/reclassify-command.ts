/** `aadlog reclassify --db F`: the current rules re-run over the stored sign-ins, in SQL, without re-reading logs. */
import {existsSync} from 'node:fs';
import {parseArgs} from 'node:util';
import {loadKnowledge} from '../classify/knowledge.js';
import {AadlogError} from '../errors.js';
import {reclassify} from '../rules-compiler/reclassify.js';
import {openDatabase} from '../store/database.js';
import {exitCodes} from './exit-codes.js';
import {warn, writeJson, writeOut} from './output.js';
import {version} from './version.js';

export const reclassifyHelp = `Usage: aadlog reclassify --db FILE [--rules DIR ...] [--dry-run] [--json]

Re-runs the rules (built-in plus --rules folders, as they are now) over the sign-ins the
database holds, in SQL, and stores each one's new most likely cause. Logs are not read
again. App events keep their causes (their text and token facts are not all stored).
A sign-in whose cause is a rule SQL cannot fully evaluate keeps it (see rules export --sql).

Options:
  --db FILE     the database to update (required)
  --rules DIR   also load this folder (adds to and overrides built-ins by id; repeatable)
  --dry-run     say what would change, change nothing
  --json        machine-readable output
`;

export async function reclassifyCommand(argv: string[]): Promise<number> {
	const {values} = parseArgs({
		args: argv,
		options: {
			db: {type: 'string'},
			rules: {type: 'string', multiple: true, default: []},
			'dry-run': {type: 'boolean', default: false},
			json: {type: 'boolean', default: false},
			help: {type: 'boolean', short: 'h', default: false},
		},
	});
	if (values.help) {
		writeOut(reclassifyHelp);
		return exitCodes.ok;
	}
	if (values.db === undefined) throw new AadlogError('ERR_USAGE', 'reclassify needs --db FILE');
	if (values.db === ':memory:' || !existsSync(values.db)) throw new AadlogError('ERR_INPUT_NOT_FOUND', `${values.db}: no such database`);
	const knowledge = loadKnowledge(values.rules);
	const db = openDatabase(values.db, {
		onUpgrade: (from, to) => warn(`upgrading ${values.db} from schema ${from} to ${to} (once; on millions of events it takes a minute)`),
	});
	try {
		const result = reclassify(db, knowledge, {
			dryRun: values['dry-run'],
			version,
			onRollupRebuild: (events) => {
				if (events >= 100_000) warn(`counting ${events} stored events again for reports`);
			},
		});
		if (values.json) {
			writeJson({...result, notPortable: result.notPortable.map((v) => ({id: v.rule.id, status: v.status})), dryRun: values['dry-run']});
			return exitCodes.ok;
		}
		const verb = values['dry-run'] ? 'would change' : 'changed';
		writeOut(`${result.examined} sign-ins re-examined: ${result.changed} ${verb}, ${result.kept} kept (their rule does not travel whole to SQL)\n`);
		for (const m of result.moves) writeOut(`${String(m.count).padStart(7)}  ${m.from ?? '(none)'} -> ${m.to ?? '(none)'}\n`);
		return exitCodes.ok;
	} finally {
		db.close();
	}
}
