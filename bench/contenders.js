// The programs bench/run.js times, each as a contender for timing.js's alternate(): a label,
// the input to warm, what to do before each run, and the run itself.
import {spawnSync} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {dataDir} from './generate.js';
import {removeDb} from './report-db.js';
import {timedOnce} from './timing.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const node = process.execPath;
export const hasJq = spawnSync('jq', ['--version']).status === 0;

/** `aadlog analyze --json` into a fresh database each run, with the per-stage profile on. */
export function aadlogContender(label, input, {env = {}, options = []} = {}) {
	const db = path.join(dataDir, 'bench.db');
	return {
		label,
		kind: 'aadlog',
		input,
		before: () => removeDb(db),
		run: () => timedOnce(node, [path.join(root, 'bin', 'aadlog'), 'analyze', '--json', ...options, '--db', db, input], {AADLOG_PROFILE: '1', ...env}),
	};
}

export const floorContender = (file) => ({
	label: 'bare JSONL split + JSON.parse (floor)',
	kind: 'floor',
	input: file,
	run: () => timedOnce(node, [path.join(root, 'bench', 'floor.js'), file]),
});

/** jq's bare failure count by code, reading the code where the shape keeps it. */
export function jqContender(file, codePath) {
	const filter = `[inputs | .${codePath} | select(. != 0)] | group_by(.) | map({code: .[0], n: length})`;
	return {label: `jq: failure count by code only (.${codePath})`, kind: 'jq', input: file, run: () => timedOnce('jq', ['-n', filter, file])};
}

export function duckContender(file, codePath, threads) {
	return {
		label: `DuckDB read_json_auto: failure count by code only (${threads} threads)`,
		kind: 'duckdb',
		input: file,
		run: () => timedOnce(node, [path.join(root, 'bench', 'duckdb-groupby.js'), file, codePath]),
	};
}

/** DuckDB can run here: the dev dependency is installed and its native part loads. */
export function hasDuckDb() {
	return spawnSync(node, ['-e', "import('@duckdb/node-api').then(() => process.exit(0), () => process.exit(1))"], {cwd: root}).status === 0;
}

/** The records aadlog read (its --json totals), or NaN. */
export function recordsOf(result) {
	try {
		return JSON.parse(result.stdout).records;
	} catch {
		return NaN;
	}
}

/** AADLOG_PROFILE=1's seconds per stage, when the build prints them. */
export function stagesOf(result) {
	const profile = /aadlog-profile (\{.*\})/.exec(result.stderr ?? '');
	return profile ? JSON.parse(profile[1]) : null;
}
