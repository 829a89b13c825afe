/**
 * A Graph page with `@odata.nextLink` is one page of several: aadlog says the rest is
 * missing (stderr, naming the file and how to fetch it) and counts such pages in --json.
 */

import {writeFileSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {readSource} from '../src/read/read-source.js';
import {defaultReadLimits} from '../src/read/record.js';
import {cli, memoryInput, samplesDir, tempDir} from './helpers.js';

const signin = {id: 'a', createdDateTime: '2026-11-19T11:06:40Z', status: {errorCode: 0}};
const link = 'https://graph.microsoft.com/v1.0/auditLogs/signIns?$skiptoken=x';

async function missingPagesOf(text: string): Promise<number | undefined> {
	const source = readSource(memoryInput('page', text), {limits: defaultReadLimits});
	for await (const _batch of source.batches);
	return source.finish(false).missingPages;
}

test('a JSON page counts its nextLink, before or after the value array', async (t) => {
	t.is(await missingPagesOf(JSON.stringify({'@odata.context': 'c', value: [signin], '@odata.nextLink': link})), 1);
	t.is(await missingPagesOf(JSON.stringify({'@odata.context': 'c', '@odata.nextLink': link, value: [signin]})), 1);
	t.is(await missingPagesOf(JSON.stringify({'@odata.context': 'c', value: [signin]})), undefined);
});

test('JSON Lines of pages count each page with a nextLink', async (t) => {
	const page = JSON.stringify({value: [signin], '@odata.nextLink': link});
	const last = JSON.stringify({value: [signin]});
	t.is(await missingPagesOf(`${page}\n${page}\n${last}\n`), 2);
});

test('analyze warns on stderr and counts missingPages in --json', (t) => {
	const sample = path.join(samplesDir, 'signin-graph-page.json');
	const result = cli(['analyze', '--db', ':memory:', '--json', sample]);
	t.is(result.status, 0, result.stderr);
	t.is(JSON.parse(result.stdout).missingPages, 1);
	t.regex(result.stderr, /@odata\.nextLink in .*signin-graph-page\.json/);
	t.regex(result.stderr, /missing/);
	t.regex(result.stderr, /following each @odata\.nextLink/);
	const whole = path.join(tempDir(), 'whole.json');
	writeFileSync(whole, JSON.stringify({value: [signin]}));
	const complete = cli(['analyze', '--db', ':memory:', '--json', whole]);
	t.is(JSON.parse(complete.stdout).missingPages, 0);
	t.notRegex(complete.stderr, /nextLink/);
});
