/**
 * The HTML report in a real browser: Debian's chromium renders the file headless and the
 * test reads back the DOM it built (--dump-dom) and a screenshot. The numbers shown must
 * equal the database's, queried here directly (not through gatherReport); values from the
 * logs that hold markup must stay text: no script runs, no element is injected, nothing is
 * fetched. Without /usr/bin/chromium the browser tests fail (.ci/run installs it);
 * AADLOG_SKIP_BROWSER=1 skips them on a machine without it.
 */

import {spawnSync} from 'node:child_process';
import {existsSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import test, {type ExecutionContext} from 'ava';
import Database from 'better-sqlite3';
import {type Knowledge, loadKnowledge} from '../src/classify/knowledge.js';
import {analyze} from '../src/pipeline.js';
import type {InputSpec} from '../src/read/inputs.js';
import {defaultReadLimits} from '../src/read/record.js';
import {gatherReport, type ReportData} from '../src/report/report-data.js';
import {renderHtml} from '../src/report/report-html.js';
import {openDatabase} from '../src/store/database.js';
import {memoryInput, samplesDir, tempDir} from './helpers.js';

// ---- hostile input: every value a report shows, and some it does not, holds markup ----

const payloads = {
	script: '<script>document.title="pwned"</script>',
	img: `"><img src=x onerror="document.title='pwned'">`,
	table: '</td></tr></table><h1>injected</h1>',
	js: "javascript:document.title='pwned'",
};
const hostileUsers = [`${payloads.script}@contoso.com`, `${payloads.img}@contoso.com`, `${payloads.table}@contoso.com`, `${payloads.js}//@contoso.com`];
const hostileApps = [`Expenses ${payloads.script}`, payloads.img, `${payloads.table} Portal`, payloads.js];
const hostileFile = `hostile-<img src=x onerror="document.title='pwned'">.jsonl`;
const guid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const codes = [50126, 53003, 50126, 53003, 50053, 0, 50074, 9999999];

function hostileSignins(): string {
	const lines = Array.from({length: 24}, (_, i) =>
		JSON.stringify({
			id: guid(i),
			createdDateTime: new Date(Date.parse('2026-11-21T06:00:00Z') + i * 20 * 60_000).toISOString(),
			userPrincipalName: hostileUsers[i % 4],
			userDisplayName: payloads.table,
			userId: guid(100 + (i % 4)),
			appId: guid(200 + ((i + 1) % 4)),
			appDisplayName: hostileApps[(i + 1) % 4],
			resourceDisplayName: `${payloads.img} ${payloads.js}`,
			correlationId: guid(300 + i),
			status: {errorCode: codes[i % codes.length], failureReason: `${payloads.script} ${payloads.table}`},
		}),
	);
	// one broken record, so the rejected-input section shows the (hostile) file name
	return [...lines.slice(0, 12), '{"id": "broken", "status": {"errorCode": 50126,}', ...lines.slice(12)].join('\n') + '\n';
}

/** An app failure naming sign-in 0 by its trace id: the joins table shows that sign-in's hostile user and app. */
const hostileAppLog = `2026-11-21T06:00:30.000Z fail: Contoso.Web.Login[0]
      AADSTS50126: Error validating credentials due to invalid username or password. ${payloads.script} Trace ID: ${guid(0)} Correlation ID: ${guid(300)} Timestamp: 2026-11-21 06:00:30Z
`;

/** A user rule overriding a built-in one: cause titles and fixes are user text too. */
function hostileRules(): string {
	const dir = tempDir('aadlog-rules-');
	const rule = {
		id: 'wrong-credentials',
		title: `Wrong password ${payloads.script}`,
		level: 'low',
		confidence: 0.9,
		who: 'user',
		fix: `Reset it. ${payloads.table} ${payloads.img}`,
		match: {'codes.aadsts': 50126},
		examples: {match: [{codes: {aadsts: [50126]}}], 'no-match': [{codes: {aadsts: [50053]}}]},
	};
	writeFileSync(path.join(dir, 'wrong-credentials.yaml'), JSON.stringify(rule, null, 1)); // JSON is YAML
	return dir;
}

// ---- building a report ----

async function buildReport(name: string, inputs: InputSpec[], knowledge: Knowledge): Promise<{db: string; html: string; file: string}> {
	const dir = tempDir('aadlog-report-html-');
	const db = path.join(dir, `${name}.db`);
	await analyze({inputs, db, knowledge, limits: defaultReadLimits, version: 'test'});
	const handle = openDatabase(db, {readonly: true});
	const html = renderHtml(gatherReport(handle, {window: {since: null, until: null}, version: 'test', db, names: true}));
	handle.close();
	const file = path.join(dir, `${name}.html`);
	writeFileSync(file, html);
	return {db, html, file};
}

const sampleInputs = (): InputSpec[] =>
	['story-signins.jsonl', 'story-expenses-app.log'].map((name) => memoryInput(name, readFileSync(path.join(samplesDir, name))));

// ---- the browser ----

const chromium = '/usr/bin/chromium';
const chromiumMissing = !existsSync(chromium);
const skipBrowser = chromiumMissing && process.env.AADLOG_SKIP_BROWSER === '1';
if (skipBrowser)
	console.warn(
		'report-html.test: SKIPPING the browser tests: /usr/bin/chromium is absent and AADLOG_SKIP_BROWSER=1 (apt-get install -y chromium to run them)',
	);
const browserTest = skipBrowser ? test.skip : test;

function haveChromium(t: ExecutionContext): boolean {
	if (chromiumMissing) t.fail('chromium not installed: run apt-get install -y chromium');
	return !chromiumMissing;
}

/** One headless chromium run with a fresh profile; throws with its stderr when it fails or times out. */
function chromiumRun(t: ExecutionContext, args: string[]): string {
	const profile = tempDir('aadlog-chromium-');
	const flags = [
		'--headless',
		'--no-sandbox',
		'--disable-gpu',
		'--disable-background-networking',
		'--no-first-run',
		'--disable-component-update',
		'--disable-sync',
		`--user-data-dir=${profile}`,
	];
	const started = performance.now();
	const run = spawnSync(chromium, [...flags, ...args], {encoding: 'utf8', timeout: 90_000, maxBuffer: 64 * 1024 * 1024});
	t.log(`chromium ${args[0]}: ${Math.round(performance.now() - started)} ms`);
	rmSync(profile, {recursive: true, force: true});
	if (run.error || run.status !== 0)
		throw new Error(
			`chromium ${args.join(' ')} failed (status ${run.status}, signal ${run.signal}): ${run.error?.message ?? ''}\n${run.stderr.slice(-3000)}`,
		);
	return run.stdout;
}

/** The DOM after load (and after any script that ran). */
function dumpDom(t: ExecutionContext, file: string): string {
	return chromiumRun(t, ['--dump-dom', pathToFileURL(file).href]);
}

/** Screenshots the page at 1280x2000 and checks a real picture came out: a PNG of that size, far larger than a blank page's (12 KB). */
function screenshot(t: ExecutionContext, file: string): string {
	const png = file.replace(/\.html$/, '.png');
	chromiumRun(t, [`--screenshot=${png}`, '--window-size=1280,2000', pathToFileURL(file).href]);
	t.true(existsSync(png), 'the screenshot was written');
	const bytes = readFileSync(png);
	t.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
	t.deepEqual([bytes.readUInt32BE(16), bytes.readUInt32BE(20)], [1280, 2000], 'IHDR width and height');
	t.true(bytes.length > 40_000, `a page with content, not a blank one (${bytes.length} bytes)`);
	return png;
}

// ---- reading serialized HTML (the browser's DOM dump, or the file itself) ----

type Token = {type: 'start'; name: string; attrs: Map<string, string>} | {type: 'end'; name: string} | {type: 'text'; text: string};

function decode(text: string): string {
	return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
		if (entity[0] === '#')
			return String.fromCodePoint(entity[1] === 'x' || entity[1] === 'X' ? Number.parseInt(entity.slice(2), 16) : Number(entity.slice(1)));
		return ({lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: '\u00A0'} as Record<string, string>)[entity.toLowerCase()] ?? whole;
	});
}

/**
 * Serialized HTML escapes every `<` of text and quotes every attribute value, so a `<`
 * always starts markup: elements in the output are exactly the elements in the document.
 */
function tokenize(markup: string): Token[] {
	const tokens: Token[] = [];
	const attribute = /\s*([^\s"'>/=]+)(?:="([^"]*)")?|\s*(\/?>)/y;
	let i = 0;
	while (i < markup.length) {
		const lt = markup.indexOf('<', i);
		const end = lt === -1 ? markup.length : lt;
		if (end > i) tokens.push({type: 'text', text: decode(markup.slice(i, end))});
		if (lt === -1) break;
		if (markup.startsWith('<!--', lt)) {
			i = markup.indexOf('-->', lt) + 3;
			continue;
		}
		if (markup[lt + 1] === '!') {
			i = markup.indexOf('>', lt) + 1;
			continue;
		}
		const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)/y;
		tag.lastIndex = lt;
		const m = tag.exec(markup);
		if (!m) throw new Error(`unescaped < in text at ${lt}: ${markup.slice(lt, lt + 80)}`);
		const name = m[2]!.toLowerCase();
		const attrs = new Map<string, string>();
		attribute.lastIndex = lt + m[0].length;
		for (;;) {
			const a = attribute.exec(markup);
			if (!a) throw new Error(`malformed tag at ${lt}: ${markup.slice(lt, lt + 120)}`);
			if (a[3]) break;
			attrs.set(a[1]!.toLowerCase(), decode(a[2] ?? ''));
		}
		i = attribute.lastIndex;
		tokens.push(m[1] ? {type: 'end', name} : {type: 'start', name, attrs});
		if (!m[1] && (name === 'style' || name === 'script')) {
			const close = markup.toLowerCase().indexOf(`</${name}`, i);
			tokens.push({type: 'text', text: markup.slice(i, close)});
			i = close;
		}
	}
	return tokens;
}

const starts = (tokens: Token[]): Array<Extract<Token, {type: 'start'}>> => tokens.filter((t): t is Extract<Token, {type: 'start'}> => t.type === 'start');

/** Text content of each element `name`, in order. */
function textsOf(tokens: Token[], name: string): string[] {
	const out: string[] = [];
	tokens.forEach((token, k) => {
		if (token.type !== 'start' || token.name !== name) return;
		let depth = 0;
		let text = '';
		for (const next of tokens.slice(k + 1)) {
			if (next.type === 'end' && next.name === name && depth-- === 0) break;
			if (next.type === 'start' && next.name === name) depth++;
			if (next.type === 'text') text += next.text;
		}
		out.push(text);
	});
	return out;
}

/** What a reader sees: text outside <style> and outside <title> (the tab title and SVG tooltips). */
function visibleText(tokens: Token[]): string {
	let hidden = 0;
	let text = '';
	for (const token of tokens) {
		if (token.type === 'start' && (token.name === 'title' || token.name === 'style')) hidden++;
		else if (token.type === 'end' && (token.name === 'title' || token.name === 'style')) hidden--;
		else if (token.type === 'text' && hidden === 0) text += token.text;
	}
	return text;
}

interface Shown {
	totals: Record<string, number>;
	causes: Record<string, Record<string, number>>;
	joins: Record<string, number>;
	rejects: number | undefined;
}

/** The numbers on elements with data-metric: totals, each cause row's, the joins', the rejects'. */
function shownNumbers(tokens: Token[]): Shown {
	const shown: Shown = {totals: {}, causes: {}, joins: {}, rejects: undefined};
	let section = '';
	let cause: string | null = null;
	tokens.forEach((token, k) => {
		if (token.type === 'end' && token.name === 'tr') cause = null;
		if (token.type !== 'start') return;
		if (token.name === 'section') section = token.attrs.get('id') ?? '';
		if (token.name === 'tr') cause = token.attrs.get('data-cause') ?? null;
		const metric = token.attrs.get('data-metric');
		const next = tokens[k + 1];
		if (!metric || next?.type !== 'text' || !/^[\d,]+$/.test(next.text.trim())) return;
		const value = Number(next.text.trim().replaceAll(',', ''));
		if (section === 'totals') shown.totals[metric] = value;
		else if (section === 'causes' && cause !== null) (shown.causes[cause] ??= {})[metric] = value;
		else if (section === 'joins') shown.joins[metric] = value;
		else if (section === 'rejects' && metric === 'rejects') shown.rejects = value;
	});
	return shown;
}

// ---- the same numbers, straight from the database ----

function fromDatabase(file: string): Shown {
	const db = new Database(file, {readonly: true});
	const count = (sql: string): number => db.prepare(sql).pluck().get() as number;
	const totals = {
		events: count('SELECT count(*) FROM events'),
		signins: count("SELECT count(*) FROM events WHERE kind = 'signin'"),
		app: count("SELECT count(*) FROM events WHERE kind = 'app'"),
		success: count("SELECT count(*) FROM events WHERE outcome = 'success'"),
		failure: count("SELECT count(*) FROM events WHERE outcome = 'failure'"),
		interrupt: count("SELECT count(*) FROM events WHERE outcome = 'interrupt'"),
		unknown: count("SELECT count(*) FROM events WHERE outcome = 'unknown'"),
		users: count('SELECT count(*) FROM (SELECT DISTINCT lower(user_principal_name) FROM events WHERE user_principal_name IS NOT NULL)'),
		apps: count('SELECT count(*) FROM (SELECT DISTINCT app_id FROM events WHERE app_id IS NOT NULL)'),
	};
	const rows = db
		.prepare(`SELECT c.cause, count(*) AS events, sum(e.outcome = 'failure') AS failures, sum(e.outcome = 'interrupt') AS interrupts,
			count(DISTINCT lower(e.user_principal_name)) AS users, count(DISTINCT e.app_id) AS apps
			FROM causes c JOIN events e ON e.cause_id = c.id GROUP BY c.cause HAVING failures > 0`) // interrupt-only causes are under expected steps
		.all() as Array<{cause: string} & Record<string, number>>;
	const joins = {
		'app-failures': count("SELECT count(*) FROM events WHERE kind = 'app' AND outcome IN ('failure', 'interrupt')"),
		joined: count(
			"SELECT count(DISTINCT co.app_event_id) FROM correlations co JOIN events a ON a.id = co.app_event_id WHERE a.outcome IN ('failure', 'interrupt')",
		),
	};
	const rejects = count('SELECT count(*) FROM rejects');
	db.close();
	return {totals, causes: Object.fromEntries(rows.map(({cause, ...metrics}) => [cause, metrics])), joins, rejects: rejects === 0 ? undefined : rejects};
}

/** Self-contained and script-free: no script element, no handler attribute, nothing to fetch, no link to follow. */
function assertInert(t: ExecutionContext, tokens: Token[], where: string): void {
	const elements = starts(tokens);
	t.deepEqual(
		elements
			.filter((e) => ['script', 'img', 'iframe', 'object', 'embed', 'link', 'base', 'form', 'a', 'image', 'use', 'foreignobject'].includes(e.name))
			.map((e) => e.name),
		[],
		`${where}: no element that runs, loads or links`,
	);
	const handlers = elements.flatMap((e) => [...e.attrs.keys()].filter((a) => a.startsWith('on')).map((a) => `${e.name}[${a}]`));
	t.deepEqual(handlers, [], `${where}: no event handler attribute`);
	const references = elements.flatMap((e) =>
		['src', 'href', 'xlink:href', 'action', 'formaction', 'poster', 'background']
			.filter((a) => e.attrs.has(a))
			.map((a) => `${e.name}[${a}=${e.attrs.get(a)}]`),
	);
	t.deepEqual(
		references.filter((r) => /=\s*(https?:|\/\/|javascript:)/i.test(r)),
		[],
		`${where}: no http(s) or javascript: reference`,
	);
	t.deepEqual(references, [], `${where}: no src or href at all`);
	const css = textsOf(tokens, 'style').join('\n');
	t.notRegex(css, /url\s*\(|@import/i, `${where}: the style sheet loads nothing`);
}

function assertNumbersMatch(t: ExecutionContext, dom: string, db: string): Shown {
	const shown = shownNumbers(tokenize(dom));
	const expected = fromDatabase(db);
	t.deepEqual(shown.totals, expected.totals, 'totals shown = the database');
	// The report lists the top 15 causes; both inputs here have fewer, so every cause must be shown.
	t.true(Object.keys(expected.causes).length <= 15);
	t.deepEqual(shown.causes, expected.causes, 'every cause row = the database');
	t.deepEqual(shown.joins, expected.joins, 'app failures and joins = the database');
	t.is(shown.rejects, expected.rejects, 'rejects = the database');
	return shown;
}

// ---- tests ----

browserTest("the samples render in chromium, and the numbers shown are the database's", async (t) => {
	if (!haveChromium(t)) return;
	const {db, html, file} = await buildReport('samples', sampleInputs(), loadKnowledge());
	t.log(`HTML: ${Buffer.byteLength(html)} bytes`);
	t.notRegex(html, /<script/i, 'no script tag in the file');
	const dom = dumpDom(t, file);
	const tokens = tokenize(dom);
	t.deepEqual(textsOf(tokens, 'title').slice(0, 1), ['aadlog report: all events']);
	assertInert(t, tokens, 'samples');
	const shown = assertNumbersMatch(t, dom, db);
	t.is(shown.totals.failure, 8, 'the story samples: 8 failures');
	t.deepEqual(shown.joins, {'app-failures': 6, joined: 4});
	const visible = visibleText(tokens);
	for (const heading of [
		'Totals',
		'What is new since the last run',
		'Failures over time',
		'Top root causes',
		'Apps with the most failures',
		'App failures joined to sign-ins',
	])
		t.true(textsOf(tokens, 'h2').includes(heading), heading);
	t.regex(visible, /Fix: The sign-in log shows device details/);
	t.regex(visible, /1e2d3c4b-5a69-4788-9a0b-c1d2e3f4a501/, 'a sample correlation id to paste into a support case');
	t.regex(visible, /lidia\.holloway@contoso\.com/, 'user names: asked for with names: true');
	t.is(starts(tokens).filter((e) => e.name === 'svg' && e.attrs.get('class') === 'chart').length, 3, 'three charts: over time, causes, apps');
	const png = screenshot(t, file);
	t.log(`screenshot: ${png}`);
});

browserTest('markup in user names, app names, file names and rule text stays text: no script runs, nothing is injected', async (t) => {
	if (!haveChromium(t)) return;
	const knowledge = loadKnowledge([hostileRules()]);
	const {db, html, file} = await buildReport(
		'hostile',
		[memoryInput(hostileFile, hostileSignins()), memoryInput('hostile-app.log', hostileAppLog)],
		knowledge,
	);
	t.notRegex(html, /<script|<img|<h1>injected/i, 'the file holds the payloads escaped only');

	// The file as written, and the same file without its Content-Security-Policy: escaping alone must hold.
	const withoutCsp = file.replace(/\.html$/, '-no-csp.html');
	writeFileSync(withoutCsp, html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, ''));
	t.not(readFileSync(withoutCsp, 'utf8'), html, 'the policy was removed');
	const doms: string[] = [];
	for (const [where, page] of [
		['with CSP', file],
		['without CSP', withoutCsp],
	] as const) {
		doms.push(dumpDom(t, page));
		const tokens = tokenize(doms.at(-1)!);
		t.deepEqual(textsOf(tokens, 'title').slice(0, 1), ['aadlog report: all events'], `${where}: the document title was not changed`);
		t.deepEqual(
			textsOf(tokens, 'h1').filter((text) => text.includes('injected')),
			[],
			`${where}: no injected h1 element`,
		);
		t.is(textsOf(tokens, 'h1').length, 1, `${where}: one h1, the report's own`);
		assertInert(t, tokens, where);
		const visible = visibleText(tokens);
		for (const value of [
			...hostileUsers,
			...hostileApps,
			`Wrong password ${payloads.script}`,
			`Reset it. ${payloads.table} ${payloads.img}`,
			hostileFile,
		]) {
			t.true(visible.includes(value), `${where}: shown as text: ${value}`);
		}
	}
	const dom = doms[0]!;
	const shown = assertNumbersMatch(t, dom, db);
	t.true(
		(shown.causes['wrong-credentials']?.failures ?? 0) > 0 && (shown.causes['conditional-access-block']?.failures ?? 0) > 0,
		'the hostile sign-ins made causes (50126, 53003)',
	);
	t.is(shown.joins.joined, 1, 'the app failure joined to its hostile sign-in is shown');
	t.is(shown.rejects, 1, 'the broken record is shown');
	// Chart labels and tooltips are escaped too: the app names appear in SVG <text>/<title>.
	const svgTexts = [...textsOf(tokenize(dom), 'text'), ...textsOf(tokenize(dom), 'title')].join('\n');
	t.true(svgTexts.includes(hostileApps[0]!), 'an app name with markup is a chart label');
	screenshot(t, file);
});

browserTest('control: the same browser check catches markup that is not escaped', (t) => {
	if (!haveChromium(t)) return;
	const file = path.join(tempDir('aadlog-report-html-'), 'unescaped.html');
	writeFileSync(
		file,
		`<!doctype html><html><head><title>report</title></head><body><table><tr><td>${payloads.table}${payloads.img}</td></tr></table></body></html>`,
	);
	const tokens = tokenize(dumpDom(t, file));
	t.deepEqual(textsOf(tokens, 'title'), ['pwned'], 'the onerror handler ran and the dump shows it');
	t.deepEqual(textsOf(tokens, 'h1'), ['injected']);
	t.true(starts(tokens).some((e) => e.name === 'img' && e.attrs.has('onerror')));
});

// ---- without a browser: the renderer on hand-made data ----

function reportData(text: string): ReportData {
	const cause = {
		cause: text,
		title: text,
		who: text,
		level: text,
		fix: text,
		events: 42,
		failures: 40,
		interrupts: 2,
		users: 3,
		apps: 2,
		firstSeen: text,
		lastSeen: null,
		sampleCorrelationIds: [text],
		topApps: [{app: text, events: 42}],
		userNames: [text],
		previous: 30,
	};
	return {
		generatedAt: '2026-11-22T06:00:00.000Z',
		undated: 0,
		version: text,
		db: text,
		window: {since: '2026-11-21T06:00:00.000Z', until: '2026-11-22T06:00:00.000Z'},
		previousWindow: {since: '2026-11-20T06:00:00.000Z', until: '2026-11-21T06:00:00.000Z'},
		totals: {events: 1234, signins: 1200, app: 34, success: 1100, failure: 42, interrupt: 80, unknown: 12, users: 300, apps: 12},
		previousTotals: {events: 1000, failure: 30, interrupt: 90},
		causes: [cause],
		expectedSteps: [{...cause, failures: 0}],
		doToday: [{cause: text, action: text, who: text, users: 2, apps: 1, firstSeen: text, policies: [{name: text, signins: 2}]}],
		news: {
			lastRun: {id: 7, startedAt: text, finishedAt: null, status: text, stored: 5},
			earlierRuns: 6,
			newCauses: [text],
			jumped: [{cause: text, lastRun: 40, before: 3}],
		},
		timeline: {
			bucket: 'hour',
			causes: [text],
			points: [
				{at: '2026-11-21T08', cause: text, failures: 30},
				{at: '2026-11-21T11', cause: text, failures: 10},
			],
		},
		topApps: [{app: text, failures: 40}],
		joins: {
			appFailures: 5,
			matched: 2,
			samples: [{appTime: text, appCause: text, signinCause: `${text}!`, via: text, correlationId: text, user: text, app: text}],
		},
		rejects: {count: 1, samples: [{file: text, line: 3, reason: text}]},
	};
}

test('every string field of the report data is escaped wherever it is shown', (t) => {
	const hostile = `${payloads.table}${payloads.img}${payloads.script}`;
	const html = renderHtml(reportData(hostile));
	t.notRegex(html, /<script|<img|<h1>injected/i);
	const tokens = tokenize(html);
	assertInert(t, tokens, 'hand-made data');
	t.deepEqual(textsOf(tokens, 'h1').length, 1);
	const visible = visibleText(tokens);
	t.true(visible.split(hostile).length - 1 >= 10, 'shown as text in many places');
	const attributes = starts(tokens).flatMap((e) => [...e.attrs.values()]);
	t.true(attributes.includes(hostile), 'and as attribute values (data-cause), quoted and escaped');
});

test('the trend against the previous window of the same length, and what is new', (t) => {
	const tokens = tokenize(renderHtml(reportData('wrong-credentials')));
	const visible = visibleText(tokens).replace(/\s+/g, ' ');
	t.regex(visible, /Failures\s*42\s*\+12 vs previous 24 h \(30\)/);
	t.regex(visible, /Interrupts\s*80\s*\u221210 vs previous 24 h \(90\)/);
	t.regex(visible, /Events\s*1,234\s*\+234 vs previous 24 h \(1,000\)/);
	t.regex(visible, /Causes never seen before/);
	t.regex(visible, /40 in the last run, 3 in all earlier runs together/);
	t.deepEqual(shownNumbers(tokens).causes, {'wrong-credentials': {events: 42, failures: 40, interrupts: 2, users: 3, apps: 2}});

	const quiet = reportData('wrong-credentials');
	quiet.news = {...quiet.news, newCauses: [], jumped: []};
	t.regex(visibleText(tokenize(renderHtml(quiet))), /Nothing new: the last run found no cause that earlier runs had not, and none that jumped/);
});
