// Timing one command for the benchmarks (bench/run.js, bench/report.js): wall seconds, and
// peak RSS from /usr/bin/time when the machine has it.
import {spawnSync} from 'node:child_process';
import {existsSync} from 'node:fs';

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
