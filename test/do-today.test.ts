/**
 * "Do this today" quotes each cause's fix by the sentence that says what to do: an
 * instruction ("Rotate the secret."), someone's obligation ("The client must acquire a
 * token"), or an instruction under a condition ("If it is disabled, re-enable it."), never
 * a description of what happened when the fix has an instruction.
 */

import test from 'ava';
import {loadKnowledge} from '../src/classify/knowledge.js';
import {action, instructionOf} from '../src/report/do-today.js';

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
