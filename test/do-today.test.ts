/**
 * "Do this today" quotes each cause's fix by the sentence that says what to do: an
 * instruction ("Rotate the secret."), someone's obligation ("The client must acquire a
 * token"), or an instruction under a condition ("If it is disabled, re-enable it."), never
 * a description of what happened when the fix has an instruction.
 */

import {writeFileSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {loadKnowledge} from '../src/classify/knowledge.js';
import {action, instructionOf} from '../src/report/do-today.js';
import {cli, graphSignin, tempDir} from './helpers.js';

test('the instruction is found where fixes put it', (t) => {
	t.is(action('The secret expired. Rotate it now.'), 'Rotate it now.');
	t.is(action('The client sent nothing. The client must acquire a token and send it.'), 'The client must acquire a token and send it.');
	t.is(action('The account is disabled. If the person should have access, re-enable it.'), 'If the person should have access, re-enable it.');
	t.is(
		action('A policy blocked it. If the access is legitimate (a partner, a test tenant), have an admin allow it.'),
		'If the access is legitimate (a partner, a test tenant), have an admin allow it.',
	);
	t.is(action('Either enable the feature, or remove the URL.'), 'Either enable the feature, or remove the URL.');
	t.is(action('The user is on a personal device. Check the device.'), 'Check the device.');
});

test('descriptions and context-bound sentences are not taken for instructions', (t) => {
	t.is(instructionOf("The API's authority must match the issuer."), undefined, 'a requirement on a thing, not an actor');
	t.is(instructionOf('If not, check the sync scope.'), undefined, '"If not" needs the sentence before it');
	t.is(instructionOf('The password is past its expiry date.'), undefined);
	t.is(action('The password is past its expiry date. Many users hit it.'), 'The password is past its expiry date.', 'no instruction: the first sentence');
});

test('every shipped cause of medium level or worse says what to do', (t) => {
	const {rules} = loadKnowledge();
	const serious = rules.filter((r) => ['medium', 'high', 'critical'].includes(r.level));
	t.true(serious.length > 40);
	t.deepEqual(
		serious.filter((r) => instructionOf(r.fix) === undefined).map((r) => r.id),
		[],
	);
});

test('a Conditional Access block names the policies that blocked it, most first, in every report format', (t) => {
	const policy = (name: string, result: string) => ({id: `p-${name.length}`, displayName: name, result, enforcedGrantControls: ['Block']});
	const blocked = (n: number, names: string[]) =>
		graphSignin(n, 53003, `2026-11-20T08:0${n}:00Z`, {
			conditionalAccessStatus: 'failure',
			appliedConditionalAccessPolicies: [...names.map((name) => policy(name, 'failure')), policy('Require MFA', 'success')],
		});
	const dir = tempDir();
	const input = path.join(dir, 's.jsonl');
	writeFileSync(
		input,
		`${[blocked(1, ['Block legacy; auth: all']), blocked(2, ['Block legacy; auth: all']), blocked(3, ['Block legacy; auth: all', 'Countries'])].join('\n')}\n`,
	);
	const db = path.join(dir, 'r.db');
	t.is(cli(['analyze', '--db', db, input]).status, 0);
	const json = JSON.parse(cli(['report', '--db', db, '--json']).stdout) as {
		doToday: Array<{cause: string; policies: Array<{name: string; signins: number}>}>;
	};
	t.deepEqual(json.doToday[0].policies, [
		{name: 'Block legacy; auth: all', signins: 3},
		{name: 'Countries', signins: 1},
	]);
	const text = cli(['report', '--db', db]).stdout.replace(/\n\s+/g, ' ');
	t.regex(text, /blocked by "Block legacy; auth: all" \(3 sign-ins\), "Countries" \(1 sign-in\)/);
	t.notRegex(text, /"Require MFA"/, 'a policy that passed blocked nothing');
	t.regex(cli(['report', '--db', db, '--format', 'md']).stdout, /blocked by “Block legacy; auth: all” \(3 sign-ins\)/);
	t.regex(
		cli(['report', '--db', db, '--format', 'html']).stdout,
		/blocked by &quot;Block legacy; auth: all&quot; \(3 sign-ins\)|blocked by &#34;Block legacy; auth: all&#34; \(3 sign-ins\)/,
	);
});
