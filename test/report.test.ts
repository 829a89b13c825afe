/**
 * `aadlog report` (text, Markdown, JSON): numbers equal what SQL over the database says,
 * the window and its trend, what is new since the last run, and user names only on request.
 */

import {writeFileSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import Database from 'better-sqlite3';
import {timeWindow} from '../src/cli/time-window.js';
import {cli, graphSignin, samplesDir, tempDir} from './helpers.js';

const signin = (n: number, code: number, time: string, upn = `user${n}@contoso.com`): string => graphSignin(n, code, time, {userPrincipalName: upn});

test('the JSON report says what SQL over the database says', (t) => {
	const db = path.join(tempDir(), 'r.db');
	t.is(cli(['analyze', '--db', db, samplesDir]).status, 0);
	const report = JSON.parse(cli(['report', '--db', db, '--format', 'json']).stdout);
	const sql = new Database(db, {readonly: true});
	const one = (q: string): unknown => sql.prepare(q).pluck().get();
	t.is(report.totals.events, one('SELECT count(*) FROM events'));
	t.is(report.totals.failure, one("SELECT count(*) FROM events WHERE outcome = 'failure'"));
	t.is(report.totals.interrupt, one("SELECT count(*) FROM events WHERE outcome = 'interrupt'"));
	t.is(report.totals.signins, one("SELECT count(*) FROM events WHERE kind = 'signin'"));
	const byCause = sql.prepare('SELECT c.cause, count(*) AS n FROM events e JOIN causes c ON c.id = e.cause_id GROUP BY c.cause').all() as Array<{
		cause: string;
		n: number;
	}>;
	for (const c of report.causes) t.is(c.events, byCause.find((b) => b.cause === c.cause)?.n, c.cause);
	t.is(report.joins.appFailures, one("SELECT count(*) FROM events WHERE kind = 'app' AND outcome IN ('failure', 'interrupt')"));
	t.is(
		report.joins.matched,
		one("SELECT count(DISTINCT app_event_id) FROM correlations co JOIN events a ON a.id = co.app_event_id WHERE a.outcome IN ('failure', 'interrupt')"),
	);
	t.true(
		report.causes.every((c: {userNames?: string[]}) => c.userNames === undefined),
		'no user names unless --names',
	);
	t.true(report.joins.samples.every((j: {user: string | null}) => j.user === null));
	sql.close();
	const named = JSON.parse(cli(['report', '--db', db, '--format', 'json', '--names']).stdout);
	t.true(named.causes[0].userNames.length > 0);
});

test('a window with its trend; what is new since the last run', (t) => {
	const dir = tempDir();
	const db = path.join(dir, 'r.db');
	const day1 = path.join(dir, 'day1.jsonl');
	const day2 = path.join(dir, 'day2.jsonl');
	writeFileSync(
		day1,
		[signin(1, 50126, '2026-11-20T08:00:00Z'), signin(2, 50126, '2026-11-20T09:00:00Z'), signin(3, 0, '2026-11-20T10:00:00Z')].join('\n') + '\n',
	);
	t.is(cli(['analyze', '--db', db, day1]).status, 0);
	// the next night: more wrong passwords, a new cause, and many more of the old one
	writeFileSync(
		day2,
		[signin(4, 53003, '2026-11-21T08:00:00Z'), ...Array.from({length: 8}, (_, i) => signin(10 + i, 50126, `2026-11-21T09:0${i}:00Z`))].join('\n') + '\n',
	);
	t.is(cli(['analyze', '--db', db, day2]).status, 0);
	const report = JSON.parse(cli(['report', '--db', db, '--format', 'json', '--since', '2026-11-21T00:00:00Z', '--until', '2026-11-22T00:00:00Z']).stdout);
	t.deepEqual(report.window, {since: '2026-11-21T00:00:00.000Z', until: '2026-11-22T00:00:00.000Z'});
	t.deepEqual(report.previousWindow, {since: '2026-11-20T00:00:00.000Z', until: '2026-11-21T00:00:00.000Z'});
	t.is(report.totals.failure, 9);
	t.deepEqual(report.previousTotals, {events: 3, failure: 2, interrupt: 0});
	t.is(report.causes.find((c: {cause: string}) => c.cause === 'wrong-credentials').previous, 2);
	t.deepEqual(report.news.newCauses, ['conditional-access-block']);
	t.deepEqual(report.news.jumped, [{cause: 'wrong-credentials', lastRun: 8, before: 2}]);
	const text = cli(['report', '--db', db, '--since', '2026-11-21T00:00:00Z', '--until', '2026-11-22T00:00:00Z']).stdout;
	t.regex(text, /failure 9 \(\+7 vs previous period\)/);
	t.regex(text, /new cause: conditional-access-block/);
	t.regex(text, /jumped: wrong-credentials: 8 in the last run, 2 in all runs before/);
	const md = cli(['report', '--db', db, '--format', 'md']).stdout;
	t.regex(md, /^# aadlog report: all events/);
	t.regex(md, /\| 12 \| 12 \| 0 \| 1 \| 11 \| 0 \| 0 \| 12 \| 1 \|/, '2 + 9 failures, 12 users, one app');
});

test('log values cannot become Markdown markup; --out writes a file; bad windows are usage errors', (t) => {
	const dir = tempDir();
	const db = path.join(dir, 'r.db');
	const file = path.join(dir, 'x.jsonl');
	writeFileSync(
		file,
		JSON.stringify({
			id: '30000000-0000-4000-8000-000000000001',
			createdDateTime: '2026-11-20T08:00:00Z',
			appDisplayName: '[click](https://evil.example) | <b>x</b>',
			appId: 'a',
			status: {errorCode: 50126},
		}) + '\n',
	);
	t.is(cli(['analyze', '--db', db, file]).status, 0);
	const out = path.join(dir, 'report.md');
	const run = cli(['report', '--db', db, '--format', 'md', '--out', out]);
	t.is(run.status, 0);
	t.is(run.stdout, '');
	const md = cli(['report', '--db', db, '--format', 'md']).stdout;
	t.true(md.includes('\\[click\\](https://evil.example) \\| \\<b\\>x\\</b\\>'));
	t.is(cli(['report', '--db', db, '--since', 'yesterday']).status, 1);
	t.is(cli(['report', '--db', db, '--since', '2026-11-22T00:00Z', '--until', '2026-11-21T00:00Z']).status, 1);
	t.is(cli(['report', '--db', db, '--format', 'pdf']).status, 1);
});

test('--since 24h and 7d count back from now; --since alone ends now', (t) => {
	const now = new Date('2026-11-22T06:00:00Z');
	t.deepEqual(timeWindow({since: '24h'}, now), {since: '2026-11-21T06:00:00.000Z', until: '2026-11-22T06:00:00.000Z'});
	t.deepEqual(timeWindow({since: '7d', until: '1d'}, now), {since: '2026-11-15T06:00:00.000Z', until: '2026-11-21T06:00:00.000Z'});
	t.deepEqual(timeWindow({}, now), {since: null, until: null});
});
