/**
 * OAuth 2.0 `error` values, RFC 6750 `WWW-Authenticate: Bearer error=...` challenges and
 * HTTP status codes, as application logs print them.
 */

/** The `error` values of OAuth 2.0, OIDC and RFC 6750; other snake_case words are not errors. */
export const oauthErrorValues = new Set([
	'invalid_request',
	'invalid_client',
	'invalid_grant',
	'unauthorized_client',
	'unsupported_grant_type',
	'unsupported_response_type',
	'invalid_scope',
	'invalid_resource',
	'access_denied',
	'server_error',
	'temporarily_unavailable',
	'interaction_required',
	'login_required',
	'consent_required',
	'account_selection_required',
	'authorization_pending',
	'slow_down',
	'expired_token',
	'authorization_declined',
	'bad_verification_code',
	'invalid_token',
	'insufficient_scope',
	'insufficient_access',
	'invalid_dpop_proof',
	'use_dpop_nonce',
]);

/** RFC 6750 errors are the resource server's: they describe the token, not the sign-in. */
const bearerOnly = new Set(['invalid_token', 'insufficient_scope', 'insufficient_access']);

const errorField = /\\?"?(?:error|errorCode|ErrorCode|error_code)\\?"?\s*[:=]\s*\\?"?([a-z_]+)/g;
/** Bare values (`failed: invalid_grant`): these snake_case words mean nothing else in logs. */
const bareError = new RegExp(`\\b(${[...oauthErrorValues].join('|')})\\b`);
/** A challenge as logged, also inside a JSON string (`error=\"invalid_token\"`). */
const challenge = /Bearer\b[^\n]{0,512}?\berror\s*=\s*\\?"?([a-z_]{1,64})\\?"?(?:[^\n]{0,512}?\berror_description\s*=\s*\\?"([^"\\\n]{0,2048}))?/i;
const statusPatterns = [
	/HTTP StatusCode:? (\d{3})\b/i,
	/\bStatus(?:Code)?\\?"?\s*[:=]\s*\\?"?(\d{3})\b/i,
	/\bHTTP\/\d(?:\.\d)?"? (\d{3})\b/,
	/\b(?:responded|returned|response) (\d{3})\b/i,
	// IIS W3C default fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken
	/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \S+ [A-Z]+ \S+ \S+ \d+ \S+ \S+ \S+ \S+ (\d{3}) \d+ \d+ \d+\s*$/m,
	// `401 Unauthorized`, .NET's `(401) Unauthorized` and HttpClient's `does not indicate success: 401 (Unauthorized)`
	/\(?\b(40[13])\)? \(?(?:Unauthorized|Forbidden)\b/,
	/\bdoes not indicate success: (\d{3})\b/,
	// ASP.NET Core's `Request finished HTTP/1.1 GET https://host/api - 401 0 - 12.3ms` (7 and before: `- - - 401 0 -`)
	/\bRequest finished (?:HTTP\/[\d.]{1,3} )?[A-Z]{3,7} \S{1,2048}(?: \S{1,256}){0,3}? - (\d{3}) (?:\d+|-) /,
];

export interface HttpFindings {
	oauthError?: string;
	bearerError?: string;
	bearerErrorDescription?: string;
	httpStatus?: number;
}

export function findHttpErrors(text: string, into: HttpFindings): void {
	const bearer = text.includes('Bearer') ? challenge.exec(text) : null;
	if (bearer && oauthErrorValues.has(bearer[1])) {
		into.bearerError ??= bearer[1];
		if (bearer[2]) into.bearerErrorDescription ??= bearer[2];
	}
	if (text.includes('rror')) {
		errorField.lastIndex = 0;
		for (let m = errorField.exec(text); m !== null; m = errorField.exec(text)) {
			const value = m[1];
			if (!oauthErrorValues.has(value)) continue;
			if (bearerOnly.has(value)) into.bearerError ??= value;
			else into.oauthError ??= value;
		}
	}
	if (into.oauthError === undefined && into.bearerError === undefined && text.includes('_')) {
		const bare = bareError.exec(text);
		if (bare) {
			if (bearerOnly.has(bare[1])) into.bearerError = bare[1];
			else into.oauthError = bare[1];
		}
	}
	if (into.httpStatus === undefined) {
		for (const pattern of statusPatterns) {
			const m = pattern.exec(text);
			if (m) {
				into.httpStatus = Number(m[1]);
				break;
			}
		}
	}
}
