/**
 * An API's rejection of a token, told without an IDX code or a WWW-Authenticate challenge:
 *
 *   401 Unauthorized: The audience 'api://x' is invalid             JwtBearer's failure text, logged alone
 *   {"error":{"code":"InvalidAuthenticationToken","message":"Access token validation failure. Invalid audience."}}   Graph, ARM
 *   Code: InvalidAuthenticationToken  Message: ...                   the Graph SDKs' ServiceException
 *   AuthenticationScheme: Bearer was challenged.                      ASP.NET Core answering 401
 *
 * Each is read as the challenge the API would have sent: bearer error invalid_token with its
 * description (so the resource-api rules that read codes.bearerError* can name a cause) and
 * the HTTP status it implies. A record that has a code or challenge of its own keeps it.
 */
import type {EventCodes} from '../event.js';

/** Error codes of Microsoft Graph, Azure Resource Manager and other Microsoft APIs for a token they refused. */
const refusedTokenCodes =
	/\b(InvalidAuthenticationToken(?:Audience|Tenant)?|ExpiredAuthenticationToken|InvalidAuthenticationTokenSignature|AuthenticationFailed|Unauthenticated)\b/;
/** Codes for a valid token that may not do this (403): the permission is missing. */
const deniedCodes = /\b(Authorization_RequestDenied|AuthorizationFailed|ErrorAccessDenied|AuthorizationPermissionMismatch)\b/;
/**
 * What validators print about the token they refused, as JwtBearer's error descriptions
 * (`The audience 'x' is invalid`, `The signature key was not found`, `The token expired at 'x'`)
 * and IdentityModel's sentences without their code. Bounded and anchored on words.
 */
const validationFailure =
	/\b(?:(?:the )?(?:audience|issuer)(?: '[^'\n]{0,512}')? is invalid|invalid (?:audience|issuer|signature)|(?:audience|issuer|signature|lifetime) validation failed|the signature (?:is invalid|key was not found)|access token validation failure|the token (?:expired at|is expired|is not valid before)|(?:the )?access token (?:is missing|is empty|is invalid|has been revoked)|authorization header is missing)\b/i;
const mentionsFailure = /invalid|failed|failure|not found|expired|not valid|missing|empty|revoked/i;
/** ASP.NET Core's authentication middleware: the scheme answered 401 (challenged) or 403 (forbidden). */
const schemeAnswer = /\bAuthenticationScheme: (?:Bearer|[A-Za-z0-9_.-]{1,64}) was (challenged|forbidden)\b/;
const maxDescriptionChars = 512;
/** The description ends with the line, or with the string it was logged in (a JSON log line's message). */
const descriptionEnd = /["\n\r]|\\[rn"]/;

export interface ServiceError {
	code?: string;
	message?: string;
}

/** Adds what the text says of a refused token to `codes`, when it has no code or challenge that says more. */
export function findServerFailure(text: string, codes: EventCodes, serviceError?: ServiceError): void {
	if (codes.aadsts.length > 0 || codes.oauthError !== undefined) return; // a token issuance error, not an API's
	const scheme = text.includes('AuthenticationScheme') ? schemeAnswer.exec(text) : null;
	if (scheme) codes.httpStatus ??= scheme[1] === 'challenged' ? 401 : 403;
	const code =
		serviceError?.code ?? (/Authenticat|Authoriz|AccessDenied/.test(text) ? (refusedTokenCodes.exec(text) ?? deniedCodes.exec(text))?.[1] : undefined);
	if (code !== undefined && deniedCodes.test(code)) {
		codes.httpStatus ??= 403;
		return;
	}
	const refused = code !== undefined && refusedTokenCodes.test(code);
	if (codes.bearerError !== undefined || codes.idx.length > 0) return; // the challenge or the IDX code says it
	const phrase = mentionsFailure.test(text) ? sentenceOf(text, validationFailure.exec(text)) : undefined;
	if (!refused && phrase === undefined) return;
	codes.bearerError = 'invalid_token';
	const description = serviceError?.message ?? phrase ?? code;
	if (description !== undefined)
		codes.bearerErrorDescription ??= description.length > maxDescriptionChars ? `${description.slice(0, maxDescriptionChars)}…` : description;
	// The APIs answer their refused-token codes with 401; a sentence alone may be a client's own check, with no status.
	if (refused) codes.httpStatus ??= 401;
}

/** From the phrase to the end of its line or string: "Lifetime validation failed. The token is expired." */
function sentenceOf(text: string, match: RegExpExecArray | null): string | undefined {
	if (!match) return undefined;
	const rest = text.slice(match.index, match.index + maxDescriptionChars);
	const end = descriptionEnd.exec(rest);
	return (end ? rest.slice(0, end.index) : rest).trim();
}
