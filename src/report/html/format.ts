/**
 * How the HTML report writes numbers, times, windows and trends. Plain strings: the caller
 * escapes them with everything else.
 */
import {formatCount} from '../counts.js';
import type {TimeWindow} from '../report-data.js';

export {formatCount};

/** ISO 8601 UTC → "2026-11-21 09:14 UTC" (in a column headed UTC: without the suffix); null → "—". */
export function formatTime(iso: string | null, options: {seconds?: boolean; suffix?: boolean} = {}): string {
	if (!iso) return '—';
	const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?/.exec(iso);
	if (!match) return iso;
	return `${match[1]} ${match[2]}${options.seconds && match[3] ? match[3] : ''}${options.suffix === false ? '' : ' UTC'}`;
}

/** A window's length as people say it: "24 h", "72 h", "7 d", "90 min"; null without both ends. */
export function windowLength(window: TimeWindow): string | null {
	if (!window.since || !window.until) return null;
	const hours = (Date.parse(window.until) - Date.parse(window.since)) / 3_600_000;
	if (!Number.isFinite(hours) || hours <= 0) return null;
	if (hours > 72 && hours % 24 === 0) return `${hours / 24} d`;
	if (hours >= 1 && Number.isInteger(hours)) return `${hours} h`;
	return `${Math.round(hours * 60)} min`;
}

/** The window in the report's title: "all events", "since …", "until …" or "… to …". */
export function describeWindow(window: TimeWindow): string {
	if (window.since && window.until) return `${formatTime(window.since)} to ${formatTime(window.until)}`;
	if (window.since) return `since ${formatTime(window.since)}`;
	if (window.until) return `until ${formatTime(window.until)}`;
	return 'all events';
}

/** Signed difference: "+12", "−3", "±0". */
export function signed(n: number): string {
	if (n > 0) return `+${formatCount(n)}`;
	if (n < 0) return `\u2212${formatCount(-n)}`;
	return '\u00B10';
}

/** Shortens text for a chart label, keeping the start; the full text goes in a tooltip. */
export function truncate(text: string, max: number): string {
	const chars = [...text];
	return chars.length <= max ? text : `${chars.slice(0, Math.max(1, max - 1)).join('')}\u2026`;
}
