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

/** What checking the signature against the --jwks key sets found. */
export type SignatureCheck =
	| 'valid' // a key with the token's kid verified it
	| 'invalid' // the key was found but the signature does not verify (altered, truncated, or a Graph token)
	| 'kid-unknown' // no key in the key sets has the token's kid
	| 'unsigned' // alg none
	| 'symmetric' // HS256/384/512: a shared secret, not a published key
	| 'unsupported'; // an algorithm or key the check cannot use

/** Facts decoded from a bearer token; never the token itself. */
export interface TokenFacts {
	/** SHA-256 of the whole compact token, hex (first 32 characters). */
	fingerprint: string;
	/** Not a decodable JWT (cut short in the log, not base64url JSON, ...). */
	malformed?: boolean;
	/** A JWE (five segments, `enc` in the header): only the header is readable. */
	encrypted?: boolean;
	alg?: string;
	enc?: string;
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
	/** The sign-in that issued the token, as base64url (see tokens/uti.ts). */
	uti?: string;
	/** `app` for app-only tokens (optional claim idtyp). */
	idtyp?: string;
	iat?: number;
	nbf?: number;
	exp?: number;
	/** Graph tokens carry a nonce in the header: only Graph can validate their signature. */
	hasNonce: boolean;
	issuerKind: 'aad-v1' | 'aad-v2' | 'b2c' | 'other';
	/** From the issuer's host; ppe is Microsoft's pre-production Entra (test tokens). */
	cloud?: 'public' | 'us-gov' | 'china' | 'germany' | 'ppe';
	/** aud is one of Microsoft Graph's audiences. */
	graphAudience?: boolean;
	/** The claims read as an ID token, not an access token (tokens/id-token.ts). */
	idToken?: boolean;
	/** Set only when key sets were given (--jwks). */
	signature?: SignatureCheck;
	/** Every claim, as JSON, for the tokens table (claims are facts; the signature is the secret). */
	claimsJson?: string;
}

/**
 * A token as one event used it: its facts plus what they mean at the event's time and
 * against what the validator expected (tokens/assess.ts). Undefined = not known.
 */
export interface TokenAtUse extends TokenFacts {
	/** exp (plus the allowed clock skew) was before the event's time. */
	expiredAtUse?: boolean;
	/** nbf (minus the allowed clock skew) was after the event's time. */
	notYetValidAtUse?: boolean;
	/** Event time minus exp, in seconds (negative: still valid for that long). */
	secondsPastExp?: number;
	/** aud is none of the audiences the validator expected. */
	audienceMismatch?: boolean;
	/** iss is none of the issuers the validator expected. */
	issuerMismatch?: boolean;
	/** iss equals an expected issuer but for case or a trailing slash (validators compare exactly). */
	issuerFormatMismatch?: boolean;
	/** The token's tenant is not the tenant of the expected issuer. */
	tenantMismatch?: boolean;
	/** Same tenant, other Entra issuer format: v1 (sts.windows.net) vs v2 (login.../v2.0). */
	versionMismatch?: boolean;
	/** A B2C token against an Entra issuer, or the reverse. */
	authorityMismatch?: boolean;
	/** Scopes or roles the API asked for that the token does not carry. */
	missingScopes?: string[];
}

/** What the validator (the API, the middleware) said it expected, when the log says it. */
export interface Expectations {
	audiences?: string[];
	issuers?: string[];
	/** Scopes or app roles the operation requires. */
	scopes?: string[];
}

/**
 * What an app record said about the token request or API call that failed: which flow,
 * what was asked for, what the response answered. Rules name these `request.*`.
 */
export interface RequestFacts {
	/**
	 * The grant, short form: authorization_code, refresh_token, client_credentials, device_code,
	 * jwt-bearer (On-Behalf-Of, or an assertion grant), password (ROPC), saml2-bearer, saml1_1-bearer.
	 * From a grant_type field, else from the MSAL / Azure.Identity call or flow the log names.
	 */
	grantType?: string;
	/** An On-Behalf-Of exchange (requested_token_use=on_behalf_of, or an OBO call the log names). */
	onBehalfOf?: boolean;
	/** Scopes or resource the request asked for (scope=, resource=, a scopes list). */
	scopes?: string[];
	/** The response's WWW-Authenticate header, redacted. */
	wwwAuthenticate?: string;
	/**
	 * What the log said of the requested API's app registration, in a fixed vocabulary:
	 * `app-roles-only` (it defines application permissions / app roles and nothing else),
	 * `no-delegated-scopes` (it exposes no delegated permission, so no user token can carry one).
	 */
	registration?: string[];
}

/**
 * App records of one failed request, grouped before they are classified (src/incident):
 * the event of an incident carries the evidence of all of them.
 */
export interface IncidentFacts {
	/** Every record of the incident, in input order. */
	records: RecordSource[];
	/** The record each piece of evidence came from: the field as rules name it (codes.idx, tokens.aud, request.grantType) → record. */
	origins: Record<string, RecordSource>;
	/** Each record's redacted text, as `records`: rules test `message` on each, so their evidence quotes one record. */
	messages: string[];
}

/** A Conditional Access policy of a sign-in (Graph appliedConditionalAccessPolicy). */
export interface CaPolicy {
	/** The policy's object id, lower case. */
	id?: string;
	/** displayName (the id when the record names none). */
	name: string;
	/** success | failure | reportOnlySuccess | reportOnlyFailure | reportOnlyInterrupted (Graph's spelling). */
	result: string;
	/** enforcedGrantControls as the record spells them (Mfa, Block, RequireCompliantDevice...). */
	grantControls?: string[];
	/** enforcedSessionControls (SignInFrequency, CloudAppSecurity...). */
	sessionControls?: string[];
}

/** Sign-in specific context, used by rules to tell root causes apart. */
export interface SigninContext {
	/** interactiveUser | nonInteractiveUser | servicePrincipal | managedIdentity, whatever the export spelled (canonical-values.ts). */
	category?: string;
	clientApp?: string;
	caStatus?: string;
	/** Conditional Access policies that acted or would have (report-only), in the record's order (ca-policies.ts). */
	caPolicies?: CaPolicy[];
	/** Authentication protocol / flow (deviceCode, ropc, oAuth2, saml20...). */
	flow?: string;
	credentialType?: string;
	incomingTokenType?: string;
	failureReason?: string;
	additionalDetails?: string;
	/** authenticationProcessingDetails and similar key/value evidence, flattened to "key=value". */
	processingDetails?: string[];
	isInteractive?: boolean;
	/** deviceDetail: what the sign-in knew of the device (53000 vs 53001 vs "device not presented"). */
	deviceId?: string;
	deviceOs?: string;
	browser?: string;
	deviceCompliant?: boolean;
	deviceManaged?: boolean;
	/** Microsoft Entra joined | Microsoft Entra hybrid joined | Microsoft Entra registered (src/extract/canonical-values.ts). */
	deviceTrustType?: string;
	/** "City, State, CC" as far as known. */
	location?: string;
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
	/** Tokens found in the record (facts only), as used at the event's time. */
	tokens?: TokenAtUse[];
	/** What the token's validator expected, from the log text (or `aadlog token --expect-*`). */
	expected?: Expectations;
	/** App events: the request that failed, as the log described it. */
	request?: RequestFacts;
	/** App events grouped from several records: where each came from. */
	incident?: IncidentFacts;
	/** App events: the sign-in this event was joined to, and how (src/correlate). */
	linked?: LinkedSignin;
	/** Redacted text of the record or its error message: tokens and secrets replaced. */
	message?: string;
}

/** How an app event was joined to a sign-in. */
export type LinkVia = 'trace_id' | 'request_id' | 'correlation_id' | 'uti';

export interface LinkedSignin {
	via: LinkVia;
	/** The sign-in's Request ID. */
	signinRequestId?: string;
	signinOutcome?: Outcome;
	/** The sign-in's AADSTS code (0 for success). */
	signinCode?: number;
	/** The sign-in's most likely cause (rule id). */
	signinCause?: string;
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
