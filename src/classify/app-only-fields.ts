/**
 * Rule fields no sign-in event ever carries: app-log evidence (message text, IDX codes,
 * HTTP and bearer errors, an STS trace id, token facts, a validator's expectations, the
 * request an app record described, an incident's records, the joined sign-in). The sign-in shapes (src/extract/shapes/*-signin.ts) set none. The engine
 * skips rules that need one when it classifies a sign-in; the rules compiler folds tests
 * on them the same way for every sign-in row.
 */
import {type EventField, eventFields} from '../store/event-fields.js';

/** Field prefixes, named the way a report should name them: the stored ones (event-fields.ts), then the rest. */
const appOnly: Array<[prefix: string, what: string]> = [
	...(eventFields as readonly EventField[]).flatMap((f): Array<[string, string]> => (f.rule?.appOnly ? [[f.rule.name, f.rule.appOnly]] : [])),
	['token.', 'bearer token facts'],
	['expected.', 'what a token validator expected'],
	['request.', 'the token request or API call an app record described'],
	['incident.', 'the app records grouped into one incident'],
	['linked.', 'the sign-in joined to an app event'],
];

/** Why no sign-in event ever carries this field, or undefined when sign-ins can carry it. */
export function appOnlyEvidence(field: string): string | undefined {
	for (const [prefix, what] of appOnly) if (field === prefix || field.startsWith(prefix)) return what;
	return undefined;
}
