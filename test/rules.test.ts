import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {loadCatalog} from '../src/classify/catalog.js';
import {compileSelection} from '../src/classify/compile.js';
import {RulesEngine} from '../src/classify/engine.js';
import {builtinRulesDir, loadRules} from '../src/classify/load-rules.js';
import {exampleEvent, runExamples} from '../src/classify/rule-examples.js';
import {AadlogError} from '../src/errors.js';
import {tempDir} from './helpers.js';

const catalog = loadCatalog(builtinRulesDir);

function ruleDir(files: Record<string, string>): string {
	const dir = tempDir('aadlog-rules-');
	for (const [name, body] of Object.entries(files)) {
		mkdirSync(path.dirname(path.join(dir, name)), {recursive: true});
		writeFileSync(path.join(dir, name), body);
	}
	return dir;
}

const minimal = (id: string, extra = ''): string => `id: ${id}
title: A test rule
level: low
confidence: 0.5
who: user
fix: do something
match:
  codes.aadsts: 50126
${extra}`;

test('every built-in rule passes its own examples', (t) => {
	const engine = new RulesEngine(loadRules([builtinRulesDir]), catalog);
	const {checked, failures} = runExamples(engine);
	t.true(checked > 0);
	t.deepEqual(failures, []);
});

test('an invalid rule names its file and field', (t) => {
	const dir = ruleDir({'bad.yaml': minimal('bad').replace('confidence: 0.5', 'confidence: 7')});
	const error = t.throws(() => loadRules([dir]), {instanceOf: AadlogError});
	t.regex(error!.message, /bad\.yaml:4:13: field 'confidence' must be a number from 0 to 1/);
});

test('a misspelt field is caught at load time', (t) => {
	const dir = ruleDir({'typo.yaml': minimal('typo').replace('codes.aadsts', 'codes.aadst')});
	t.throws(() => loadRules([dir]), {message: /typo\.yaml:8:3: field 'match\.codes\.aadst' names no event field \(did you mean codes\.aadsts\?\)/});
});

test('a misspelt examples key is refused, with its line, not read as no examples', (t) => {
	const dir = ruleDir({'examples.yaml': minimal('examples', 'examples:\n  nomatch:\n    - {codes: {aadsts: [50053]}}\n')});
	t.throws(() => loadRules([dir]), {message: /examples\.yaml:10:3: field 'examples\.nomatch' is not a field here/});
});

test('an unknown modifier is caught at load time', (t) => {
	const dir = ruleDir({'mod.yaml': minimal('mod').replace('codes.aadsts:', 'codes.aadsts|near:')});
	t.throws(() => loadRules([dir]), {message: /unknown modifier/});
});

test('a user folder overrides a built-in rule by id and adds new ones', (t) => {
	const dir = ruleDir({
		'override.yaml': minimal('wrong-credentials').replace('A test rule', 'Overridden'),
		'nested/new.yaml': minimal('my-new-rule', 'unless:\n  who.upn|endswith: "@contoso.com"\n'),
	});
	const rules = loadRules([builtinRulesDir, dir]);
	t.is(rules.find((r) => r.id === 'wrong-credentials')?.title, 'Overridden');
	t.truthy(rules.find((r) => r.id === 'my-new-rule'));
});

test('causes are ranked by confidence and keep their evidence; unless excludes', (t) => {
	const dir = ruleDir({
		'a.yaml': minimal('strong').replace('confidence: 0.5', 'confidence: 0.9'),
		'b.yaml': minimal('weak', 'unless:\n  who.upn|endswith: "@contoso.com"\n').replace('confidence: 0.5', 'confidence: 0.2'),
	});
	const engine = new RulesEngine(loadRules([dir]), catalog);
	const event = exampleEvent({codes: {aadsts: [50126]}});
	const causes = engine.classify(event);
	t.deepEqual(
		causes.map((c) => c.rule.id),
		['strong', 'weak'],
	);
	t.deepEqual(causes[0].evidence, ['codes.aadsts=50126']);
	const contoso = exampleEvent({codes: {aadsts: [50126]}, who: {upn: 'a@contoso.com'}});
	t.deepEqual(
		engine.classify(contoso).map((c) => c.rule.id),
		['strong'],
	);
});

test('a failure no rule explains is unclassified, with its code as evidence', (t) => {
	const engine = new RulesEngine([], catalog);
	const causes = engine.classify(exampleEvent({codes: {aadsts: [9999999]}}));
	t.is(causes[0].rule.id, 'unclassified');
	t.deepEqual(causes[0].evidence, ['codes.aadsts=9999999']);
});

test('interrupt codes from the catalog turn a failure into an interrupt', (t) => {
	const engine = new RulesEngine([], catalog);
	const mfa = exampleEvent({codes: {aadsts: [50076]}});
	engine.classify(mfa);
	t.is(mfa.outcome, 'interrupt');
	const password = exampleEvent({codes: {aadsts: [50126]}});
	engine.classify(password);
	t.is(password.outcome, 'failure');
	const pending = exampleEvent({codes: {aadsts: [], oauthError: 'authorization_pending'}});
	engine.classify(pending);
	t.is(pending.outcome, 'interrupt');
});

test('modifiers: contains, re, gt, exists, and array fields match any element', (t) => {
	const dir = ruleDir({
		'm.yaml': `id: mods
title: t
level: low
confidence: 0.5
who: user
fix: f
match:
  - {signin.failureReason|contains: "on-behalf", codes.httpStatus|gt: 399}
  - {signin.caPolicies|re: "^Block legacy", token.alg|exists: true}
`,
	});
	const engine = new RulesEngine(loadRules([dir]), catalog);
	const fits = (e: unknown): boolean => engine.classify(exampleEvent(e)).some((c) => c.rule.id === 'mods');
	// app events (a sign-in has no HTTP status or token), enriched with a sign-in's context
	t.true(fits({kind: 'app', signin: {failureReason: 'The On-Behalf-Of flow failed'}, codes: {aadsts: [50000], httpStatus: 400}}));
	t.false(fits({kind: 'app', signin: {failureReason: 'The On-Behalf-Of flow failed'}, codes: {aadsts: [50000], httpStatus: 200}}));
	t.true(fits({kind: 'app', signin: {caPolicies: ['Require MFA:success', 'Block legacy auth:failure']}, token: {alg: 'HS256'}}));
	t.false(fits({kind: 'app', signin: {caPolicies: ['Block legacy auth:failure']}}));
	// a rule that needs app evidence is not even tried on a sign-in
	t.false(fits({kind: 'signin', signin: {failureReason: 'The On-Behalf-Of flow failed'}, codes: {aadsts: [50000], httpStatus: 400}}));
});

test('the token keys of one selection must hold for the same token', (t) => {
	const selection = compileSelection({'token.graphAudience': true, 'token.audienceMismatch': true});
	const view = (tokens: Array<Record<string, unknown>>) => {
		const event = exampleEvent({kind: 'app', outcome: 'failure'});
		event.tokens = tokens as unknown as NonNullable<typeof event.tokens>;
		return {event};
	};
	t.is(
		selection(
			view([
				{graphAudience: true, audienceMismatch: false},
				{graphAudience: false, audienceMismatch: true},
			]),
		),
		undefined,
		'split across two tokens: no',
	);
	t.deepEqual(selection(view([{graphAudience: false}, {graphAudience: true, audienceMismatch: true}])), [
		'token.graphAudience=true; token.audienceMismatch=true',
	]);
	// one token key alone still holds when any token has it
	t.truthy(compileSelection({'token.graphAudience': true})(view([{graphAudience: false}, {graphAudience: true}])));
});

test('a rule cannot hang a run or run code: regexes are linear-time, YAML tags are refused', (t) => {
	const safeRule = (pattern: string) =>
		`id: hostile\ntitle: t\nlevel: low\nconfidence: 0.99\nwho: user\nfix: f\nmatch:\n  - {kind: app, message|re: '${pattern}'}\nexamples: {match: [], no-match: []}\n`;
	// The classic catastrophic pattern: exponential on a backtracking engine, linear here.
	const rules = loadRules([builtinRulesDir, ruleDir({'hostile.yaml': safeRule('(a+)+$')})]);
	const engine = new RulesEngine(rules, loadCatalog(builtinRulesDir));
	const event = exampleEvent({kind: 'app', outcome: 'failure', message: `${'a'.repeat(50_000)}b`});
	const started = Date.now();
	const causes = engine.classify(event);
	t.true(Date.now() - started < 5_000, 'a backtracking engine would take longer than the age of the universe');
	t.false(causes.some((c) => c.rule.id === 'hostile'));
	t.true(
		engine.classify(exampleEvent({kind: 'app', outcome: 'failure', message: 'AAAA'})).some((c) => c.rule.id === 'hostile'),
		'still case-insensitive',
	);
	// What the linear engine cannot run is refused at load time, naming the file.
	t.throws(() => loadRules([builtinRulesDir, ruleDir({'backref.yaml': safeRule('(a)\\1')})]), {message: /backref\.yaml.*linear time/});
	const tagged = safeRule('x').replace('fix: f', 'fix: !!js/function "function () { process.exit(9) }"');
	t.throws(() => loadRules([builtinRulesDir, ruleDir({'tagged.yaml': tagged})]), {message: /tagged\.yaml[\s\S]*tags are not allowed/});
});

test('an example that disagrees with its rule is named by file, line and field', (t) => {
	const dir = ruleDir({'ex.yaml': minimal('ex', 'examples:\n  match:\n    - {codes: {aadsts: [50126]}}\n    - {codes: {aadsts: [1]}}\n')});
	const {failures} = runExamples(new RulesEngine(loadRules([dir]), catalog));
	t.deepEqual(failures, [
		{
			rule: 'ex',
			file: path.join(dir, 'ex.yaml'),
			line: 12,
			column: 7,
			field: 'examples.match[1]',
			kind: 'match',
			index: 1,
			problem: 'did not match (causes: unclassified)',
		},
	]);
});
