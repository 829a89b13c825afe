/**
 * Which bars of the chart over time stand for less than a whole hour or day: the window may
 * start at noon, and its last day may be today, still going. Drawn like the others, such a
 * bar reads as a drop in failures; the chart marks it instead (svg-charts.ts).
 */

export interface Span {
	/** ISO 8601 UTC, inclusive; null: from the first event (the first bucket is taken as whole). */
	since: string | null;
	/** ISO 8601 UTC, exclusive: the window's end, or the report's time when the window is open-ended. */
	until: string;
}

/** The part of each bucket the span covers, 0..1, for the buckets at the edges: 1 for every whole one. */
export function bucketCoverage(buckets: string[], bucket: 'hour' | 'day', span: Span | undefined): number[] {
	const step = bucket === 'hour' ? 3_600_000 : 86_400_000;
	return buckets.map((at, i) => {
		if (!span || (i !== 0 && i !== buckets.length - 1)) return 1;
		const start = Date.parse(bucket === 'hour' ? `${at}:00:00Z` : `${at}T00:00:00Z`);
		if (!Number.isFinite(start)) return 1;
		const since = span.since === null ? start : Math.max(start, Date.parse(span.since));
		const until = Math.min(start + step, Date.parse(span.until));
		if (!Number.isFinite(since) || !Number.isFinite(until)) return 1;
		return Math.min(1, Math.max(0, (until - since) / step));
	});
}

/** "part day, 12:00 to 24:00 UTC" for a tooltip. */
export function partLabel(at: string, bucket: 'hour' | 'day', span: Span): string {
	const step = bucket === 'hour' ? 3_600_000 : 86_400_000;
	const start = Date.parse(bucket === 'hour' ? `${at}:00:00Z` : `${at}T00:00:00Z`);
	const from = span.since === null ? start : Math.max(start, Date.parse(span.since));
	const to = Math.min(start + step, Date.parse(span.until));
	const clock = (t: number): string => (t - start === step && bucket === 'day' ? '24:00' : new Date(t).toISOString().slice(11, 16));
	return `part ${bucket}, ${clock(from)} to ${clock(to)} UTC`;
}
