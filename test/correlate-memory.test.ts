/**
 * App failures waiting for their sign-in are bounded by what they hold, not by their
 * message alone: tokens with large claims behind short messages must not exhaust a small heap.
 */

import {spawnSync} from 'node:child_process';
import path from 'node:path';
import test from 'ava';
import {estimatedBytes} from '../src/correlate/pending-size.js';
import {newEvent} from '../src/extract/event.js';
import {projectRoot} from './helpers.js';

test('2,000 app failures with 100 KB of token claims each (200 MB) wait within a 64 MB heap', (t) => {
	t.timeout(120_000);
	const script = path.join(projectRoot, 'test', 'memory', 'waiting-claims.ts');
	const run = spawnSync(process.execPath, ['--max-old-space-size=64', '--import=tsx', script, '2000', String(100 * 1024)], {
		cwd: projectRoot,
		encoding: 'utf8',
		timeout: 110_000,
	});
	t.is(run.status, 0, run.stderr.slice(-600));
	const [early, all] = run.stdout.trim().split(' ').map(Number);
	t.is(all, 2000, 'every event settled');
	t.true(early > 0, 'the oldest were settled before the end of the run, without their join');
});

test('the size of a waiting event counts its token claims and every string, not just the message', (t) => {
	const event = newEvent('app', {file: 'f', line: 1});
	event.message = 'short';
	const small = estimatedBytes(event);
	event.tokens = [{fingerprint: 'fp', hasNonce: false, issuerKind: 'other', claimsJson: 'x'.repeat(50_000)}];
	event.ids.traceId = 'y'.repeat(1000);
	t.true(estimatedBytes(event) - small >= 51_000);
});
