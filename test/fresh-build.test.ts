/**
 * The guard that keeps tests off a stale dist/ (test/setup/fresh-build.js, run by ava.config.js):
 * its decision on small trees with set mtimes, its lock, and the project as this run sees it.
 */
import {spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, utimesSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {projectRoot, tempDir} from './helpers.js';
import {ensureFreshBuild, staleReason, withLock} from './setup/fresh-build.js';

const sourcesAt = 1_000;
const builtAt = 2_000;
const later = 3_000;

function put(root: string, file: string, seconds: number): void {
	const full = path.join(root, file);
	mkdirSync(path.dirname(full), {recursive: true});
	if (!existsSync(full)) writeFileSync(full, '');
	utimesSync(full, seconds, seconds);
}

/** A checkout built after its last edit: src, rules and build files older than dist/. */
function builtTree(): string {
	const root = tempDir('aadlog-fresh-build-');
	const sources = ['src/cli/main.ts', 'src/errors.ts', 'rules/token/expired.yaml', 'rules/catalog/aadsts.yaml', 'tsconfig.json', 'scripts/pack-rules.mjs'];
	for (const file of sources) put(root, file, sourcesAt);
	for (const folder of ['src', 'src/cli', 'rules', 'rules/token', 'rules/catalog']) utimesSync(path.join(root, folder), sourcesAt, sourcesAt);
	for (const file of ['dist/cli/main.js', 'dist/errors.js', 'dist/rules-pack.json']) put(root, file, builtAt);
	return root;
}

/** A build that writes every output now, as `npm run build` does. */
function touchOutputs(root: string): void {
	const now = Date.now() / 1000;
	for (const file of ['dist/cli/main.js', 'dist/errors.js', 'dist/extract/new-shape.js', 'dist/rules-pack.json']) put(root, file, now);
}

test('a tree built after its last edit is up to date, and ensureFreshBuild does not build', (t) => {
	const root = builtTree();
	t.is(staleReason(root), undefined);
	t.false(ensureFreshBuild(root, {build: () => t.fail('built a fresh tree'), log: () => {}}));
});

test('an edited source is newer than its output', (t) => {
	const root = builtTree();
	put(root, 'src/cli/main.ts', later);
	t.is(staleReason(root), `${path.join('src', 'cli', 'main.ts')} is newer than ${path.join('dist', 'cli', 'main.js')}`);
});

test('a new source has no output yet', (t) => {
	const root = builtTree();
	put(root, 'src/extract/new-shape.ts', sourcesAt);
	t.is(staleReason(root), `${path.join('dist', 'extract', 'new-shape.js')} is missing`);
});

test('type declarations are not build inputs', (t) => {
	const root = builtTree();
	put(root, 'src/types/vendor.d.ts', later);
	t.is(staleReason(root), undefined);
});

test('an edited, added or removed rule file, or an edited build file, is newer than the rules pack', (t) => {
	const edited = builtTree();
	put(edited, 'rules/token/expired.yaml', later);
	t.regex(staleReason(edited) ?? '', /expired\.yaml is newer than dist\/rules-pack\.json$/);

	// Adding or removing a file moves its folder's mtime.
	const added = builtTree();
	utimesSync(path.join(added, 'rules', 'catalog'), later, later);
	t.regex(staleReason(added) ?? '', /^rules\/catalog is newer than dist\/rules-pack\.json$/);

	const config = builtTree();
	put(config, 'tsconfig.json', later);
	t.is(staleReason(config), 'tsconfig.json is newer than dist/rules-pack.json');
});

test('a missing rules pack is stale', (t) => {
	const root = tempDir('aadlog-fresh-build-');
	put(root, 'src/errors.ts', sourcesAt);
	put(root, 'dist/errors.js', builtAt);
	t.is(staleReason(root), 'dist/rules-pack.json is missing');
});

test('a stale tree is rebuilt once, and says why', (t) => {
	const root = builtTree();
	put(root, 'src/extract/new-shape.ts', later);
	const builds: string[] = [];
	const logged: string[] = [];
	const build = (at: string): void => {
		builds.push(at);
		touchOutputs(at);
	};
	t.true(ensureFreshBuild(root, {build, log: (line) => logged.push(line)}));
	t.deepEqual(builds, [root]);
	t.regex(logged.join(''), /new-shape\.js is missing/);
	t.is(staleReason(root), undefined);
	t.false(ensureFreshBuild(root, {build: () => t.fail('built twice'), log: () => {}}));
});

test('a build that leaves dist/ stale is an error, not a silent pass', (t) => {
	const root = builtTree();
	put(root, 'src/errors.ts', later);
	t.throws(() => ensureFreshBuild(root, {build: () => {}, log: () => {}}), {message: /npm run build left dist\/ out of date: src\/errors\.ts is newer/});
});

test('the build lock waits for a running holder and takes over a dead one', (t) => {
	const lock = path.join(tempDir('aadlog-build-lock-'), 'build.lock');
	writeFileSync(lock, String(process.pid));
	t.throws(() => withLock(lock, () => t.fail('ran while the lock was held'), 300), {message: /waited 0.3 s for the build lock .* \(held by pid \d+\)/});

	const exited = spawnSync(process.execPath, ['-e', '']);
	writeFileSync(lock, String(exited.pid));
	t.is(
		withLock(lock, () => 'built'),
		'built',
	);
	t.false(existsSync(lock), 'the lock is released');
});

test('this test run sees the project built from its current sources', (t) => {
	// ava.config.js rebuilt dist/ if it was stale; a failure here means the guard did not run, or
	// a source was edited while the tests ran.
	t.is(staleReason(projectRoot), undefined);
});
