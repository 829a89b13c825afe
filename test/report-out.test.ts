/** `report --out` never writes over the database it reads, under any name for it; a bad --out is one clear line. */

import {linkSync, mkdirSync, readFileSync, symlinkSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {cli, samplesDir, tempDir} from './helpers.js';

function analyzedDb(): {dir: string; db: string} {
	const dir = tempDir();
	const db = path.join(dir, 'aadlog.db');
	const run = cli(['analyze', '--db', db, path.join(samplesDir, 'signin-graph-page.json')]);
	if (run.status !== 0) throw new Error(run.stderr);
	return {dir, db};
}

const sqliteMagic = 'SQLite format 3\0';

test('report --out refuses the database, its -wal and -shm, by any path that leads to them', (t) => {
	const {dir, db} = analyzedDb();
	mkdirSync(path.join(dir, 'x'));
	symlinkSync(db, path.join(dir, 'link.html'));
	linkSync(db, path.join(dir, 'hard.html'));
	const outs = [db, `${db}-wal`, `${db}-shm`, path.join(dir, 'x', '..', 'aadlog.db'), path.join(dir, 'link.html'), path.join(dir, 'hard.html')];
	for (const out of outs) {
		const result = cli(['report', '--db', db, '--format', 'html', '--out', out]);
		t.is(result.status, 1, `${out}: ${result.stderr}`);
		t.regex(result.stderr, /is the database .*choose another --out/, out);
		t.notRegex(result.stderr, /\n\s+at /, 'no stack trace');
	}
	t.is(readFileSync(db).subarray(0, 16).toString('latin1'), sqliteMagic, 'the database is still a database');
	t.is(cli(['query', '--db', db, 'select count(*) n from events']).status, 0);
});

test('report --out into a missing folder is one line naming the folder', (t) => {
	const {dir, db} = analyzedDb();
	const out = path.join(dir, 'no-such-folder', 'r.html');
	const result = cli(['report', '--db', db, '--format', 'html', '--out', out]);
	t.is(result.status, 1, result.stderr);
	t.regex(result.stderr, /no-such-folder.*does not exist/);
	t.notRegex(result.stderr, /internal error|\n\s+at /);
});
