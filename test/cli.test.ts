import {spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import Database from 'better-sqlite3';
import {cli, projectRoot, samplesDir, storedRecordsSql, tempDir} from './helpers.js';

const sample = (name: string): string => path.join(samplesDir, name);
const goldenDir = path.join(projectRoot, 'test', 'golden');

test('reads standard input by default and with -', (t) => {
	const input = readFileSync(sample('signin-graph-beta.jsonl'));
	const plain = cli(['analyze', '--json', '--db', ':memory:'], {input});
	const dash = cli(['analyze', '--json', '--db', ':memory:', '-'], {input});
	t.is(plain.status, 0, plain.stderr);
	const a = JSON.parse(plain.stdout);
	t.deepEqual(JSON.parse(dash.stdout).outcomes, a.outcomes);
	t.is(a.records, readFileSync(sample('signin-graph-beta.jsonl'), 'utf8').trim().split('\n').length);
});

test('the --json object has the documented fields', (t) => {
	const result = cli(['analyze', '--json', '--db', ':memory:', sample('signin-graph-page.json')]);
	const out = JSON.parse(result.stdout);
	for (const key of ['records', 'rejected', 'outcomes', 'codes', 'causes', 'distinct', 'db']) t.true(key in out, key);
	t.deepEqual(Object.keys(out.outcomes), ['success', 'failure', 'interrupt', 'unknown']);
	t.deepEqual(Object.keys(out.distinct), ['correlationIds', 'users', 'apps']);
	t.is(out.db, ':memory:');
	const sum = Object.values(out.outcomes as Record<string, number>).reduce((a, b) => a + b, 0);
	t.is(sum + out.rejected, out.records);
});

test('a directory is read recursively; the database answers the same totals', (t) => {
	const db = path.join(tempDir(), 'all.db');
	const result = cli(['analyze', '--json', '--db', db, samplesDir]);
	t.is(result.status, 0, result.stderr);
	const out = JSON.parse(result.stdout);
	const sql = new Database(db, {readonly: true});
	const stored = sql.prepare(storedRecordsSql).pluck().get() as number;
	const failures = sql.prepare("select count(*) from events where outcome = 'failure'").pluck().get();
	t.is(stored + out.rejected, out.records, 'every record read is in an event (one, or an incident) or a reject');
	t.is(failures, out.outcomes.failure);
	t.is(sql.prepare('select count(*) from sources').pluck().get(), readdirSync(samplesDir).filter((f) => !f.endsWith('.md')).length);
	sql.close();
});

test('usage errors exit 1 with a message; --help exits 0', (t) => {
	const missing = cli(['analyze', '--db', ':memory:', 'no-such-file.json']);
	t.is(missing.status, 1);
	t.regex(missing.stderr, /no-such-file\.json: no such file or directory/);
	t.is(cli(['analyze', '--format', 'xml']).status, 1);
	t.is(cli(['analyze', '--bogus']).status, 1);
	t.is(cli(['frobnicate']).status, 1);
	const help = cli(['analyze', '--help']);
	t.is(help.status, 0);
	t.regex(help.stdout, /Usage: aadlog analyze/);
});

test('rejected input exits 2 and names the file and line of the first bad record', (t) => {
	const dir = tempDir();
	const file = path.join(dir, 'broken.jsonl');
	writeFileSync(
		file,
		'{"status":{"errorCode":0},"createdDateTime":"2026-11-19T00:00:00Z"}\n{"status":\n{"status":{"errorCode":50126},"createdDateTime":"2026-11-19T00:00:00Z"}\n',
	);
	const result = cli(['analyze', '--json', '--db', ':memory:', file]);
	t.is(result.status, 2);
	t.regex(result.stderr, new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2: invalid JSON`));
	const out = JSON.parse(result.stdout);
	t.is(out.rejected, 1);
	t.is(out.outcomes.failure, 1, 'the records after the bad one are still read');
});

test('`aadlog analyze | head -1` exits quietly', (t) => {
	const bin = path.join(projectRoot, 'bin', 'aadlog');
	const result = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${bin}" analyze --db :memory: "${samplesDir}" | head -1`], {
		encoding: 'utf8',
		env: {...process.env, NO_COLOR: '1'},
	});
	t.is(result.status, 0, result.stderr);
	// The samples' Graph page links to a next page: that warning is expected, nothing else (no EPIPE).
	const lines = result.stderr.split('\n').filter((line) => line !== '' && !line.includes('@odata.nextLink in'));
	t.deepEqual(lines, []);
	t.regex(result.stdout, /^aadlog · \d+ records/);
});

test('no color codes when stdout is not a TTY', (t) => {
	const result = cli(['analyze', '--db', ':memory:', sample('signin-array.json')], {env: {NO_COLOR: ''}});
	t.false(result.stdout.includes('\u001b['));
});

// Golden tests: the terminal summary of every sample. UPDATE_GOLDEN=1 npm test rewrites them;
// review the diff before committing.
for (const file of readdirSync(samplesDir)
	.filter((f) => !f.endsWith('.md'))
	.sort()) {
	test(`golden summary: ${file}`, (t) => {
		const result = cli(['analyze', '--db', ':memory:', sample(file)]);
		t.true(result.status === 0 || result.status === 2, result.stderr);
		const golden = path.join(goldenDir, `${file}.txt`);
		if (process.env.UPDATE_GOLDEN === '1') {
			mkdirSync(goldenDir, {recursive: true});
			writeFileSync(golden, result.stdout);
			t.log(`wrote ${path.relative(projectRoot, golden)}`);
		}
		t.true(existsSync(golden), `no golden file: run UPDATE_GOLDEN=1 npm test`);
		t.is(result.stdout, readFileSync(golden, 'utf8'));
	});
}

test('every failure in the samples gets a specific cause, not unclassified', (t) => {
	const result = cli(['analyze', '--json', '--db', ':memory:', samplesDir]);
	const out = JSON.parse(result.stdout) as {causes: Array<{cause: string}>; outcomes: {failure: number}};
	t.true(out.outcomes.failure > 0);
	t.deepEqual(
		out.causes.filter((c) => c.cause === 'unclassified'),
		[],
	);
});
