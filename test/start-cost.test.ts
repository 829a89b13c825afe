import {writeFileSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {cli, samplesDir, tempDir} from './helpers.js';

/**
 * What a run loads before it reads a byte is paid by every `aadlog analyze`: the yaml
 * package (about 40 ms) is loaded only where YAML is parsed (user rule folders, a rule
 * file's error positions), not for the packed built-in rules.
 */
function packagesLoaded(args: string[]): {status: number | null; yaml: boolean; stdout: string} {
	const dir = tempDir();
	const probe = path.join(dir, 'probe.cjs');
	// CommonJS packages (yaml is one), whether imported or required, land in require.cache.
	writeFileSync(
		probe,
		`process.on('exit', () => { const hit = Object.keys(require.cache).some((k) => k.includes('/node_modules/yaml/')); process.stderr.write('yaml:' + hit + '\\n'); });`,
	);
	const [command, ...rest] = args;
	const result = cli([command, '--db', path.join(dir, 'x.db'), ...rest], {env: {NODE_OPTIONS: `--require ${probe}`}});
	return {status: result.status, yaml: /yaml:true/.test(result.stderr), stdout: result.stdout};
}

test('analyze with the built-in rules does not load the YAML parser', (t) => {
	const {status, yaml} = packagesLoaded(['analyze', '-q', path.join(samplesDir, 'signin-graph-page.json')]);
	t.is(status, 0);
	t.false(yaml);
});

test('a user rule folder still loads it, and its rules apply', (t) => {
	const rules = tempDir();
	writeFileSync(
		path.join(rules, 'local.yaml'),
		'id: local-test-rule\ntitle: A local rule\nlevel: low\nconfidence: 0.99\nwho: admin\nfix: Check the password.\nmatch:\n  codes.aadsts: 50126\n',
	);
	const {status, yaml, stdout} = packagesLoaded(['analyze', '-q', '--json', '--rules', rules, path.join(samplesDir, 'signin-graph-page.json')]);
	t.is(status, 0);
	t.true(yaml);
	const causes = (JSON.parse(stdout) as {causes: {cause: string}[]}).causes.map((c) => c.cause);
	t.true(causes.includes('local-test-rule'), causes.join(', '));
});
