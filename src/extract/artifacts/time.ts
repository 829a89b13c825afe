/**
 * Normalises the many time spellings of Entra exports to ISO 8601 UTC with milliseconds
 * (`2026-11-19T08:44:04.123Z`), so times sort as text and open in any SQL tool.
 * Accepted: ISO 8601 with any fraction (7 digits from .NET), with or without a zone
 * (no zone = UTC, as the exports mean it), and US locale "9/19/2023, 1:45:17.287 PM" as
 * Log Analytics CSV exports and diagnostic records write it (12- or 24-hour clock).
 */
const isoUtc = /^(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:?\d\d)?$/;
const usLocale = /^(\d{1,2})\/(\d{1,2})\/(\d{4}),? (\d{1,2}):(\d\d):(\d\d)(?:\.(\d+))? ?([AP]M)?$/i;

/** UTC with a fraction of 3 or more digits (Graph writes 7): the normal form is its first 23 characters and the Z. */
const utcWithFraction = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3,}Z$/;

export function normalizeTime(value: unknown): string | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return fromDate(new Date(value > 1e12 ? value : value * 1000));
	if (typeof value !== 'string' || value === '') return undefined;
	if (value.length >= 24 && utcWithFraction.test(value)) return value.length === 24 ? value : `${value.slice(0, 23)}Z`;
	const text = value.trim();
	const iso = isoUtc.exec(text);
	if (iso) {
		const millis = (iso[3] ?? '').padEnd(3, '0').slice(0, 3);
		const zone = iso[4];
		if (zone === undefined || zone === 'Z') return `${iso[1]}T${iso[2]}.${millis}Z`;
		return fromDate(new Date(`${iso[1]}T${iso[2]}.${millis}${zone.length === 5 ? zone.slice(0, 3) + ':' + zone.slice(3) : zone}`));
	}
	const us = usLocale.exec(text);
	if (us) {
		let month = Number(us[1]);
		let day = Number(us[2]);
		// A browser in a day-first locale exports "28/04/2021, 14:08:45": a first number over 12 can only be the day.
		if (month > 12 && day <= 12) [month, day] = [day, month];
		let hour = Number(us[4]);
		const meridiem = us[8]?.toUpperCase();
		if (meridiem === 'PM' && hour < 12) hour += 12;
		if (meridiem === 'AM' && hour === 12) hour = 0;
		const minute = Number(us[5]);
		const second = Number(us[6]);
		const millis = Number((us[7] ?? '').padEnd(3, '0').slice(0, 3));
		const date = new Date(Date.UTC(Number(us[3]), month - 1, day, hour, minute, second, millis));
		// Date.UTC rolls "2/30/2021" or "14:75" over into another time silently: impossible fields are no time.
		if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return undefined;
		return fromDate(date);
	}
	// Anything else Date can read, if it names its year (`Nov 21 10:41:17` would become 2001);
	// a time without a zone is UTC (as in every export), not this machine's zone.
	if (!/\b\d{4}\b/.test(text)) return undefined;
	const zoned = /(?:Z|[+-]\d\d:?\d\d|GMT|UTC)\s*$/i.test(text);
	return fromDate(new Date(zoned ? text : `${text} UTC`));
}

function fromDate(date: Date): string | undefined {
	return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
