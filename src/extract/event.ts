/**
 * The normalized event: every record, whatever its shape, becomes one of these.
 * Schema drift is absorbed by the extractors; everything after extraction sees only this.
 */

/** Where a record came from: enough to find it again by hand. */
export interface RecordSource {
	/** File path as given (or `-` for standard input). */
	file: string;
	/** 1-based line of the record's first byte. */
	line: number;
	/** 0-based element index inside a JSON array or envelope, when the record came from one. */
	index?: number;
}

/** success = error code 0; failure/interrupt = a non-zero code (interrupts are expected steps); unknown = no status evidence. */
export type Outcome = 'success' | 'failure' | 'interrupt' | 'unknown';

/** What the event's text and fields said went wrong. */
export interface EventCodes {
	/** Every AADSTS code carried by the event, primary (status) code first. */
	aadsts: number[];
	/** OAuth 2.0 `error` value (invalid_grant, invalid_client, ...). */
	oauthError?: string;
	/** IdentityModel codes such as IDX10223. */
	idx: string[];
	httpStatus?: number;
	/** RFC 6750 `error` of a WWW-Authenticate: Bearer header. */
	bearerError?: string;
	bearerErrorDescription?: string;
}

/** Facts decoded from a bearer token; never the token itself. */
export interface TokenFacts {
	/** SHA-256 of the whole compact token, hex (first 32 characters). */
	fingerprint: string;
	malformed?: boolean;
	alg?: string;
	kid?: string;
	typ?: string;
	aud?: string | string[];
	iss?: string;
	tid?: string;
	appid?: string;
	azp?: string;
	ver?: string;
	scp?: string;
	roles?: string[];
	uti?: string;
	iat?: number;
	nbf?: number;
	exp?: number;
	hasNonce: boolean;
	issuerKind: 'aad-v1' | 'aad-v2' | 'b2c' | 'other';
}

/** Sign-in specific context, used by rules to tell root causes apart. */
export interface SigninContext {
	/** Diagnostic category or Graph signInEventTypes (SignInLogs, nonInteractiveUser, ...). */
	category?: string;
	clientApp?: string;
	caStatus?: string;
	/** Names of Conditional Access policies that applied (result failure/success). */
	caPolicies?: string[];
	/** Authentication protocol / flow (deviceCode, ropc, oAuth2, saml20...). */
	flow?: string;
	credentialType?: string;
	incomingTokenType?: string;
	failureReason?: string;
	additionalDetails?: string;
	/** authenticationProcessingDetails and similar key/value evidence, flattened to "key=value". */
	processingDetails?: string[];
	isInteractive?: boolean;
}

export interface AuthEvent {
	source: RecordSource;
	/** ISO 8601 UTC, when the record said when. */
	time?: string;
	kind: 'signin' | 'app';
	outcome: Outcome;
	codes: EventCodes;
	ids: {correlationId?: string; requestId?: string; traceId?: string; uti?: string};
	who: {upn?: string; userId?: string; tenantId?: string; ip?: string};
	app: {id?: string; name?: string};
	resource: {id?: string; name?: string};
	signin?: SigninContext;
	/** Tokens found in the record (facts only). */
	tokens?: TokenFacts[];
	/** Redacted text of the record or its error message: tokens and secrets replaced. */
	message?: string;
}

/** A fresh event with empty collections, so extractors only fill in what they find. */
export function newEvent(kind: AuthEvent['kind'], source: RecordSource): AuthEvent {
	return {
		source,
		kind,
		outcome: 'unknown',
		codes: {aadsts: [], idx: []},
		ids: {},
		who: {},
		app: {},
		resource: {},
	};
}
