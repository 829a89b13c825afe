/**
 * The named queries admins ask for (by IP and location, users stuck in MFA prompts,
 * legacy-auth clients), over a small database whose answers are known, and their
 * --since/--until window.
 */

import {writeFileSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {cli, graphSignin, tempDir} from './helpers.js';

let n = 0;
const signin = (upn: string, code: number, time: string, extra: Record<string, unknown> = {}): string =>
	graphSignin(++n, code, time, {userPrincipalName: upn, ...extra});

const dir = tempDir();
const db = path.join(dir, 'admin.db');
test.before(() => {
	const lines = [
		// stuck: two MFA prompts, no success after them
		signin('stuck@contoso.com', 50076, '2026-11-20T08:00:00Z'),
		signin('stuck@contoso.com', 50076, '2026-11-20T08:05:00Z'),
		// gets through: two prompts, then a success
		signin('fine@contoso.com', 50076, '2026-11-20T09:00:00Z'),
		signin('fine@contoso.com', 50076, '2026-11-20T09:01:00Z'),
		signin('fine@contoso.com', 0, '2026-11-20T09:02:00Z'),
		// one prompt is no loop
		signin('once@contoso.com', 50076, '2026-11-20T10:00:00Z'),
		// password spraying from one address, and a legacy client
		signin('a@contoso.com', 50126, '2026-11-21T07:00:00Z', {ipAddress: '192.0.2.45', location: {city: 'Lagos', countryOrRegion: 'NG'}}),
		signin('b@contoso.com', 50126, '2026-11-21T07:01:00Z', {ipAddress: '192.0.2.45', location: {city: 'Lagos', countryOrRegion: 'NG'}}),
		signin('c@contoso.com', 50126, '2026-11-19T07:02:00Z', {ipAddress: '198.51.100.7', clientAppUsed: 'IMAP4'}),
		signin('c@contoso.com', 50126, '2026-11-19T07:03:00Z', {ipAddress: '198.51.100.7', clientAppUsed: 'IMAP4'}),
	];
	const input = path.join(dir, 'signins.jsonl');
	writeFileSync(input, lines.join('\n') + '\n');
	const run = cli(['analyze', '--db', db, input]);
	if (run.status !== 0) throw new Error(run.stderr);
});

const rows = (...args: string[]): Array<Record<string, unknown>> => {
	const run = cli(['query', '--db', db, '--json', ...args]);
	if (run.status !== 0) throw new Error(run.stderr);
	return JSON.parse(run.stdout);
};

test('mfa-loops: repeated MFA prompts with no success after them, and only those', (t) => {
	const loops = rows('mfa-loops');
	t.deepEqual(
		loops.map((r) => [r.user_principal_name, r.interrupts]),
		[['stuck@contoso.com', 2]],
	);
});

test('by-ip: failures per address and location, most first, with distinct users', (t) => {
	const ips = rows('by-ip');
	t.is(ips[0].ip_address, '192.0.2.45');
	t.is(ips[0].failures, 2);
	t.is(ips[0].users, 2);
	t.regex(String(ips[0].location), /Lagos/);
	t.true(ips.some((r) => r.ip_address === '198.51.100.7' && r.users === 1));
});

test('legacy-auth: sign-ins by legacy clients per client and user', (t) => {
	t.deepEqual(
		rows('legacy-auth').map((r) => [r.client_app, r.user_principal_name, r.sign_ins]),
		[['IMAP4', 'c@contoso.com', 2]],
	);
});

test('--since/--until narrow the window queries; other named queries refuse them', (t) => {
	t.deepEqual(
		rows('by-ip', '--since', '2026-11-21T00:00:00Z').map((r) => r.ip_address),
		['192.0.2.45'],
	);
	t.deepEqual(rows('legacy-auth', '--until', '2026-11-19T07:02:30Z').length, 1);
	t.deepEqual(rows('legacy-auth', '--since', '2026-11-20T00:00:00Z', '--until', '2026-11-22T00:00:00Z'), []);
	const refused = cli(['query', '--db', db, 'top-causes', '--since', '7d']);
	t.is(refused.status, 1);
	t.regex(refused.stderr, /takes no --since\/--until/);
});
