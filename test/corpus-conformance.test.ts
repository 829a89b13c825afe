/**
 * Conformance on real Graph examples in ../shared/corpus (read in place, never copied).
 * Skipped, with a message, when that folder is absent (a user's clone); when present,
 * wrong output fails.
 */

import {existsSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {cli, sharedDir} from './helpers.js';

const docs = path.join(sharedDir, 'corpus', 'graph-docs');
const present = existsSync(docs);

// Five of the six examples were published as invalid JSON (trailing commas); one is valid.
const broken: Array<[file: string, line: number, column: number]> = [
	['beta/signin-get.example1.response.json', 76, 3],
	['beta/signin-list.example1.response.json', 79, 7],
	['v1.0/signin-get.example1.response.json', 63, 15],
	['v1.0/signin-list.example1.response.json', 64, 15],
	['v1.0/signin-list.example2.response.json', 64, 15],
];

if (!present) {
	test.skip('Graph docs corpus (../shared/corpus is absent in this clone)', () => {});
} else {
	test('the valid Graph page is read: one sign-in whose empty status is unknown, not success', (t) => {
		const result = cli(['analyze', '--json', '--db', ':memory:', path.join(docs, 'beta/signin-list.example2.response.json')]);
		t.is(result.status, 0, result.stderr);
		const out = JSON.parse(result.stdout);
		t.is(out.records, 1);
		t.is(out.rejected, 0);
		t.deepEqual(out.outcomes, {success: 0, failure: 0, interrupt: 0, unknown: 1});
		t.deepEqual(out.distinct, {correlationIds: 1, users: 1, apps: 1});
	});

	for (const [file, line, column] of broken) {
		test(`broken example ${file} is rejected with file and position`, (t) => {
			const full = path.join(docs, file);
			const result = cli(['analyze', '--json', '--db', ':memory:', full]);
			t.is(result.status, 2);
			t.true(result.stderr.includes(`${full}:`), result.stderr);
			t.true(result.stderr.includes(`invalid JSON at line ${line}, column ${column}: trailing comma before ']'`), result.stderr);
			const out = JSON.parse(result.stdout);
			t.is(out.rejected, 1);
			t.is(out.records, 1);
		});
	}

	test('all examples together: each broken record rejected, the valid one kept', (t) => {
		const files = [...broken.map(([file]) => file), 'beta/signin-list.example2.response.json'].map((file) => path.join(docs, file));
		const result = cli(['analyze', '--json', '--db', ':memory:', ...files]);
		const out = JSON.parse(result.stdout);
		t.is(result.status, 2);
		t.is(out.records, 6);
		t.is(out.rejected, 5);
	});
}
