// Timing one command for the benchmarks (bench/run.js, bench/report.js): wall seconds, and
// peak RSS from /usr/bin/time when the machine has it.
import {spawnSync} from 'node:child_process';
import {closeSync, existsSync, openSync, readdirSync, readSync, statSync} from 'node:fs';
import path from 'node:path';

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** One run: seconds, peak RSS in MB (NaN without /usr/bin/time), stdout and stderr. Throws when the command fails. */
export function timedOnce(command, args, env = {}) {
	const hasTime = existsSync('/usr/bin/time');
	const start = performance.now();
	const r = hasTime
		? spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], {encoding: 'utf8', env: {...process.env, ...env}, maxBuffer: 1 << 28})
		: spawnSync(command, args, {encoding: 'utf8', env: {...process.env, ...env}, maxBuffer: 1 << 28});
	const seconds = (performance.now() - start) / 1000;
	if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${r.stderr}`);
	const rssKb = hasTime ? Number(r.stderr.trim().split('\n').at(-1)) : NaN;
	return {seconds, rssMb: rssKb / 1024, stdout: r.stdout, stderr: r.stderr};
}

/**
 * Reads the input (a file, or a folder's files) once and drops the bytes, just before a
 * timed run: every tool then reads it from the page cache. This machine reclaims page cache
 * eagerly, so without this a 1 GB run was sometimes timed reading from disk (a floor of
 * 26 s instead of 4.4 s).
 */
export function warm(input) {
	if (statSync(input).isDirectory()) {
		for (const name of readdirSync(input)) warm(path.join(input, name));
		return;
	}
	const fd = openSync(input, 'r');
	const buffer = Buffer.allocUnsafe(1 << 20);
	try {
		while (readSync(fd, buffer, 0, buffer.length, null) > 0);
	} finally {
		closeSync(fd);
	}
}

/**
 * Alternating runs: each round runs every contender once, in order, so a machine that slows
 * down for a minute slows all of them alike. Returns, per contender, the median run (its
 * stdout and stderr), every run's seconds, and the highest peak RSS of all its runs.
 */
export function alternate(contenders, rounds) {
	const all = contenders.map(() => []);
	for (let round = 0; round < rounds; round++) {
		contenders.forEach((c, k) => {
			c.before?.();
			if (c.input) warm(c.input);
			all[k].push(c.run());
		});
	}
	return all.map((runs) => {
		const seconds = runs.map((r) => r.seconds);
		const middle = runs.find((r) => r.seconds === median(seconds));
		return {...middle, all: seconds, rssMb: Math.max(...runs.map((r) => r.rssMb ?? NaN))};
	});
}
