/** How every report writes a count: en-US thousands separators on every machine, and the noun's plural. */

/** 12345 → "12,345" (no locale from the environment). */
export function formatCount(n: number): string {
	return Math.round(n).toLocaleString('en-US');
}

/** `1 user`, `2 users`, `1,234 users`. */
export function counted(n: number, noun: string): string {
	return `${formatCount(n)} ${noun}${n === 1 ? '' : 's'}`;
}
