/**
 * Small rough edges a new user meets first: where usage and notes go (stdout is for the
 * result only) and a terminal that would otherwise look hung.
 */

import {spawn} from 'node:child_process';
import path from 'node:path';
import test from 'ava';
import {cli, projectRoot} from './helpers.js';

test('bare aadlog prints its usage on stderr, nothing on stdout, exit 1', (t) => {
	const result = cli([]);
	t.is(result.status, 1);
	t.is(result.stdout, '');
	t.regex(result.stderr, /Usage: aadlog <command>/);
	const help = cli(['--help']);
	t.is(help.status, 0);
	t.regex(help.stdout, /Usage: aadlog <command>/, '--help asked for it: stdout');
});

test('rules list prints only the list on stdout; the count goes to stderr', (t) => {
	const result = cli(['rules', 'list']);
	t.is(result.status, 0, result.stderr);
	const lines = result.stdout.trimEnd().split('\n');
	t.true(lines.length > 50);
	for (const line of lines) t.regex(line, /^[a-z0-9][a-z0-9-]*\s+(user|admin|developer|app-owner|\S+)\s+\d\.\d\d\s/, line);
	t.regex(result.stderr, /\d+ rules, \d+ catalogued AADSTS codes/);
});

/** Runs analyze with a pseudo-terminal on stdin (python's pty), ends the input with Ctrl-D, and returns stderr. */
function analyzeOnTerminal(): Promise<{code: number | null; stderr: string}> {
	const script = [
		'import os, pty, subprocess, sys, time',
		'm, s = pty.openpty()',
		"p = subprocess.Popen([sys.argv[1], sys.argv[2], 'analyze', '--db', ':memory:'], stdin=s, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)",
		'time.sleep(1.5)',
		"os.write(m, b'\\x04')",
		'out, err = p.communicate(timeout=20)',
		'sys.stderr.write(err.decode())',
		'sys.exit(p.returncode)',
	].join('\n');
	return new Promise((resolve) => {
		const child = spawn('python3', ['-c', script, process.execPath, path.join(projectRoot, 'bin', 'aadlog')], {env: {...process.env, NO_COLOR: '1'}});
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
		});
		child.on('close', (code) => resolve({code, stderr}));
	});
}

test('analyze with no input on a terminal says it waits for standard input and how to end it', async (t) => {
	const {code, stderr} = await analyzeOnTerminal();
	t.is(code, 0, stderr);
	t.regex(stderr, /standard input/);
	t.regex(stderr, /Ctrl-D/);
	const piped = cli(['analyze', '--db', ':memory:'], {input: ''});
	t.notRegex(piped.stderr, /standard input/, 'a pipe is not a terminal: nothing to say');
});
