/**
 * One case style for the keys of every --json object: camelCase, as JavaScript and jq
 * users expect. Rows read from the database carry their SQL column names (app_name,
 * ca_status); a command that prints such rows as its own JSON object renames the keys here.
 * `aadlog query` is the exception: its keys are the SQL it was given.
 */

function camelCase(key: string): string {
	return key.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

/** A copy of `value` with every object key in camelCase; arrays and scalars as they are. */
export function camelCaseKeys(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(camelCaseKeys);
	if (value === null || typeof value !== 'object') return value;
	const out: Record<string, unknown> = {};
	for (const [key, item] of Object.entries(value)) out[camelCase(key)] = camelCaseKeys(item);
	return out;
}
