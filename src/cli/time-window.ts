/** `--since` / `--until`: an ISO 8601 time, or a span back from now (`90m`, `24h`, `7d`, `2w`). */
import {AadlogError} from '../errors.js';
import {normalizeTime} from '../extract/artifacts/time.js';
import type {TimeWindow} from '../report/report-data.js';

const units: Record<string, number> = {m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000};

export function timeArgument(option: string, value: string | undefined, now: Date): string | null {
	if (value === undefined) return null;
	const span = /^(\d+)\s*([mhdw])$/i.exec(value.trim());
	if (span) return new Date(now.getTime() - Number(span[1]) * units[span[2].toLowerCase()]).toISOString();
	const iso = normalizeTime(value);
	if (iso === undefined)
		throw new AadlogError('ERR_USAGE', `${option}: not a time: ${value} (use an ISO 8601 time like 2026-11-20T00:00Z, or a span like 24h or 7d)`);
	return iso;
}

export function timeWindow(values: {since?: string; until?: string}, now = new Date()): TimeWindow {
	const since = timeArgument('--since', values.since, now);
	// A window given only by its start ends now, so the trend can compare with the window before it.
	const until = timeArgument('--until', values.until, now) ?? (since ? now.toISOString() : null);
	if (since && until && since >= until) throw new AadlogError('ERR_USAGE', `--since ${since} is not before --until ${until}`);
	return {since, until};
}
