import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {explain} from '../src/classify/explain.js';
import {loadKnowledge} from '../src/classify/knowledge.js';
import {lintRules} from '../src/classify/lint.js';
import {cli, sharedDir} from './helpers.js';

const knowledge = loadKnowledge();
const seed = path.join(sharedDir, 'seeds', 'aadsts-error-codes.txt');

if (existsSync(seed)) {
	test('explain answers for every AADSTS code of the seed document', (t) => {
		const codes = new Set([...readFileSync(seed, 'utf8').matchAll(/AADSTS(\d+)/g)].map((m) => Number(m[1])));
		t.true(codes.size > 250);
		const unanswered = [...codes].filter((code) => explain(String(code), knowledge).code === undefined);
		t.deepEqual(unanswered, []);
	});
} else {
	test.skip('explain answers for every seed code (../shared/seeds is absent)', () => {});
}

test('explain by code, AADSTS prefix and name agree, and list the rules for the code', (t) => {
	const byCode = explain('50126', knowledge);
	t.is(byCode.code?.name, 'InvalidUserNameOrPassword');
	t.is(explain('AADSTS50126', knowledge).code?.code, 50126);
	t.is(explain('invaliduSernameorpassword', knowledge).code?.code, 50126);
	t.true(byCode.causes.some((c) => c.id === 'wrong-credentials'));
	t.is(byCode.code?.url, 'https://login.microsoftonline.com/error?code=50126');
});

test('explain an OAuth error and search by words', (t) => {
	t.truthy(explain('invalid_grant', knowledge).oauth?.clientAction);
	const words = explain('conditional access', knowledge);
	t.true(words.matches.some((m) => m.code === 53003));
});

test('the CLI: explain exits 2 when nothing is known; rules test and lint pass on the built-ins', (t) => {
	t.is(cli(['explain', 'zzzz-nothing-like-this']).status, 2);
	const found = cli(['explain', '--json', '50053']);
	t.is(found.status, 0);
	t.is(JSON.parse(found.stdout).code.code, 50053);
	const rulesTest = cli(['rules', 'test']);
	t.is(rulesTest.status, 0, rulesTest.stdout);
	t.regex(rulesTest.stdout, /\d+ passed, 0 failed/);
	t.is(cli(['rules', 'lint']).status, 0);
	const list = JSON.parse(cli(['rules', 'list', '--json']).stdout) as Array<{id: string}>;
	t.is(list.length, knowledge.rules.length);
});

test('lint flags two rules with the same evidence and a rule that can never fire', (t) => {
	const base = knowledge.rules[0];
	const twin = {...base, id: 'twin-of-first', file: 'twin.yaml'};
	const never = {...base, id: 'never-fires', file: 'never.yaml', match: [{outcome: 'success'}]};
	const engine = new (knowledge.engine.constructor as typeof import('../src/classify/engine.js').RulesEngine)(
		[...knowledge.rules, twin, never],
		knowledge.catalog,
	);
	const findings = lintRules(engine);
	t.true(findings.some((f) => f.rule === 'twin-of-first' && /same evidence/.test(f.problem)));
	t.true(findings.some((f) => f.rule === 'never-fires' && /can never fire/.test(f.problem)));
});
