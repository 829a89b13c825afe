/**
 * Rule fields no sign-in event ever carries: app-log evidence (message text, IDX codes,
 * HTTP and bearer errors, an STS trace id, token facts, a validator's expectations, the
 * joined sign-in). The sign-in shapes (src/extract/shapes/*-signin.ts) set none. The engine
 * skips rules that need one when it classifies a sign-in; the rules compiler folds tests
 * on them the same way for every sign-in row.
 */

/** Field prefixes, named the way a report should name them. */
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
