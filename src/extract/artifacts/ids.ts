/**
 * Correlation, trace and request ids as logs label them, in every spelling seen:
 * `Correlation ID: g`, `"correlation_id":"g"`, `CorrelationId g`, `correlationId=g`,
 * `client-request-id: g` (MSAL's name for the correlation id), `x-ms-request-id`,
 * with escaped quotes (`\"trace_id\":\"g\"`) and glued to literal `\r\n` escapes.
 */
const guid = '([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})';
/**
 * Label, then `:`/`=` or whitespace, then an optional opening quote: no two quantifiers
 * can share one run of spaces, so a label followed by a long run of them fails in one pass
 * over it (three adjacent `\s*` made that cubic).
 */
const labelled = new RegExp(`(client-request|correlation|trace|request|activity)[ _-]?id\\\\?"?(?:\\s*[:=]\\s*|\\s+)(?:\\\\?"\\s*)?${guid}`, 'gi');

const guidOnly = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** W3C trace ids (32 hex), span ids (16) and other hex ids without dashes. */
const hexOnly = /^[0-9a-f]{16,64}$/;
const zerosOnly = /^[0-]+$/;
/** A token identifier as sign-in exports write it: base64url (uti), base64 of the GUID text, or the GUID. */
const tokenIdShape = /^[A-Za-z0-9+/_=-]{16,64}$/;

/**
 * The id an id field holds, lower case, or undefined when it holds none: a redacted or masked
 * value (`xxxx-[...]-yyyy`, `redacted:id`, `[PII is hidden]`), a placeholder, or the all-zero
 * GUID a client logs before it has an id. Such values are shared by unrelated records, so
 * kept as ids they would join and group what has nothing in common.
 */
export function realId(value: string | undefined): string | undefined {
	if (value === undefined) return undefined;
	const id = value.trim().toLowerCase();
	return (guidOnly.test(id) || hexOnly.test(id)) && !zerosOnly.test(id) ? id : undefined;
}

/** A token identifier field's value when it has a token identifier's shape (case kept: base64url). */
export function realTokenId(value: string | undefined): string | undefined {
	const id = value?.trim();
	return id !== undefined && tokenIdShape.test(id) && !zerosOnly.test(id) ? id : undefined;
}

export interface FoundIds {
	correlationId?: string;
	traceId?: string;
	requestId?: string;
}

/** The first id of each kind in the text (an error's own ids come first in what it prints). */
export function findIds(text: string, ids: FoundIds): void {
	labelled.lastIndex = 0;
	for (let m = labelled.exec(text); m !== null; m = labelled.exec(text)) {
		const value = realId(m[2]);
		if (value === undefined) continue;
		switch (m[1].toLowerCase()) {
			case 'correlation':
			case 'client-request':
			case 'activity':
				ids.correlationId ??= value;
				break;
			case 'trace':
				ids.traceId ??= value;
				break;
			case 'request':
				ids.requestId ??= value;
				break;
		}
	}
}
