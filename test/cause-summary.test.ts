/**
 * cause_summary, the view people query first, says each cause's level and lists causes as
 * the reports rank them: no interrupt-only or lower-level cause above a failing high one.
 */

import path from 'node:path';
import test from 'ava';
import Database from 'better-sqlite3';
import {cli, samplesDir, tempDir} from './helpers.js';

const rank: Record<string, number> = {critical: 0, high: 1, medium: 2, low: 3, info: 4};

test('cause_summary on the samples: level given, failing causes by level first, expected steps last', (t) => {
	const db = path.join(tempDir(), 'c.db');
	t.is(cli(['analyze', '--db', db, samplesDir]).status, 0);
	const rows = new Database(db, {readonly: true}).prepare('SELECT cause, level, failures FROM cause_summary').all() as Array<{
		cause: string;
		level: string;
		failures: number;
	}>;
	t.true(rows.length > 10);
	for (const r of rows) t.true(r.level in rank, `${r.cause}: level ${r.level}`);
	const firstExpected = rows.findIndex((r) => r.failures === 0);
	t.true(firstExpected > 0);
	t.true(
		rows.slice(firstExpected).every((r) => r.failures === 0),
		'interrupt-only causes come after every failing cause',
	);
	const failing = rows.slice(0, firstExpected);
	for (let i = 1; i < failing.length; i++) t.true(rank[failing[i - 1].level] <= rank[failing[i].level], `${failing[i - 1].cause} before ${failing[i].cause}`);
	t.is(failing[0].level, 'high');
	t.true(rows.findIndex((r) => r.cause === 'client-secret-expired') < rows.findIndex((r) => r.cause === 'mfa-required'));
});
