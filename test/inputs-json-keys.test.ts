/**
 * One case style for --json keys across commands: camelCase everywhere (a token's own
 * header and claims excepted: they are the token's data). `aadlog query` keeps the SQL
 * column names it was asked for, and is not checked here.
 */

import path from 'node:path';
import test from 'ava';
import {cli, samplesDir, tempDir} from './helpers.js';
import {accessClaims, newSigner} from './token-fixtures.js';

const camel = /^[a-z][a-zA-Z0-9]*$/;

/** Keys of `value` that are not camelCase, with their path; `header` and `claims` objects are data, skipped. */
function offCaseKeys(value: unknown, at = '$'): string[] {
	if (Array.isArray(value)) return value.flatMap((item, i) => offCaseKeys(item, `${at}[${i}]`));
	if (value === null || typeof value !== 'object') return [];
	return Object.entries(value).flatMap(([key, item]) => [
		...(camel.test(key) ? [] : [`${at}.${key}`]),
		...(key === 'header' || key === 'claims' ? [] : offCaseKeys(item, `${at}.${key}`)),
	]);
}

test('every --json object has camelCase keys: analyze, trace, token, explain, rules list and lint', async (t) => {
	const db = path.join(tempDir(), 'keys.db');
	const analyzed = cli(['analyze', '--json', '--db', db, samplesDir]);
	t.true(analyzed.status === 0 || analyzed.status === 2, analyzed.stderr);
	const signer = await newSigner('k1');
	const token = await signer.sign(accessClaims(Math.floor(Date.now() / 1000)));
	const outputs: Record<string, string> = {
		analyze: analyzed.stdout,
		trace: cli(['trace', '--json', '--db', db, '2f3e4d5c-6b7a-4899-8a1b-d2e3f4a5b602']).stdout,
		token: cli(['token', '--json', token]).stdout,
		'explain code': cli(['explain', '--json', '50126']).stdout,
		'explain words': cli(['explain', '--json', 'invalid_grant']).stdout,
		'rules list': cli(['rules', 'list', '--json']).stdout,
		'rules lint': cli(['rules', 'lint', '--json']).stdout,
	};
	for (const [command, stdout] of Object.entries(outputs)) {
		const value = JSON.parse(stdout) as unknown;
		t.deepEqual(offCaseKeys(value), [], command);
	}
	const story = JSON.parse(outputs.trace) as {events: Record<string, unknown>[]};
	t.true(story.events.length > 0, 'the trace found the story');
	t.true('appName' in story.events[0] && 'correlationId' in story.events[0]);
});
