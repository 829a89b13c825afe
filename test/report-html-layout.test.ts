/**
 * The HTML report's layout, read from the generated markup: colors that keep their meaning,
 * tables that fit a phone, chart labels that do not overlap, part-days that are not read as
 * a drop, and titles for every new cause.
 */
import path from 'node:path';
import test from 'ava';
import {loadKnowledge} from '../src/classify/knowledge.js';
import {analyze} from '../src/pipeline.js';
import {defaultReadLimits} from '../src/read/record.js';
import {type CauseRow, gatherReport, type ReportData} from '../src/report/report-data.js';
import {renderHtml} from '../src/report/report-html.js';
import {openDatabase} from '../src/store/database.js';
import {memoryInput, tempDir} from './helpers.js';

function causeRow(cause: string, failures: number): CauseRow {
	return {
		cause,
		title: `Title of ${cause}`,
		who: 'admin',
		level: 'medium',
		fix: `Fix ${cause}`,
		events: failures,
		failures,
		interrupts: 0,
		users: 2,
		apps: 1,
		firstSeen: '2026-11-19T08:00:00.000Z',
		lastSeen: '2026-11-21T09:00:00.000Z',
		sampleCorrelationIds: [],
		topApps: [],
		previous: null,
	};
}

/** Ten causes failing every day of a three-and-a-half-day window. */
function reportData(): ReportData {
	const causes = Array.from({length: 10}, (_, i) => causeRow(`cause-number-${i}`, 100 - i));
	const days = ['2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21'];
	return {
		generatedAt: '2026-11-22T06:00:00.000Z',
		undated: 0,
		version: 'test',
		db: 'test.db',
		window: {since: '2026-11-18T12:00:00.000Z', until: '2026-11-21T09:00:00.000Z'},
		previousWindow: null,
		totals: {events: 2000, signins: 2000, app: 0, success: 1000, failure: 955, interrupt: 30, unknown: 15, users: 300, apps: 12},
		previousTotals: null,
		causes,
		expectedSteps: [{...causeRow('mfa-required', 0), interrupts: 30}],
		doToday: [],
		news: {lastRun: {id: 2, startedAt: '2026-11-22T05:00:00.000Z', finishedAt: null, status: 'ok', stored: 5}, earlierRuns: 1, newCauses: [], jumped: []},
		timeline: {
			bucket: 'day',
			causes: causes.map((c) => c.cause),
			points: days.flatMap((at) => causes.map((c) => ({at, cause: c.cause, failures: 30_000}))),
		},
		topApps: [{app: 'Expenses', failures: 40}],
		joins: {
			appFailures: 3,
			matched: 1,
			samples: [
				{
					appTime: '2026-11-20T08:00:00.000Z',
					appCause: 'cause-number-0',
					signinCause: null,
					via: 'trace_id',
					correlationId: '00000000-0000-4000-8000-000000000001',
					user: 'someone@contoso.com',
					app: 'Expenses',
				},
			],
		},
		rejects: {count: 1, samples: [{file: 'broken.jsonl', line: 3, reason: 'not JSON'}]},
	};
}

function styleSheet(html: string): string {
	return /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
}

function fillOf(css: string, className: string): string | undefined {
	return new RegExp(`\\.${className}\\s*\\{\\s*fill:\\s*(#[0-9a-f]+)`, 'i').exec(css)?.[1]?.toLowerCase();
}

function classesOfRects(svg: string): string[] {
	return [...svg.matchAll(/<rect class="([^"]+)"/g)].map((m) => m[1]!);
}

function section(html: string, id: string): string {
	const start = html.indexOf(`<section id="${id}"`);
	return start === -1 ? '' : html.slice(start, html.indexOf('</section>', start));
}

test('causes in the chart over time are drawn in none of the outcome colors', (t) => {
	const html = renderHtml(reportData());
	const css = styleSheet(html);
	const outcomeBar = /<svg class="outcomes"[\s\S]*?<\/svg>/.exec(html)?.[0] ?? '';
	const outcomeFills = new Set(classesOfRects(outcomeBar).map((c) => fillOf(css, c)));
	t.is(outcomeFills.size, 4, 'success, failure, interrupt and unknown have a color each');
	const causeClasses = [...new Set(classesOfRects(section(html, 'timeline')).map((c) => c.split(' ')[0]!))];
	t.is(causeClasses.length, 10, 'ten causes, ten colors');
	for (const c of causeClasses) {
		const fill = fillOf(css, c);
		t.truthy(fill, `${c} has a fill`);
		t.false(outcomeFills.has(fill), `cause color ${c} (${fill}) is not an outcome color`);
	}
});

test('every table scrolls sideways in its own box on a narrow screen, and the page has a viewport', (t) => {
	const html = renderHtml(reportData());
	t.regex(html, /<meta name="viewport" content="width=device-width, initial-scale=1">/);
	const tables = [...html.matchAll(/<table\b/g)].map((m) => m.index);
	t.true(tables.length >= 4, 'causes, expected steps, joins and rejects');
	for (const at of tables) t.true(html.slice(0, at).endsWith('<div class="scroll">'), `table at ${at} is in a scroll box`);
	t.is([...html.matchAll(/<\/table><\/div>/g)].length, tables.length, 'each box closes after its table');
	t.regex(styleSheet(html), /\.scroll\s*\{[^}]*overflow-x:\s*auto/);
	t.regex(styleSheet(html), /@media screen and \(max-width: \d+px\)/, 'narrow screens get their own layout');
});

test('the y-axis title of the chart over time stands left of its widest tick label', (t) => {
	const chart = section(renderHtml(reportData()), 'timeline');
	const title = /<text class="axis-title" transform="translate\(([\d.]+) /.exec(chart);
	t.truthy(title, 'the axis title is drawn');
	const titleRight = Number(title![1]) + 4; // 12px glyphs rotated -90 degrees reach about 3px right of their baseline
	const ticks = [...chart.matchAll(/<text class="tick" x="([\d.-]+)" y="[\d.]+" text-anchor="end" dominant-baseline="central">([^<]+)<\/text>/g)];
	t.true(ticks.length >= 3);
	t.true(
		ticks.some((m) => m[2]!.length >= 7),
		'labels as wide as 300,000',
	);
	for (const [, x, label] of ticks) {
		// 12px digits and commas are at most 7.5px wide in the fonts the report names
		const left = Number(x) - label!.length * 7.5;
		t.true(left >= 0, `tick "${label}" stays inside the chart (${left})`);
		t.true(titleRight <= left, `tick "${label}" starts at ${left}, right of the axis title (${titleRight})`);
	}
});

test('part-days at the edges of the window are marked, whole days are not', (t) => {
	// The window runs from 2026-11-18 12:00 to 2026-11-21 09:00: half of the first day, 9 hours of the last.
	const chart = section(renderHtml(reportData()), 'timeline');
	const rects = [...chart.matchAll(/<rect class="([^"]+)"[^>]*><title>(\d{4}-\d{2}-\d{2})/g)].map((m) => ({classes: m[1]!.split(' '), day: m[2]!}));
	const partDays = [...new Set(rects.filter((r) => r.classes.includes('part')).map((r) => r.day))];
	t.deepEqual(partDays, ['2026-11-18', '2026-11-21']);
	t.true(
		rects.filter((r) => r.day === '2026-11-19' || r.day === '2026-11-20').every((r) => !r.classes.includes('part')),
		'whole days are drawn as usual',
	);
	t.is([...chart.matchAll(/<text class="part-label"[^>]*><title>([^<]+)<\/title>part day<\/text>/g)].length, 2, 'a "part day" label on each');
	t.regex(chart, /part day, 12:00 to 24:00 UTC/);
	t.regex(chart, /part day, 00:00 to 09:00 UTC/);
	t.regex(styleSheet(renderHtml(reportData())), /rect\.part\s*\{[^}]*stroke-dasharray/);

	// An open window ends at the report's time: today, still going, is a part-day too.
	const open = reportData();
	open.window = {since: null, until: null};
	open.generatedAt = '2026-11-21T15:30:00.000Z';
	const openChart = section(renderHtml(open), 'timeline');
	t.regex(openChart, /part day, 00:00 to 15:30 UTC/);
	t.notRegex(openChart, /2026-11-18 \(part day/, 'from the first event: the first day is taken as whole');
});

function signins(label: string, start: number, codes: number[]): ReturnType<typeof memoryInput> {
	const lines = codes.map((code, i) =>
		JSON.stringify({
			id: `00000000-0000-4000-8000-${String(start + i).padStart(12, '0')}`,
			createdDateTime: new Date(Date.parse('2026-11-21T06:00:00Z') + (start + i) * 60_000).toISOString(),
			userPrincipalName: `user${i % 3}@contoso.com`,
			appId: '00000000-0000-4000-8000-000000000200',
			appDisplayName: 'Expenses',
			correlationId: `00000000-0000-4000-8000-${String(1000 + start + i).padStart(12, '0')}`,
			status: {errorCode: code},
		}),
	);
	return memoryInput(label, `${lines.join('\n')}\n`);
}

test('every cause new since the last run is listed with its title, also beyond the top causes', async (t) => {
	const db = path.join(tempDir('aadlog-html-news-'), 'news.db');
	const knowledge = loadKnowledge();
	await analyze({inputs: [signins('first.jsonl', 0, [50126, 50126])], db, knowledge, limits: defaultReadLimits, version: 'test'});
	await analyze({
		inputs: [signins('second.jsonl', 100, [50126, 53003, 53003, 53003, 50053, 50053])],
		db,
		knowledge,
		limits: defaultReadLimits,
		version: 'test',
	});
	const handle = openDatabase(db, {readonly: true});
	const data = gatherReport(handle, {window: {since: null, until: null}, version: 'test', db, names: false, topCauses: 1});
	const titles = new Map(
		handle
			.prepare('SELECT cause, title FROM causes')
			.all()
			.map((r) => [(r as {cause: string}).cause, (r as {title: string}).title]),
	);
	handle.close();
	t.true(data.news.newCauses.length >= 2, `new causes: ${data.news.newCauses.join(', ')}`);
	const shown = new Set(data.causes.map((c) => c.cause));
	t.true(
		data.news.newCauses.some((c) => !shown.has(c)),
		'at least one new cause is beyond the top one shown',
	);
	const news = section(renderHtml(data), 'news');
	for (const cause of data.news.newCauses) {
		const item = new RegExp(`<li data-cause="${cause}"><span class="cause-id">${cause}</span> ([^<]*)</li>`).exec(news);
		t.truthy(item, `${cause} is listed`);
		t.truthy(titles.get(cause), `${cause} has a title in the database`);
		t.is(item?.[1], titles.get(cause), `${cause} shows its title`);
	}
});
