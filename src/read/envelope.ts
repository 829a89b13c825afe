/**
 * Envelopes: wrapper objects whose array holds the records. The one place their keys are
 * declared; the sniffer, the JSON Lines reader and the document scanner all ask here.
 */

/**
 * Keys whose array value holds an envelope's records: Event Hub messages and diagnostic
 * blobs (`records`), Graph pages (`value`). An object with both reads `records`.
 */
export const envelopeKeys: readonly string[] = ['records', 'value'];

/** Graph pages open with `@odata.context` (or `@odata.count`, ...) before their `value` array. */
const envelopeLeadKeyPrefix = '@odata.';

export function isEnvelopeKey(key: string): boolean {
	return envelopeKeys.includes(key);
}

/** A bare array, or an envelope's array: the records it holds. Undefined for a value that is neither. */
export function envelopeItems(value: unknown): unknown[] | undefined {
	if (Array.isArray(value)) return value;
	if (value === null || typeof value !== 'object') return undefined;
	const object = value as Record<string, unknown>;
	for (const key of envelopeKeys) {
		const items = object[key];
		if (Array.isArray(items)) return items;
	}
	return undefined;
}

/**
 * A Graph page's link to the next page: the records after it are not in this file.
 * `@odata.nextLink` is the paging link; `@odata.deltaLink` marks the last page, so it is not one.
 */
export const nextPageKey = '@odata.nextLink';

/** True for an envelope object that says more pages follow it. */
export function hasNextPage(value: unknown): boolean {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
	const link = (value as Record<string, unknown>)[nextPageKey];
	return typeof link === 'string' && link !== '';
}

/** The first key of a JSON object text, when it opens with one (`{ "records": ...`). */
const firstKey = /^\{\s*"([^"\\]*)"\s*:/;

/** True when the text of an object starts with a key only envelopes start with. */
export function startsLikeEnvelope(text: string): boolean {
	const key = firstKey.exec(text)?.[1];
	return key !== undefined && (isEnvelopeKey(key) || key.startsWith(envelopeLeadKeyPrefix));
}
