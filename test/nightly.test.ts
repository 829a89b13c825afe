/**
 * Nightly runs over a growing export folder: a second run over the same files changes
 * nothing, a run after records were appended adds exactly those (read from where the last
 * run stopped, line numbers continuing), a rewritten file is read again without counting
 * anything twice, and a line still being written is read once it is complete.
 */

import {appendFileSync, copyFileSync, mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {gzipSync} from 'node:zlib';
import test from 'ava';
import Database from 'better-sqlite3';
import {loadKnowledge} from '../src/classify/knowledge.js';
import {analyze} from '../src/pipeline.js';
import {resolveInputs} from '../src/read/inputs.js';
import {defaultReadLimits} from '../src/read/record.js';
import {samplesDir, tempDir} from './helpers.js';

const knowledge = loadKnowledge();
const run = async (db: string, folder: string) => analyze({inputs: await resolveInputs([folder]), db, knowledge, limits: defaultReadLimits, version: 'test'});
const count = (db: string, sql: string): unknown => {
	const d = new Database(db, {readonly: true});
	try {
		return d.prepare(sql).pluck().get();
	} finally {
		d.close();
	}
};
const signin = (n: number, code = 50126): string =>
	JSON.stringify({
		id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
		createdDateTime: `2026-11-22T0${n % 10}:00:00Z`,
		userPrincipalName: `u${n}@contoso.com`,
		status: {errorCode: code},
	}) + '\n';

function folder(): {dir: string; db: string} {
	const root = tempDir();
	const dir = path.join(root, 'exports');
	mkdirSync(dir);
	for (const f of ['signin-graph-beta.jsonl', 'story-expenses-app.log', 'signin-array.json', 'diagnostic-signinlogs.jsonl'])
		copyFileSync(path.join(samplesDir, f), path.join(dir, f));
	return {dir, db: path.join(root, 'nightly.db')};
}

test('the same folder twice: the second run reads nothing and stores nothing', async (t) => {
	const {dir, db} = folder();
	const first = await run(db, dir);
	t.is(first.stored, 11 + 8 + 8 + 12, 'beta 11, app log 8 events (9 records, 2 of them one incident), array 8, diagnostic 12');
	const events = count(db, 'SELECT count(*) FROM events');
	const second = await run(db, dir);
	t.is(second.stored, 0);
	t.is(second.summary.records, 0);
	t.deepEqual(second.nightly.skipped.map((p) => path.basename(p)).sort(), [
		'diagnostic-signinlogs.jsonl',
		'signin-array.json',
		'signin-graph-beta.jsonl',
		'story-expenses-app.log',
	]);
	t.is(count(db, 'SELECT count(*) FROM events'), events);
	t.is(count(db, 'SELECT skipped FROM runs ORDER BY id DESC LIMIT 1'), 4);
	t.is(count(db, 'SELECT bytes FROM runs ORDER BY id DESC LIMIT 1'), 0);
});

test('appended records are read from where the last run stopped, and only they are added', async (t) => {
	const {dir, db} = folder();
	await run(db, dir);
	await run(db, dir);
	const before = count(db, 'SELECT count(*) FROM events') as number;
	appendFileSync(path.join(dir, 'signin-graph-beta.jsonl'), signin(1) + signin(2) + signin(3, 0));
	appendFileSync(
		path.join(dir, 'story-expenses-app.log'),
		'2026-11-22T01:00:00Z fail: Contoso.Api[1]\n      AADSTS50126: Error validating credentials due to invalid username or password.\n',
	);
	const third = await run(db, dir);
	t.is(third.stored, 4, 'three sign-ins and one app record');
	t.is(third.duplicates, 0, 'nothing before the append was read again');
	t.deepEqual(third.nightly.resumed.map((r) => path.basename(r.path)).sort(), ['signin-graph-beta.jsonl', 'story-expenses-app.log']);
	t.is(count(db, 'SELECT count(*) FROM events'), before + 4);
	// line numbers continue from the first read: the beta file had 11 lines
	t.deepEqual(
		new Database(db, {readonly: true})
			.prepare("SELECT e.line FROM events e JOIN sources s ON s.id = e.source_id WHERE s.path LIKE '%beta.jsonl' AND e.run_id = 3 ORDER BY e.line")
			.pluck()
			.all(),
		[12, 13, 14],
	);
	const fourth = await run(db, dir);
	t.is(fourth.stored, 0);
	t.is(fourth.nightly.skipped.length, 4);
});

test('a rewritten file is read again; what was stored before is not counted twice', async (t) => {
	const {dir, db} = folder();
	await run(db, dir);
	const file = path.join(dir, 'signin-graph-beta.jsonl');
	writeFileSync(file, signin(7) + signin(8)); // shorter: a different file under the same name
	const again = await run(db, dir);
	t.is(again.stored, 2);
	t.deepEqual(again.nightly.resumed, []);
	// the same bytes again, plus one record changed in place: read whole, the unchanged one is a duplicate
	writeFileSync(file, signin(7) + signin(9));
	const third = await run(db, dir);
	t.is(third.stored, 1);
	t.is(third.duplicates, 1);
});

test('a line still being written is read again once it is complete; gzip files are read whole', async (t) => {
	const {dir, db} = folder();
	const file = path.join(dir, 'growing.jsonl');
	const partial = signin(5);
	writeFileSync(file, signin(4) + partial.slice(0, 40));
	const first = await run(db, dir);
	t.is(first.summary.rejected, 1, 'the cut line is kept as a reject, not lost');
	appendFileSync(file, partial.slice(40));
	const second = await run(db, dir);
	t.is(second.stored, 1, 'the completed line is a record now');
	t.is(count(db, "SELECT count(*) FROM events WHERE user_principal_name = 'u5@contoso.com'"), 1);

	const gz = path.join(dir, 'more.jsonl.gz');
	writeFileSync(gz, gzipSync(signin(10)));
	await run(db, dir);
	writeFileSync(gz, gzipSync(signin(10) + signin(11)));
	const grown = await run(db, dir);
	t.is(grown.stored, 1);
	t.is(grown.duplicates, 1, 'a gzip stream cannot be resumed mid-file: read whole, counted once');
});

test('review findings: a broken line read every night is kept once; UTF-16 files are read whole; the same line in two files is two records', async (t) => {
	const {dir, db} = folder();
	const partial = path.join(dir, 'partial.jsonl');
	writeFileSync(partial, signin(30) + signin(31).slice(0, 30));
	for (let i = 0; i < 3; i++) await run(db, dir);
	t.is(count(db, "SELECT count(*) FROM rejects r JOIN sources s ON s.id = r.source_id WHERE s.path LIKE '%partial.jsonl'"), 1);

	const utf16 = path.join(dir, 'ps.log');
	const encode = (text: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
	writeFileSync(utf16, encode('2026-11-20T08:00:00Z fail: AADSTS50126: bad password\n'));
	await run(db, dir);
	writeFileSync(utf16, encode('2026-11-20T08:00:00Z fail: AADSTS50126: bad password\n2026-11-20T08:01:00Z fail: AADSTS50053: locked\n'));
	const grown = await run(db, dir);
	t.false(
		grown.nightly.resumed.some((r) => r.path.endsWith('ps.log')),
		'never resumed mid-way',
	);
	t.is(count(db, "SELECT count(*) FROM events e JOIN sources s ON s.id = e.source_id WHERE s.path LIKE '%ps.log' AND e.error_code = 50053"), 1);

	const line = '2026-11-20T09:00:00Z fail: AADSTS50126: Error validating credentials\n';
	writeFileSync(path.join(dir, 'web-01.log'), line);
	writeFileSync(path.join(dir, 'web-02.log'), line);
	const two = await run(db, dir);
	t.is(two.stored, 2, 'two servers logged the same line: two records');
});
