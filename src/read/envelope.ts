/** Wrappers whose array holds the records: Graph pages (`value`), Event Hub messages (`records`), or a bare array. */
export function envelopeItems(value: unknown): unknown[] | undefined {
	if (Array.isArray(value)) return value;
	if (value === null || typeof value !== 'object') return undefined;
	const object = value as Record<string, unknown>;
	if (Array.isArray(object.records)) return object.records;
	if (Array.isArray(object.value)) return object.value;
	return undefined;
}
