/**
 * The HTML report's layout, read from the generated markup: colors that keep their meaning,
 * tables that fit a phone, chart labels that do not overlap, part-days that are not read as
 * a drop, and titles for every new cause.
 */
import test from 'ava';
import type {CauseRow, ReportData} from '../src/report/report-data.js';
import {renderHtml} from '../src/report/report-html.js';

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
		expectedSteps: [],
		doToday: [],
		news: {lastRun: {id: 2, startedAt: '2026-11-22T05:00:00.000Z', finishedAt: null, status: 'ok', stored: 5}, earlierRuns: 1, newCauses: [], jumped: []},
		timeline: {
			bucket: 'day',
			causes: causes.map((c) => c.cause),
			points: days.flatMap((at) => causes.map((c) => ({at, cause: c.cause, failures: 30_000}))),
		},
		topApps: [{app: 'Expenses', failures: 40}],
		joins: {appFailures: 0, matched: 0, samples: []},
		rejects: {count: 0, samples: []},
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
