/** Small readers for loosely typed JSON fields, where exports disagree on types. */

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A non-empty string, or a number written as one; anything else is undefined. */
export function text(value: unknown): string | undefined {
	if (typeof value === 'string') return value === '' ? undefined : value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return undefined;
}

/**
 * An integer from a number or a numeric string ("50126", 50126); undefined otherwise, and for
 * one too large to be held exactly (it would be stored as a different number).
 */
export function integer(value: unknown): number | undefined {
	const number = typeof value === 'number' ? value : typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : undefined;
	return number !== undefined && Number.isSafeInteger(number) ? number : undefined;
}

export function bool(value: unknown): boolean | undefined {
	if (typeof value === 'boolean') return value;
	// JSON exports write true/True; CSV exports of Log Analytics write TRUE/FALSE.
	if (value === 'true' || value === 'True' || value === 'TRUE') return true;
	if (value === 'false' || value === 'False' || value === 'FALSE') return false;
	return undefined;
}

/**
 * A column that Log Analytics may hand over as an object or as JSON encoded in a string
 * (AADNonInteractiveUserSignInLogs does the latter): always the decoded value.
 */
export function decoded(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	const first = value.trimStart()[0];
	if (first !== '{' && first !== '[') return value;
	try {
		return JSON.parse(value);
	} catch {
		return value;
	}
}

/** The first of several field names that is present (exports rename fields between versions). */
export function pick(object: JsonObject, ...names: string[]): unknown {
	for (const name of names) {
		const value = object[name];
		if (value !== undefined && value !== null && value !== '') return value;
	}
	return undefined;
}
