/**
 * Files aadlog does not read: a folder says what it skipped (how many, a few names, on
 * stderr and in --json), and a zip archive named on the command line is a usage error
 * that says to unzip it.
 */

import {copyFileSync, mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {cli, samplesDir, tempDir} from './helpers.js';

/** The first bytes of a zip archive: a local file header. */
const zipHead = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]);

test('a folder names the archives and images it skipped, on stderr and in --json', (t) => {
	const folder = path.join(tempDir(), 'export');
	mkdirSync(folder);
	copyFileSync(path.join(samplesDir, 'signin-array.json'), path.join(folder, 'signins.json'));
	writeFileSync(path.join(folder, 'week1.zip'), zipHead);
	writeFileSync(path.join(folder, 'week2.zip'), zipHead);
	writeFileSync(path.join(folder, 'screenshot.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
	writeFileSync(path.join(folder, 'README.md'), '# the export');
	const run = cli(['analyze', '--json', '--db', ':memory:', folder]);
	t.is(run.status, 0, run.stderr);
	t.true(run.stderr.includes(`skipped 3 files in ${folder}: 2 to unpack first (week1.zip, week2.zip), 1 not logs (screenshot.png)`), run.stderr);
	const json = JSON.parse(run.stdout);
	t.deepEqual(json.skippedFiles, [
		{
			folder,
			count: 3,
			reasons: [
				{reason: 'to unpack first', count: 2, examples: ['week1.zip', 'week2.zip']},
				{reason: 'not logs', count: 1, examples: ['screenshot.png']},
			],
		},
	]);
	t.true(json.records > 0, 'the logs beside them are read');
});

test('a zip named on the command line says to unzip it, with the usage exit code', (t) => {
	const dir = tempDir();
	const named = path.join(dir, 'signins.zip');
	writeFileSync(named, zipHead);
	const run = cli(['analyze', '--db', ':memory:', named]);
	t.is(run.status, 1);
	t.regex(run.stderr, /signins\.zip is a zip archive.*unzip it/);
	// Renamed, it is still known by its first bytes.
	const renamed = path.join(dir, 'signins.json');
	writeFileSync(renamed, zipHead);
	const again = cli(['analyze', '--db', ':memory:', renamed]);
	t.is(again.status, 1);
	t.regex(again.stderr, /signins\.json is a zip archive/);
	t.is(again.stdout, '');
});
