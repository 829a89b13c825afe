// @ts-check
/**
 * Tests import src/ through tsx, but the CLI they spawn (bin/aadlog) runs dist/, and the rules
 * load through dist/rules-pack.json: with dist/ older than src/, a test would pass or fail on
 * yesterday's code. ava.config.js calls ensureFreshBuild() once per `ava` command, in AVA's main
 * process before any test file starts, so `npx ava test/one.test.ts` is as safe as `npm test`.
 *
 * Plain JavaScript: AVA's main process loads its config without tsx.
 */
import {spawnSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {closeSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';

/** Build inputs outside src/ and rules/: editing them changes what `npm run build` writes. */
const buildFiles = ['tsconfig.json', 'scripts/clean-dist.mjs', 'scripts/pack-rules.mjs'];
/** Written last by `npm run build` (scripts/pack-rules.mjs runs after tsc). */
const packFile = 'dist/rules-pack.json';

/** @param {string} file */
function mtimeOf(file) {
	try {
		return statSync(file).mtimeMs;
	} catch {
		return undefined;
	}
}

/** Paths under `dir`, relative to it, folders included (a folder's mtime moves when a file is added or removed). */
function entriesUnder(/** @type {string} */ dir) {
	try {
		return readdirSync(dir, {recursive: true, encoding: 'utf8'});
	} catch {
		return [];
	}
}

/**
 * Why dist/ under `root` is older than what it is built from, or undefined when it is up to date:
 * each src/**.ts against its dist/**.js, and rules/ and the build files against the rules pack.
 * @param {string} root
 * @returns {string | undefined}
 */
export function staleReason(root) {
	for (const entry of entriesUnder(path.join(root, 'src'))) {
		if (!entry.endsWith('.ts') || entry.endsWith('.d.ts')) continue;
		const source = path.join('src', entry);
		const output = path.join('dist', entry.replace(/\.ts$/, '.js'));
		const built = mtimeOf(path.join(root, output));
		if (built === undefined) return `${output} is missing`;
		const edited = mtimeOf(path.join(root, source));
		if (edited !== undefined && edited > built) return `${source} is newer than ${output}`;
	}
	const packed = mtimeOf(path.join(root, packFile));
	if (packed === undefined) return `${packFile} is missing`;
	const packInputs = ['rules', ...entriesUnder(path.join(root, 'rules')).map((entry) => path.join('rules', entry)), ...buildFiles];
	for (const input of packInputs) {
		const edited = mtimeOf(path.join(root, input));
		if (edited !== undefined && edited > packed) return `${input} is newer than ${packFile}`;
	}
	return undefined;
}

/** Blocks the thread: the config loader is synchronous here, and the wait is only for another build. */
function sleep(/** @type {number} */ ms) {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** @param {number} pid */
function isRunning(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
	}
}

/**
 * Runs `work` while holding a lock file: two `ava` commands in one checkout (two terminals, or an
 * editor's test runner) must not both run tsc into the same dist/. A lock left by a killed process
 * (its pid no longer runs) is taken over.
 * @template T
 * @param {string} lockFile
 * @param {() => T} work
 * @param {number} [timeoutMs]
 * @returns {T}
 */
export function withLock(lockFile, work, timeoutMs = 300_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		let fd;
		try {
			fd = openSync(lockFile, 'wx');
		} catch (error) {
			if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') throw error;
			const holder = lockHolder(lockFile);
			if (holder === undefined) continue;
			if (holder.abandoned) rmSync(lockFile, {force: true});
			else if (Date.now() > deadline) throw new Error(`waited ${timeoutMs / 1000} s for the build lock ${lockFile} (held by pid ${holder.pid})`);
			else sleep(100);
			continue;
		}
		try {
			writeSync(fd, String(process.pid));
			closeSync(fd);
			return work();
		} finally {
			rmSync(lockFile, {force: true});
		}
	}
}

/**
 * Who holds the lock, and whether it is abandoned: its pid no longer runs, or it has no pid after
 * a few seconds (a holder killed between creating the file and writing its pid). Undefined: it is gone.
 * @param {string} lockFile
 * @returns {{pid: number | undefined, abandoned: boolean} | undefined}
 */
function lockHolder(lockFile) {
	let text;
	let age;
	try {
		text = readFileSync(lockFile, 'utf8');
		age = Date.now() - statSync(lockFile).mtimeMs;
	} catch (error) {
		if (/** @type {NodeJS.ErrnoException} */ (error).code === 'ENOENT') return undefined;
		throw error;
	}
	const pid = /^\d+$/.test(text) ? Number(text) : undefined;
	return {pid, abandoned: pid === undefined ? age > 5000 : !isRunning(pid)};
}

/** One lock per checkout, outside it (git status stays clean, and each worktree builds on its own). */
function lockFileFor(/** @type {string} */ root) {
	return path.join(tmpdir(), `aadlog-build-${createHash('sha1').update(path.resolve(root)).digest('hex').slice(0, 12)}.lock`);
}

function npmRunBuild(/** @type {string} */ root) {
	// Under npm, npm_execpath is npm's own script: the same npm, whatever PATH holds.
	const npm = process.env.npm_execpath;
	const [command, args] = npm ? [process.execPath, [npm, 'run', 'build']] : ['npm', ['run', 'build']];
	// Build output to stderr: AVA's reporter owns stdout.
	const run = spawnSync(command, args, {cwd: root, stdio: ['ignore', 2, 2]});
	if (run.status !== 0) throw new Error(`npm run build failed (${run.error?.message ?? `exit ${run.status}`}): the tests would run a stale dist/`);
}

/**
 * Rebuilds dist/ when staleReason() finds it out of date; a no-op (a few hundred stats) when it is not.
 * @param {string} root
 * @param {{build?: (root: string) => void, log?: (line: string) => void}} [options]
 * @returns {boolean} whether it built
 */
export function ensureFreshBuild(root, {build = npmRunBuild, log = (line) => process.stderr.write(line)} = {}) {
	if (staleReason(root) === undefined) return false;
	return withLock(lockFileFor(root), () => {
		// Another `ava` may have built while this one waited for the lock.
		const reason = staleReason(root);
		if (reason === undefined) return false;
		log(`dist/ is out of date (${reason}): npm run build\n`);
		build(root);
		const after = staleReason(root);
		if (after !== undefined) throw new Error(`npm run build left dist/ out of date: ${after}`);
		return true;
	});
}
