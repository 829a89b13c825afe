/**
 * The report's charts as inline SVG, drawn here (no chart library, no script): horizontal
 * bars (top causes, top apps) and stacked bars over time (failures per cause). Labels are
 * shortened to fit and carry their full text in a <title> tooltip; every text is escaped
 * by the `html` tag. Colors are CSS classes (see styles.ts), so print and screen agree: outcome
 * colors for outcomes, the cause palette for causes, never the one for the other.
 */
import {html, type SafeHtml} from './escape.js';
import {formatCount, truncate} from './format.js';
import {bucketCoverage, partLabel, type Span} from './part-buckets.js';

/** One colored series of a chart (a cause, or failures / interrupts). */
export interface Series {
	name: string;
	/** The CSS class that colors it: outcomeSwatch(...) or causeSwatch(...). */
	swatch: string;
}

/** The color of an outcome, the same in every chart and in the outcome bar. */
export function outcomeSwatch(outcome: 'success' | 'failure' | 'interrupt' | 'unknown'): string {
	return `outcome-${outcome}`;
}

/** Causes have a palette of their own, so a cause is never read as "success" or "failure". */
export function causeSwatch(index: number): string {
	return `cause-${index % 10}`;
}

/** Horizontal bars, one row per label, stacked over the series. */
export interface BarChart {
	/** What the chart shows, for screen readers and the tooltip of the whole chart. */
	title: string;
	series: Series[];
	rows: Array<{label: string; values: number[]}>;
}

const width = 960;
const font = 13;
/** A tick label's character at 12px, a digit or comma, rounded up: the widest label must fit left of the axis. */
const tickCharWidth = 8;
/** Tick labels end this far left of the axis. */
const tickGap = 8;
/** The rotated axis title's baseline; its 12px glyphs reach about 10px left of it and 3px right. */
const axisTitleX = 14;
/** From the chart's left edge to the right of the axis title, with room to breathe. */
const axisTitleWidth = axisTitleX + 3 + 8;
/** Average width of a character at 13px in a wide sans-serif (DejaVu Sans: letters about 7.5px, digits 8.3px): labels must not leave the chart. */
const charWidth = 8;

export function barChart(chart: BarChart): SafeHtml {
	const rowHeight = 28;
	const barHeight = 18;
	const longest = Math.max(...chart.rows.map((r) => [...r.label].length), 4);
	const labelWidth = Math.min(Math.max(longest * charWidth, 80), width * 0.4);
	const maxChars = Math.floor(labelWidth / charWidth);
	const valueSpace = 64;
	const plotLeft = labelWidth + 12;
	const labelRight = labelWidth + 4;
	const plotWidth = width - plotLeft - valueSpace;
	const max = Math.max(...chart.rows.map((r) => sum(r.values)), 1);
	const height = chart.rows.length * rowHeight + 8;
	const rows = chart.rows.map((row, i) => {
		const y = 4 + i * rowHeight;
		const barY = y + (rowHeight - barHeight) / 2;
		const total = sum(row.values);
		let x = plotLeft;
		const segments = row.values.map((value, s) => {
			if (value <= 0) return '';
			const w = Math.max((value / max) * plotWidth, 1.5);
			const rect = html`<rect class="${chart.series[s]?.swatch ?? causeSwatch(s)}" x="${fixed(x)}" y="${fixed(barY)}" width="${fixed(w)}" height="${barHeight}"><title>${row.label}: ${formatCount(value)} ${chart.series[s]?.name ?? ''}</title></rect>`;
			x += w;
			return rect;
		});
		return html`<g class="row">
<text class="label" x="${fixed(labelRight)}" y="${fixed(y + rowHeight / 2)}" text-anchor="end" dominant-baseline="central"><title>${row.label}</title>${truncate(row.label, maxChars)}</text>
${segments}
<text class="value" x="${fixed(x + 6)}" y="${fixed(y + rowHeight / 2)}" dominant-baseline="central">${formatCount(total)}</text>
</g>`;
	});
	return html`<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${chart.title}" font-size="${font}">
<title>${chart.title}</title>
<line class="axis" x1="${fixed(plotLeft)}" y1="0" x2="${fixed(plotLeft)}" y2="${height}"/>
${rows}
</svg>
${chart.series.length > 1 ? legend(chart.series.map((s) => ({...s, note: ''}))) : ''}`;
}

/** Stacked bars over time: one bar per hour or day, one colored segment per series. */
export interface TimeChart {
	title: string;
	bucket: 'hour' | 'day';
	series: Series[];
	/** `at` is "2026-11-19T08" (hour) or "2026-11-19" (day), UTC, as report-data gives it. */
	points: Array<{at: string; series: number; value: number}>;
	/** The time the report covers: a bar at its edge that covers less than its hour or day is marked, not read as a drop. */
	span?: Span;
}

export function timeChart(chart: TimeChart): SafeHtml {
	const height = 300;
	const buckets = bucketRange(
		chart.points.map((p) => p.at),
		chart.bucket,
	);
	const index = new Map(buckets.map((b, i) => [b, i]));
	const stacks = buckets.map(() => new Array<number>(chart.series.length).fill(0));
	for (const p of chart.points) {
		const i = index.get(p.at);
		if (i !== undefined && p.series < chart.series.length) stacks[i]![p.series] += p.value;
	}
	const max = Math.max(...stacks.map(sum), 1);
	const ticks = niceTicks(max);
	const top = ticks[ticks.length - 1]!;
	// The axis title stands left of the widest tick label, however many digits it has.
	const tickWidth = Math.max(...ticks.map((t) => formatCount(t).length)) * tickCharWidth;
	const margin = {top: 24, right: 12, bottom: 46, left: Math.max(52, axisTitleWidth + tickWidth + tickGap)};
	const plotWidth = width - margin.left - margin.right;
	const plotHeight = height - margin.top - margin.bottom;
	const slot = plotWidth / Math.max(buckets.length, 1);
	const barWidth = Math.max(Math.min(slot * 0.7, 56), 1);
	const y = (v: number): number => margin.top + plotHeight - (v / top) * plotHeight;

	const grid = ticks.map(
		(t) =>
			html`<line class="grid" x1="${margin.left}" x2="${width - margin.right}" y1="${fixed(y(t))}" y2="${fixed(y(t))}"/><text class="tick" x="${margin.left - tickGap}" y="${fixed(y(t))}" text-anchor="end" dominant-baseline="central">${formatCount(t)}</text>`,
	);
	const coverage = bucketCoverage(buckets, chart.bucket, chart.span);
	const bars = stacks.map((stack, i) => {
		const x = margin.left + i * slot + (slot - barWidth) / 2;
		const part = coverage[i]! < 1 && chart.span ? partLabel(buckets[i]!, chart.bucket, chart.span) : '';
		let base = 0;
		const rects = stack.map((value, s) => {
			if (value <= 0) return '';
			const rect = html`<rect class="${chart.series[s]!.swatch}${part ? ' part' : ''}" x="${fixed(x)}" y="${fixed(y(base + value))}" width="${fixed(barWidth)}" height="${fixed(y(base) - y(base + value))}"><title>${bucketLabel(buckets[i]!, chart.bucket)}${part ? ` (${part})` : ''}: ${chart.series[s]!.name}, ${formatCount(value)} failure${value === 1 ? '' : 's'}</title></rect>`;
			base += value;
			return rect;
		});
		if (!part) return rects;
		// Above the bar, toward the inside of the chart: the first bar's label runs right, the last one's left.
		const anchor = i === 0 && buckets.length > 1 ? 'start' : i === buckets.length - 1 && buckets.length > 1 ? 'end' : 'middle';
		const labelX = anchor === 'start' ? x : anchor === 'end' ? x + barWidth : x + barWidth / 2;
		return html`${rects}<text class="part-label" x="${fixed(labelX)}" y="${fixed(y(base) - 6)}" text-anchor="${anchor}"><title>${part}</title>part ${chart.bucket}</text>`;
	});
	const parts = coverage.filter((c) => c < 1).length;
	// Labels at least ~90px apart; the date (hours) or year (days) under the first label and whenever it changes.
	const every = Math.max(1, Math.ceil(90 / slot));
	let lastGroup = '';
	const labels = buckets.map((b, i) => {
		if (i % every !== 0) return '';
		const x = margin.left + i * slot + slot / 2;
		const time = chart.bucket === 'hour' ? `${b.slice(11, 13)}:00` : b.slice(5, 10);
		const group = chart.bucket === 'hour' ? b.slice(0, 10) : b.slice(0, 4);
		const second = group === lastGroup ? '' : group;
		lastGroup = group;
		return html`<line class="axis" x1="${fixed(x)}" x2="${fixed(x)}" y1="${margin.top + plotHeight}" y2="${margin.top + plotHeight + 4}"/><text class="tick" x="${fixed(x)}" y="${margin.top + plotHeight + 18}" text-anchor="middle">${time}</text>${second ? html`<text class="tick sub" x="${fixed(x)}" y="${margin.top + plotHeight + 34}" text-anchor="middle">${second}</text>` : ''}`;
	});
	const totals = chart.series.map((_, s) => sum(stacks.map((stack) => stack[s] ?? 0)));
	return html`<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${chart.title}" font-size="${font}">
<title>${chart.title}</title>
${grid}
<text class="axis-title" transform="translate(${axisTitleX} ${margin.top + plotHeight / 2}) rotate(-90)" text-anchor="middle">failures per ${chart.bucket}</text>
${bars}
<line class="axis" x1="${margin.left}" x2="${width - margin.right}" y1="${margin.top + plotHeight}" y2="${margin.top + plotHeight}"/>
${labels}
</svg>
${legend(chart.series.map((s, i) => ({...s, note: formatCount(totals[i] ?? 0)})).filter((_, i) => (totals[i] ?? 0) > 0))}
${parts > 0 ? html`<p class="note part-note">Pale, dashed bars are part ${chart.bucket}s at the edges of the report's time: they count fewer hours, not fewer failures per hour.</p>` : ''}`;
}

/** A legend in HTML (wraps on narrow pages; prints as it shows). */
function legend(items: Array<Series & {note: string}>): SafeHtml {
	return html`<ul class="legend">${items.map(
		(item) =>
			html`<li><svg width="12" height="12" aria-hidden="true"><rect class="${item.swatch}" width="12" height="12" rx="2"/></svg> ${item.name}${item.note ? html` <span class="muted">${item.note}</span>` : ''}</li>`,
	)}</ul>`;
}

/** Every bucket from the first to the last, so empty hours or days show as gaps. */
export function bucketRange(ats: string[], bucket: 'hour' | 'day'): string[] {
	const times = ats.map((at) => toTime(at, bucket)).filter((t) => Number.isFinite(t));
	if (times.length === 0) return [];
	const step = bucket === 'hour' ? 3_600_000 : 86_400_000;
	const first = Math.min(...times);
	const last = Math.max(...times);
	// A stray timestamp years away would make a million empty buckets: then only the buckets with data.
	if ((last - first) / step > 2000) return [...new Set(ats)].sort();
	const out: string[] = [];
	for (let t = first; t <= last; t += step) out.push(new Date(t).toISOString().slice(0, bucket === 'hour' ? 13 : 10));
	return out;
}

function toTime(at: string, bucket: 'hour' | 'day'): number {
	return Date.parse(bucket === 'hour' ? `${at}:00:00Z` : `${at}T00:00:00Z`);
}

function bucketLabel(at: string, bucket: 'hour' | 'day'): string {
	return bucket === 'hour' ? `${at.slice(0, 10)} ${at.slice(11, 13)}:00 UTC` : at;
}

/** 0 and 3 to 6 round steps up to at least max: 0, 5, 10, 15. */
export function niceTicks(max: number): number[] {
	const rough = max / 4;
	const magnitude = 10 ** Math.floor(Math.log10(Math.max(rough, 1)));
	const step = Math.max(1, [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? magnitude * 10);
	const ticks: number[] = [];
	for (let t = 0; t < max + step; t += step) ticks.push(t);
	return ticks;
}

function sum(values: number[]): number {
	return values.reduce((a, b) => a + b, 0);
}

function fixed(n: number): string {
	return String(Math.round(n * 10) / 10);
}
