/**
 * What an event waiting for its sign-in holds in memory, estimated from its whole shape:
 * the message, every token's facts and claims JSON, every id and string field. A token can
 * carry tens of kilobytes of claims while the message that quoted it is a short placeholder,
 * so the message alone says little about what waiting costs.
 */

/** V8 keeps ASCII text at a byte a character; each string, value and object has a header too. */
const stringHeader = 16;
const valueBytes = 8;
const objectHeader = 32;

export function estimatedBytes(value: unknown): number {
	if (typeof value === 'string') return stringHeader + value.length;
	if (value === null || typeof value !== 'object') return valueBytes;
	let bytes = objectHeader;
	if (Array.isArray(value)) {
		for (const item of value) bytes += valueBytes + estimatedBytes(item);
		return bytes;
	}
	for (const key in value) {
		const field = (value as Record<string, unknown>)[key];
		// A property costs a slot whatever its value; its name is shared by every object of the shape.
		if (field !== undefined) bytes += valueBytes + estimatedBytes(field);
	}
	return bytes;
}
