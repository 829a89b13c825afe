/**
 * What every rule field is on a SIGN-IN event, whatever the target: its value type, and
 * whether a sign-in can carry it at all. App-log evidence (message text, token facts, IDX
 * codes, HTTP and bearer errors, the linked sign-in) never exists on a sign-in event
 * (src/extract/signin.ts and portal-csv.ts set none of it), so a test on it has the same
 * answer for every sign-in row: the compiler folds it with the engine itself.
 */

/** How a field's value looks on an event: the engine compares each type differently. */
export type ValueType = 'text' | 'number' | 'boolean' | 'text-list';

const types: Record<string, ValueType> = {
	'codes.aadsts': 'number',
	'codes.httpStatus': 'number',
	'codes.idx': 'text-list',
	'signin.caPolicies': 'text-list',
	'signin.processingDetails': 'text-list',
	'signin.isInteractive': 'boolean',
	'signin.deviceCompliant': 'boolean',
	'signin.deviceManaged': 'boolean',
	'catalog.retryable': 'boolean',
};

/** The value type of a rule field (text unless listed). */
export function valueTypeOf(field: string): ValueType {
	return types[field] ?? 'text';
}

/** The families of app-log evidence, named the way a report should name them. */
const appOnly: Array<[prefix: string, what: string]> = [
	['message', 'app-log text (message)'],
	['codes.idx', 'IdentityModel IDX codes'],
	['codes.oauthError', 'an OAuth error value from an app log'],
	['codes.httpStatus', 'an HTTP status from an app log'],
	['codes.bearerError', 'a WWW-Authenticate: Bearer error'],
	['ids.traceId', 'an STS trace id from an app log'],
	['token.', 'bearer token facts'],
	['expected.', 'what a token validator expected'],
	['linked.', 'the sign-in joined to an app event'],
];

/** Why no sign-in event ever carries this field, or undefined when sign-ins can carry it. */
export function appOnlyEvidence(field: string): string | undefined {
	for (const [prefix, what] of appOnly) if (field === prefix || field.startsWith(prefix)) return what;
	return undefined;
}
