/**
 * The README shows what the commands print: its summary and `--json` examples are checked
 * against a run of the command each names, so a change in the output fails here until the
 * README says the same. `...` in an example stands for anything.
 */

import {readFileSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {cli, projectRoot} from './helpers.js';

const readme = readFileSync(path.join(projectRoot, 'README.md'), 'utf8');

/** The indented block after the paragraph that ends with `(\`./bin/aadlog ARGS\`)...:`, with its command. */
function example(marker: string): {args: string[]; lines: string[]} {
	const at = readme.indexOf(marker);
	if (at < 0) throw new Error(`README has no "${marker}"`);
	const command = /\(`\.\/bin\/aadlog ([^`]+)`\)/.exec(readme.slice(at))?.[1];
	if (!command) throw new Error(`no command after "${marker}"`);
	const after = readme.slice(readme.indexOf('\n\n', at) + 2).split('\n');
	const lines: string[] = [];
	for (const line of after) {
		if (!line.startsWith('    ')) break;
		lines.push(line.slice(4));
	}
	return {args: command.split(' '), lines};
}

/** Every value of the example is in the actual object at the same place; `...` matches anything. */
function contained(sample: unknown, actual: unknown, at = '$'): string[] {
	if (sample === '...') return [];
	if (Array.isArray(sample)) {
		if (!Array.isArray(actual)) return [`${at}: not an array`];
		return sample.flatMap((s, i) => contained(s, actual[i], `${at}[${i}]`));
	}
	if (sample !== null && typeof sample === 'object') {
		if (actual === null || typeof actual !== 'object') return [`${at}: not an object`];
		return Object.entries(sample).flatMap(([k, v]) => contained(v, (actual as Record<string, unknown>)[k], `${at}.${k}`));
	}
	return sample === actual ? [] : [`${at}: README ${JSON.stringify(sample)}, printed ${JSON.stringify(actual)}`];
}

test('the summary in the README is what analyze prints, line for line in order', (t) => {
	const {args, lines} = example('What the summary looks like');
	t.true(lines.length >= 3);
	const run = cli(args);
	t.is(run.status, 0, run.stderr);
	const printed = run.stdout.split('\n');
	let from = 0;
	for (const line of lines) {
		const found = printed.indexOf(line, from);
		t.true(found >= 0, `README line not printed (in this order): ${line}`);
		if (found >= 0) from = found + 1;
	}
});

test('the --json example in the README is what analyze --json prints', (t) => {
	const {args, lines} = example('### `--json`');
	const text = lines
		.join('\n')
		.replaceAll('{...}', '{}')
		.replace(/,\s*\.\.\.\s*([\]}])/g, '$1')
		.replace(/\.\.\.,\s*/g, '');
	const sample = JSON.parse(text) as unknown;
	const run = cli(args);
	t.is(run.status, 0, run.stderr);
	t.deepEqual(contained(sample, JSON.parse(run.stdout)), []);
});
