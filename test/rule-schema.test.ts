/**
 * rules/schema.json is the one description of rule and catalog files: the loader validates
 * against it, editors do too (the modeline of every shipped file), and every problem names
 * file:line:column, the field and what is wrong, from the library and from the CLI alike.
 */

import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import {Ajv} from 'ajv';
import test from 'ava';
import {parse} from 'yaml';
import {actors, categories, checkCatalog} from '../src/classify/catalog.js';
import {type FileProblem, FileProblemsError} from '../src/classify/file-problems.js';
import {builtinRulesDir, checkRules, loadRules, ruleFiles} from '../src/classify/load-rules.js';
import {levels} from '../src/classify/rule.js';
import {matchableFields, modifiers, schemaText, withRuleFields} from '../src/classify/rule-fields.js';
import {schemaFile} from '../src/classify/rule-schema.js';
import {sha1} from '../src/classify/rules-pack.js';
import {cli, projectRoot, tempDir} from './helpers.js';

// biome-ignore lint/suspicious/noExplicitAny: the schema is walked by path in the tests below; its shape is what they check
const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as {definitions: Record<string, any>};

const rule = `id: my-rule
title: A test rule
level: low
confidence: 0.5
who: user
fix: do something
match:
  - codes.aadsts: 50126
`;

/** The problems of one rule file with this text, from the loader. */
function problemsOf(text: string, name = 'r.yaml'): FileProblem[] {
	const dir = tempDir('aadlog-schema-');
	writeFileSync(path.join(dir, name), text);
	return checkRules([dir]).problems.map(({file, ...p}) => ({...p, file: path.basename(file)}));
}

const cases: Array<[what: string, text: string, expected: Omit<FileProblem, 'file'> & {file?: string}]> = [
	[
		'an unknown top-level key',
		`${rule}colour: blue\n`,
		{
			line: 9,
			column: 1,
			field: 'colour',
			problem:
				'is not a field here (allowed: $schema, id, title, level, confidence, who, fix, references, match, unless, examples, description, status, tags)',
		},
	],
	[
		'a misspelt key in examples',
		`${rule}examples:\n  nomatch: []\n`,
		{line: 10, column: 3, field: 'examples.nomatch', problem: 'is not a field here (allowed: match, no-match)'},
	],
	['a wrong type', rule.replace('confidence: 0.5', 'confidence: "high"'), {line: 4, column: 13, field: 'confidence', problem: 'must be a number'}],
	[
		'a number out of range',
		rule.replace('confidence: 0.5', 'confidence: 7'),
		{line: 4, column: 13, field: 'confidence', problem: 'must be a number from 0 to 1'},
	],
	['a missing required key', rule.replace('fix: do something\n', ''), {line: 1, column: 1, field: 'fix', problem: 'is required'}],
	[
		'a bad level',
		rule.replace('level: low', 'level: hgh'),
		{line: 3, column: 8, field: 'level', problem: 'must be one of info, low, medium, high, critical'},
	],
	['a bad who', rule.replace('who: user', 'who: users'), {line: 5, column: 6, field: 'who', problem: 'must be one of user, admin, developer, microsoft'}],
	[
		'a bad modifier',
		rule.replace('codes.aadsts:', 'codes.aadsts|near:'),
		{
			line: 8,
			column: 5,
			field: 'match[0].codes.aadsts|near',
			problem: 'has an unknown modifier (known: eq, contains, startswith, endswith, re, gt, gte, lt, lte, exists)',
		},
	],
	[
		'a value the modifier cannot compare',
		rule.replace('codes.aadsts: 50126', 'codes.aadsts|gt: "5"'),
		{line: 8, column: 22, field: 'match[0].codes.aadsts|gt', problem: 'must be a number or a list of them'},
	],
	[
		'an unknown field',
		rule.replace('codes.aadsts:', 'codes.aadst:'),
		{line: 8, column: 5, field: 'match[0].codes.aadst', problem: 'names no event field (did you mean codes.aadsts?)'},
	],
	[
		'a regex the linear engine refuses',
		rule.replace('codes.aadsts: 50126', "message|re: '(a)\\1'"),
		{
			line: 8,
			column: 17,
			field: 'match[0].message|re',
			problem:
				'is not a regular expression aadlog can run in linear time (no backreferences or lookaround): Invalid regular expression: /(a)\\1/l: Cannot be executed in linear time',
		},
	],
	['an empty selection', `${rule}  - {}\n`, {line: 9, column: 5, field: 'match[1]', problem: 'must test at least one field'}],
	[
		'bad YAML',
		`${rule}  - [\n`,
		{line: 10, column: 1, field: '', problem: 'not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'},
	],
];

for (const [what, text, expected] of cases) {
	test(`${what}: file:line:column, field and message`, (t) => {
		t.deepEqual(problemsOf(text), [{file: 'r.yaml', ...expected}]);
	});
}

test('every problem of a file at once, in the order of the text, each formatted file:line:column', (t) => {
	const dir = tempDir('aadlog-schema-');
	const file = path.join(dir, 'many.yaml');
	writeFileSync(file, rule.replace('level: low', 'level: hgh').replace('codes.aadsts:', 'codes.aadst:').replace('who: user', 'who: nobody'));
	const error = t.throws(() => loadRules([dir]), {instanceOf: FileProblemsError});
	t.deepEqual(error!.message.split('\n'), [
		`${file}:3:8: field 'level' must be one of info, low, medium, high, critical`,
		`${file}:5:6: field 'who' must be one of user, admin, developer, microsoft`,
		`${file}:8:5: field 'match[0].codes.aadst' names no event field (did you mean codes.aadsts?)`,
	]);
});

test('a JSON rule file gets lines too, and may name its $schema', (t) => {
	const json = JSON.stringify(
		{$schema: '../schema.json', id: 'j', title: 't', level: 'loud', confidence: 1, who: 'user', fix: 'f', match: {'codes.aadsts': 1}},
		null,
		2,
	);
	t.deepEqual(problemsOf(json, 'r.json'), [
		{file: 'r.json', line: 5, column: 12, field: 'level', problem: 'must be one of info, low, medium, high, critical'},
	]);
	t.deepEqual(problemsOf(json.replace('loud', 'low'), 'r.json'), []);
	t.deepEqual(problemsOf('{\n  "id": "j",\n}', 'r.json'), [
		{file: 'r.json', line: 3, column: 1, field: '', problem: 'not valid JSON: Expected double-quoted property name in JSON at position 15'},
	]);
});

test('every shipped rule and catalog file names rules/schema.json by relative path and validates against it as an editor would', (t) => {
	// Not strict: an editor's validator is not; the loader's strict compile is the build's.
	const validate = new Ajv({allErrors: true, strict: false}).compile(schema);
	const catalogDir = path.join(builtinRulesDir, 'catalog');
	const files = [...ruleFiles(builtinRulesDir), ...['aadsts.yaml', 'oauth-errors.yaml', 'idx.yaml'].map((f) => path.join(catalogDir, f))];
	t.true(files.length > 90);
	for (const file of files) {
		const text = readFileSync(file, 'utf8');
		const modeline = /^# yaml-language-server: \$schema=(\S+)\n/.exec(text);
		t.truthy(modeline, `${file} starts with the modeline`);
		t.is(path.resolve(path.dirname(file), modeline![1]), schemaFile, file);
		t.true(validate(parse(text)), `${file}: ${JSON.stringify(validate.errors)}`);
	}
	// and the editor flags what the loader refuses, in a rule file and in a catalog file
	t.false(validate(parse(rule.replace('codes.aadsts:', 'codes.aadst:'))));
	t.false(validate(parse('- code: 1\n  name: N\n  summary: S\n  category: transient\n  who: nobody\n')));
});

test("the schema's enums are the code's types, and each modifier has one value type", (t) => {
	const defs = schema.definitions;
	t.deepEqual(defs.rule.properties.level.enum, [...levels]);
	t.deepEqual(defs.who.enum, [...actors]);
	t.deepEqual(defs.aadstsEntry.properties.category.enum, [...categories]);
	const valueTypes = Object.keys(defs.selection.patternProperties).map((key) => new RegExp(key));
	for (const modifier of ['', ...modifiers.map((m) => `|${m}`)]) {
		t.is(valueTypes.filter((pattern) => pattern.test(`codes.aadsts${modifier}`)).length, 1, `codes.aadsts${modifier}`);
	}
});

test('the committed rules/schema.json has the fields and modifiers of the code (node scripts/schema-fields.mjs writes them)', (t) => {
	const text = readFileSync(schemaFile, 'utf8');
	t.is(text, schemaText(withRuleFields(JSON.parse(text))));
	const keys = new RegExp(schema.definitions.selection.propertyNames.pattern);
	t.true(keys.test('codes.aadsts|contains'));
	t.false(keys.test('codes.aadst'));
	t.false(keys.test('codes.aadsts|near'));
	t.deepEqual(Object.keys(schema.definitions.selection.properties), [...matchableFields]);
});

test('a --rules folder gets the same errors from the CLI; lint --json lists them all and exits 3', (t) => {
	const dir = tempDir('aadlog-schema-');
	const file = path.join(dir, 'bad.yaml');
	writeFileSync(file, `${rule.replace('level: low', 'level: hgh')}colour: blue\n`);
	const expected = [`${file}:3:8: field 'level' must be one of info, low, medium, high, critical`, `${file}:9:1: field 'colour' is not a field here`];
	const list = cli(['rules', 'list', '--rules', dir]);
	t.is(list.status, 3, list.stderr);
	for (const line of expected) t.true(list.stderr.includes(line), list.stderr);
	const lint = cli(['rules', 'lint', '--json', '--rules', dir]);
	t.is(lint.status, 3, lint.stderr);
	const findings = JSON.parse(lint.stdout) as Array<Record<string, unknown>>;
	t.deepEqual(
		findings.filter((f) => f.file === file).map(({line, column, field, severity}) => ({line, column, field, severity})),
		[
			{line: 3, column: 8, field: 'level', severity: 'error'},
			{line: 9, column: 1, field: 'colour', severity: 'error'},
		],
	);
	const text = cli(['rules', 'lint', '--rules', dir]);
	t.is(text.status, 3);
	for (const line of expected) t.true(text.stdout.includes(`error ${line}`), text.stdout);
	t.regex(text.stdout, /1 invalid file\(s\): 2 errors/);
});

test('a catalog entry that breaks the schema or repeats a code is named by file, line and field', (t) => {
	const dir = tempDir('aadlog-schema-');
	mkdirSync(path.join(dir, 'catalog'));
	const entry = (code: number, who = 'user') => `- code: ${code}\n  name: N\n  summary: S\n  category: transient\n  who: ${who}\n`;
	writeFileSync(path.join(dir, 'catalog', 'aadsts.yaml'), entry(1) + entry(2, 'nobody'));
	const file = path.join(dir, 'catalog', 'aadsts.yaml');
	t.deepEqual(checkCatalog(dir).problems, [{file, line: 10, column: 8, field: '[1].who', problem: 'must be one of user, admin, developer, microsoft'}]);
	writeFileSync(file, entry(1) + entry(1));
	t.deepEqual(checkCatalog(dir).problems, [{file, line: 6, column: 9, field: '[1].code', problem: 'repeats 1 of entry 1'}]);
});

test("the build's compiled validators are the schema's: the same findings as ajv compiling rules/schema.json", (t) => {
	const compiled = createRequire(import.meta.url)(path.join(projectRoot, 'dist', 'schema-validators.cjs')) as {schemaSha1: string};
	t.is(compiled.schemaSha1, sha1(readFileSync(schemaFile, 'utf8')), 'npm test builds first, from this schema');
	const dir = tempDir('aadlog-schema-');
	writeFileSync(
		path.join(dir, 'bad.yaml'),
		`${rule.replace('who: user', 'who: 7').replace('codes.aadsts:', 'codes.aadsts|gt: [x]\n    x|re:')}colour: blue\n`,
	);
	const built = cli(['rules', 'lint', '--json', '--rules', dir]);
	const here = cli(['rules', 'lint', '--json', '--rules', dir], {env: {AADLOG_NO_RULES_PACK: '1'}});
	t.is(built.status, 3);
	t.true((JSON.parse(built.stdout) as unknown[]).length >= 4, built.stdout);
	t.deepEqual(JSON.parse(built.stdout), JSON.parse(here.stdout));
});
