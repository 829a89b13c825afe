/**
 * The counts `aadlog analyze --json` reports for each sign-in sample equal what an
 * independent jq program computes on the same file. jq reads each file's shape its own
 * way (the path to the error code below); aadlog must agree without being told the shape.
 */

import {execFileSync, spawnSync} from 'node:child_process';
import path from 'node:path';
import test from 'ava';
import {cli, samplesDir} from './helpers.js';

/** Per sample: a jq path from each top-level JSON value to the error codes of its records. */
const samples: Array<[file: string, codes: string]> = [
	['signin-graph-page.json', '.value[] | .status.errorCode'],
	['signin-graph-beta.jsonl', '.status.errorCode'],
	['signin-array.json', '.[] | .status.errorCode'],
	['signin-concatenated.json', '.[] | .status.errorCode'],
	['diagnostic-signinlogs.jsonl', '.resultType | tonumber'],
	['eventhub-records.json', '.records[] | .resultType | tonumber'],
	['loganalytics-signinlogs.json', '.[] | .ResultType | tonumber'],
	['loganalytics-noninteractive.jsonl', '.ResultType | tonumber'],
	['signin-single.json', '.status.errorCode'],
	['signin-gzipped.jsonl.gz', '.status.errorCode'],
	['story-signins.jsonl', '.status.errorCode'],
];

const jqAvailable = spawnSync('jq', ['--version']).status === 0;

function jqCounts(file: string, codes: string): unknown {
	const program = `[inputs | ${codes}] | {
		records: length,
		success: map(select(. == 0)) | length,
		nonzero: map(select(. != 0)) | length,
		codes: (map(select(. != 0)) | group_by(.) | map({code: .[0], count: length}) | sort_by(-.count, .code))
	}`;
	const full = path.join(samplesDir, file);
	const input = file.endsWith('.gz') ? execFileSync('gunzip', ['-c', full]) : undefined;
	const args = ['-n', '-c', program, ...(input ? [] : [full])];
	return JSON.parse(execFileSync('jq', args, {input, encoding: 'utf8'}));
}

for (const [file, codes] of samples) {
	const title = `${file}: records, successes, non-zero codes and per-code counts equal jq's`;
	if (!jqAvailable) {
		test.skip(`${title} (jq is not installed)`, () => {});
		continue;
	}
	test(title, (t) => {
		const expected = jqCounts(file, codes);
		const result = cli(['analyze', '--json', '--db', ':memory:', path.join(samplesDir, file)]);
		t.is(result.status, 0, result.stderr);
		const out = JSON.parse(result.stdout) as {records: number; outcomes: Record<string, number>; codes: Array<{code: number; count: number}>};
		t.deepEqual(
			{
				records: out.records,
				success: out.outcomes.success,
				nonzero: out.outcomes.failure + out.outcomes.interrupt,
				codes: out.codes.map(({code, count}) => ({code, count})),
			},
			expected,
		);
	});
}
