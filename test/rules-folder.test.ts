/**
 * A --rules folder is read for its own regular files: a link out of it is refused without
 * reading the target, and a user rule cannot take an id the engine reserves.
 */

import {mkdirSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {cli, tempDir} from './helpers.js';

const rule = (id: string): string => `id: ${id}
title: a test rule
level: low
confidence: 0.5
who: developer
fix: do the thing
match:
  - {codes.aadsts: 50126}
`;

test('a link to a file outside the rules folder is not read and its content never printed', (t) => {
	const outside = tempDir();
	const secret = path.join(outside, 'secret.yaml');
	writeFileSync(secret, 'hunter2-secret-key: the first line of a file outside\n');
	const rules = tempDir();
	symlinkSync(secret, path.join(rules, 'leak.yaml'));
	const result = cli(['rules', 'list', '--rules', rules]);
	t.is(result.status, 3, result.stderr);
	t.false(result.stderr.includes('hunter2'), result.stderr);
	t.false(result.stdout.includes('hunter2'), result.stdout);
	t.true(result.stderr.includes(path.join(rules, 'leak.yaml')), result.stderr);
});

test('a link to a file inside the rules folder is read', (t) => {
	const rules = tempDir();
	mkdirSync(path.join(rules, 'real'));
	writeFileSync(path.join(rules, 'real', 'mine.yaml'), rule('my-linked-rule'));
	symlinkSync(path.join(rules, 'real'), path.join(rules, 'alias'));
	const result = cli(['rules', 'list', '--json', '--rules', rules]);
	t.is(result.status, 0, result.stderr);
	t.true((JSON.parse(result.stdout) as Array<{id: string}>).some((r) => r.id === 'my-linked-rule'));
});

test('a user rule with a reserved id is refused, naming the file', (t) => {
	const rules = tempDir();
	const file = path.join(rules, 'sneaky.yaml');
	writeFileSync(file, rule('unclassified'));
	const result = cli(['rules', 'list', '--rules', rules]);
	t.is(result.status, 3, result.stderr);
	t.true(result.stderr.includes(file), result.stderr);
	t.regex(result.stderr, /reserves/);
});

test('a link to a folder outside the rules folder is refused too', (t) => {
	const outside = tempDir();
	writeFileSync(path.join(outside, 'other.yaml'), 'hunter2-secret-key: x\n');
	const rules = tempDir();
	symlinkSync(outside, path.join(rules, 'more'));
	const result = cli(['rules', 'list', '--rules', rules]);
	t.is(result.status, 3, result.stderr);
	t.false(result.stderr.includes('hunter2'), result.stderr);
	t.true(result.stderr.includes(path.join(rules, 'more')), result.stderr);
});
