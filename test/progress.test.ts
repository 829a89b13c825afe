/**
 * The progress line: its text, that it appears on a terminal (a pseudo-terminal made by
 * util-linux `script`), and that it never appears when stderr is piped or with --quiet.
 */

import {spawnSync} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {formatProgress, progressWanted} from '../src/cli/progress.js';
import {cli, projectRoot, tempDir} from './helpers.js';

test('the line: share, bytes, rates and ETA when the size is known; bytes and rates otherwise', (t) => {
	const known = formatProgress({bytes: 25e6, total: 100e6, records: 20_000, elapsedMs: 1000});
	t.is(known, 'aadlog ███░░░░░░░  25% 25.0/100 MB · 25.0 MB/s · 20,000 rec/s · ETA 0:03');
	t.true(known.length <= 80, 'fits an 80-column terminal');
	t.is(formatProgress({bytes: 2.5e9, records: 1_000_000, elapsedMs: 100_000}), 'aadlog 2.50 GB · 1,000,000 records · 25.0 MB/s · 10,000 rec/s');
	t.true(progressWanted(true, false));
	t.false(progressWanted(true, true), '--quiet');
	t.false(progressWanted(false, false), 'piped');
	t.false(progressWanted(undefined, false));
});

// A run long enough (well over a second, on a fast machine too) for the line to appear.
function bigInput(): string {
	const file = path.join(tempDir(), 'big.jsonl');
	const line = (i: number): string =>
		JSON.stringify({
			id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
			createdDateTime: '2026-11-20T08:00:00Z',
			userPrincipalName: `u${i % 50}@contoso.com`,
			appDisplayName: 'Contoso Expenses Web',
			status: {errorCode: i % 3 === 0 ? 50126 : 0, failureReason: 'x'.repeat(200)},
		});
	writeFileSync(file, Array.from({length: 200_000}, (_, i) => line(i)).join('\n') + '\n');
	return file;
}

const hasScript = spawnSync('script', ['--version']).status === 0;

(hasScript ? test : test.skip)('on a terminal the line is drawn and wiped; piped or --quiet it is not', (t) => {
	const file = bigInput();
	const bin = path.join(projectRoot, 'bin', 'aadlog');
	const onTty = (args: string): string =>
		spawnSync('script', ['-qec', `${process.execPath} ${bin} analyze --db :memory: ${args} ${file}`, '/dev/null'], {
			encoding: 'utf8',
			env: {...process.env, NO_COLOR: '1'},
		}).stdout;
	const drawn = onTty('');
	t.regex(drawn, /aadlog [█░]{10}\s+\d+% [\d.]+\/\d+(\.\d+)? MB · [\d.]+ MB\/s · [\d,]+ rec\/s · ETA \d+:\d\d/);
	t.true(drawn.includes('\r\x1b[K'), 'wiped before the summary');
	t.false(onTty('--quiet').includes('rec/s'));
	const piped = cli(['analyze', '--db', ':memory:', file]);
	t.is(piped.status, 0);
	t.is(piped.stderr, '');
});
