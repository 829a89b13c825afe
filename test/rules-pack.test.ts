/**
 * The rules pack (dist/rules-pack.json, written by npm run build) is a cache, never a
 * second source of truth: rules and catalog loaded through it equal those parsed from the
 * YAML, and a file whose text changed is parsed from its text.
 */

import {spawnSync} from 'node:child_process';
import test from 'ava';
import {loadCatalog} from '../src/classify/catalog.js';
import {builtinRulesDir, loadRules} from '../src/classify/load-rules.js';
import {fromPack, readPack, sha1} from '../src/classify/rules-pack.js';
import {projectRoot} from './helpers.js';

test('loaded through the pack or parsed from YAML: the same rules and catalog', (t) => {
	const pack = readPack();
	t.true(Object.keys(pack).length > 90, 'npm test builds first, and the build writes the pack');
	const packed = {rules: loadRules([builtinRulesDir]), catalog: loadCatalog(builtinRulesDir)};
	process.env.AADLOG_NO_RULES_PACK = '1';
	try {
		const parsed = {rules: loadRules([builtinRulesDir]), catalog: loadCatalog(builtinRulesDir)};
		t.deepEqual(packed.rules, parsed.rules);
		t.deepEqual([...packed.catalog.codes.entries()], [...parsed.catalog.codes.entries()]);
		t.deepEqual([...packed.catalog.oauth.entries()], [...parsed.catalog.oauth.entries()]);
		t.true(packed.catalog.idx.size > 20);
		t.deepEqual([...packed.catalog.idx.entries()], [...parsed.catalog.idx.entries()]);
	} finally {
		delete process.env.AADLOG_NO_RULES_PACK;
	}
});

test('a file whose text changed is parsed from its text, not taken from the pack', (t) => {
	const pack = {'x.yaml': {sha1: sha1('id: old\n'), data: {id: 'old'}}};
	let parsed = 0;
	const parse = (source: string): unknown => {
		parsed++;
		return {id: source.trim().slice(4)};
	};
	t.deepEqual(fromPack(pack, '/r', '/r/x.yaml', 'id: old\n', parse), {id: 'old'});
	t.is(parsed, 0);
	t.deepEqual(fromPack(pack, '/r', '/r/x.yaml', 'id: new\n', parse), {id: 'new'});
	t.is(parsed, 1);
	t.deepEqual(fromPack(pack, '/r', '/r/y.yaml', 'id: y\n', parse), {id: 'y'}, 'a file the pack does not know');
});

test('the CLI works without the pack too', (t) => {
	const run = spawnSync(process.execPath, [`${projectRoot}/bin/aadlog`, 'rules', 'lint'], {
		encoding: 'utf8',
		env: {...process.env, AADLOG_NO_RULES_PACK: '1'},
	});
	t.is(run.status, 0, run.stderr);
	t.regex(run.stdout, /rules checked: 0 errors/);
});
