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

export interface FoundIds {
	correlationId?: string;
	traceId?: string;
	requestId?: string;
}

/** The first id of each kind in the text (an error's own ids come first in what it prints). */
export function findIds(text: string, ids: FoundIds): void {
	labelled.lastIndex = 0;
	for (let m = labelled.exec(text); m !== null; m = labelled.exec(text)) {
		const value = m[2].toLowerCase();
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
