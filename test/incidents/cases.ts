/**
 * The labeled incident corpus: one failed request per case, written from the seed documents
 * (../shared/seeds: the AADSTS50000 root causes, the signature validation scenarios, the
 * RFC 6750 errors) in the log formats apps print them in. Each case says where its shape
 * comes from and which cause is right. `{{name}}` stands for a token the harness generates
 * with jose (incident-tokens.ts): no real token is in the corpus.
 *
 * `elsewhere`: the evidence that decides the cause is on another record than the error.
 */

export type LogFormat = 'aspnetcore-console' | 'serilog-json' | 'msal-node' | 'msal-net' | 'python-logging' | 'access-log';

export interface IncidentCase {
	name: string;
	format: LogFormat;
	/** Where the log's shape and the scenario come from. */
	source: string;
	/** The rule id that must rank first. */
	cause: string;
	elsewhere: boolean;
	lines: string[];
}

const tid = '6c1d5f2e-8a4b-4c39-9e7d-1f2a3b4c5d6e';
const sts = (trace: string, correlation: string, at: string): string => `Trace ID: ${trace} Correlation ID: ${correlation} Timestamp: ${at}`;
const msalNode = (at: string, correlation: string, level: string, text: string): string =>
	`[${at}] : [${correlation}] : @azure/msal-node@2.16.2 : ${level} - ${text}`;
const msalNet = (at: string, correlation: string, text: string): string => `MSAL 4.66.1.0 MSAL.NetCore .NET 8.0.10 Linux [${at} - ${correlation}] ${text}`;
const serilog = (fields: Record<string, unknown>): string => JSON.stringify(fields);

export const incidentCases: IncidentCase[] = [
	// --- AADSTS50000: the five root causes ---
	{
		name: 'aadsts50000 after a silent refresh the revoked grant failed (password changed on-premises)',
		format: 'msal-net',
		source: 'AADSTS50000 root cause 1 (password expired or out of sync, session revoked); MSAL.NET verbose log lines',
		cause: 'token-issuance-password-out-of-sync',
		elsewhere: true,
		lines: [
			msalNet('2026-11-21 10:40:58Z', '3b7e0c41-5a2d-4f8e-9c11-0a6d2e7f9b10', 'AcquireTokenSilent called for megan@contoso.com'),
			msalNet(
				'2026-11-21 10:40:59Z',
				'3b7e0c41-5a2d-4f8e-9c11-0a6d2e7f9b10',
				`MsalUiRequiredException: invalid_grant AADSTS50173: The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password. ${sts('8d1f0e22-61a4-4b9e-8d3c-2f0b6a9e1c01', '3b7e0c41-5a2d-4f8e-9c11-0a6d2e7f9b10', '2026-11-21 10:40:59Z')}`,
			),
			msalNet('2026-11-21 10:41:02Z', '3b7e0c41-5a2d-4f8e-9c11-0a6d2e7f9b10', 'Falling back to AcquireTokenInteractive'),
			msalNet(
				'2026-11-21 10:41:17Z',
				'3b7e0c41-5a2d-4f8e-9c11-0a6d2e7f9b10',
				`MsalServiceException: ErrorCode: invalid_grant HTTP StatusCode 400 AADSTS50000: There was an error issuing a token or an issue with our sign-in service. ${sts('8d1f0e22-61a4-4b9e-8d3c-2f0b6a9e1c02', '3b7e0c41-5a2d-4f8e-9c11-0a6d2e7f9b10', '2026-11-21 10:41:17Z')}`,
			),
		],
	},
	{
		name: 'aadsts50000 in an On-Behalf-Of exchange whose request lacks the client id',
		format: 'msal-net',
		source: 'AADSTS50000 root cause 2 (OBO request parameters missing or invalid); MSAL.NET log lines with the token request',
		cause: 'token-issuance-obo-invalid-request',
		elsewhere: true,
		lines: [
			msalNet('2026-11-21 10:42:03Z', '7c2f4e1a-9b3d-4a6e-8f20-5d1c3b7a9e40', "AcquireTokenOnBehalfOf started for scopes 'api://downstream/.default'"),
			msalNet(
				'2026-11-21 10:42:03Z',
				'7c2f4e1a-9b3d-4a6e-8f20-5d1c3b7a9e40',
				'Sending token request: grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&requested_token_use=on_behalf_of&client_id=&scope=api%3A%2F%2Fdownstream%2F.default',
			),
			msalNet(
				'2026-11-21 10:42:04Z',
				'7c2f4e1a-9b3d-4a6e-8f20-5d1c3b7a9e40',
				`Exception type: Microsoft.Identity.Client.MsalServiceException, ErrorCode: invalid_request, HTTP StatusCode 400. AADSTS50000: There was an error issuing a token or an issue with our sign-in service. ${sts('a1e2c3d4-0000-4b9e-8d3c-2f0b6a9e1c03', '7c2f4e1a-9b3d-4a6e-8f20-5d1c3b7a9e40', '2026-11-21 10:42:04Z')}`,
			),
		],
	},
	{
		name: 'aadsts50000 after consent while a device code grant polls',
		format: 'msal-node',
		source: 'AADSTS50000 root cause 3 (consent in the device code flow); msal-node logger callback output',
		cause: 'token-issuance-device-code-consent',
		elsewhere: true,
		lines: [
			msalNode('Sat, 21 Nov 2026 10:43:00 GMT', '4a1e9c2b-7d3f-4e5a-9b60-1c2d3e4f5a60', 'Info', 'acquireTokenByDeviceCode called'),
			msalNode(
				'Sat, 21 Nov 2026 10:43:05 GMT',
				'4a1e9c2b-7d3f-4e5a-9b60-1c2d3e4f5a60',
				'Verbose',
				'Polling the token endpoint until the user completes the sign-in in the browser',
			),
			msalNode(
				'Sat, 21 Nov 2026 10:43:41 GMT',
				'4a1e9c2b-7d3f-4e5a-9b60-1c2d3e4f5a60',
				'Error',
				`ServerError: invalid_grant: AADSTS50000: There was an error issuing a token or an issue with our sign-in service. ${sts('b2e3c4d5-1111-4b9e-8d3c-2f0b6a9e1c04', '4a1e9c2b-7d3f-4e5a-9b60-1c2d3e4f5a60', '2026-11-21 10:43:41Z')}`,
			),
		],
	},
	{
		name: 'aadsts50000 with the HS256 client assertion logged after it',
		format: 'python-logging',
		source: 'AADSTS50000 root cause 4 (a symmetric signing key on the app or service principal); Python logging default format with thread names',
		cause: 'token-issuance-symmetric-signing-key',
		elsewhere: true,
		lines: [
			`2026-11-21 10:44:10,101 ERROR [MainThread] app.auth: token request failed: AADSTS50000: There was an error issuing a token or an issue with our sign-in service. ${sts('c3f4d5e6-2222-4b9e-8d3c-2f0b6a9e1c05', '9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a505', '2026-11-21 10:44:10Z')}`,
			'2026-11-21 10:44:10,102 DEBUG [MainThread] app.auth: client_assertion was {{hs256Assertion}}',
		],
	},
	{
		name: 'aadsts50000 for api://x/.default from an authorization code grant, the API exposing app roles only',
		format: 'msal-node',
		source: 'AADSTS50000 root cause 5 (the resource exposes no delegated permission); msal-node logger output with an app note',
		cause: 'token-issuance-resource-exposes-no-delegated-permission',
		elsewhere: true,
		lines: [
			msalNode(
				'Sat, 21 Nov 2026 10:45:00 GMT',
				'5b2f0d3c-8e4a-4f6b-8c71-2d3e4f5a6b71',
				'Info',
				'acquireTokenByCode called for scopes api://partner-api/.default',
			),
			msalNode(
				'Sat, 21 Nov 2026 10:45:00 GMT',
				'5b2f0d3c-8e4a-4f6b-8c71-2d3e4f5a6b71',
				'Warning',
				'partner-api (tenant A) exposes only application permissions; no delegated scopes are defined',
			),
			msalNode(
				'Sat, 21 Nov 2026 10:45:01 GMT',
				'5b2f0d3c-8e4a-4f6b-8c71-2d3e4f5a6b71',
				'Error',
				`ServerError: invalid_grant: AADSTS50000: There was an error issuing a token or an issue with our sign-in service. ${sts('d4a5e6f7-3333-4b9e-8d3c-2f0b6a9e1c06', '5b2f0d3c-8e4a-4f6b-8c71-2d3e4f5a6b71', '2026-11-21 10:45:01Z')}`,
			),
		],
	},
	// --- signature validation failures at the API ---
	{
		name: 'a Graph token logged by the API, IDX10511 on the next record, the 401 on a third',
		format: 'aspnetcore-console',
		source: 'signature validation: a Microsoft Graph token sent to another API; ASP.NET Core console logger with timestamps',
		cause: 'graph-token-sent-to-api',
		elsewhere: true,
		lines: [
			'2026-11-21T10:46:17.101Z dbug: Orders.Api.TokenLogging[0]',
			'      Authorization: Bearer {{graphToken}}',
			'2026-11-21T10:46:17.104Z fail: Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerHandler[3]',
			'      Exception occurred while processing message.',
			"      Microsoft.IdentityModel.Tokens.SecurityTokenInvalidSignatureException: IDX10511: Signature validation failed. Keys tried: '[PII is hidden]'. kid: 'graph-kid'. Exceptions caught: '[PII is hidden]'.",
			'2026-11-21T10:46:17.107Z info: Microsoft.AspNetCore.Hosting.Diagnostics[2]',
			'      Request finished HTTP/1.1 GET http://localhost:5000/api/orders - 401 0 - 6.1022ms',
		],
	},
	{
		name: 'a Graph token rejected by an API behind a reverse proxy',
		format: 'access-log',
		source: 'signature validation: a Microsoft Graph token sent to another API; nginx combined log with the challenge and the bearer token logged',
		cause: 'graph-token-sent-to-api',
		elsewhere: false,
		lines: [
			'10.0.0.7 - - [21/Nov/2026:10:47:02 +0000] "GET /api/orders HTTP/1.1" 401 0 "-" "axios/1.7" authorization="Bearer {{graphToken}}" www-authenticate="Bearer error=\\"invalid_token\\", error_description=\\"The signature is invalid\\""',
		],
	},
	{
		name: 'a Graph token IdentityModel printed as JSON, IDX10511 in the exception of the next record',
		format: 'serilog-json',
		source: 'signature validation: a Microsoft Graph token sent to another API; Serilog compact JSON, IdentityModel 7 printing the token as header.payload JSON',
		cause: 'graph-token-sent-to-api',
		elsewhere: true,
		lines: [
			serilog({
				'@t': '2026-11-21T10:48:30.210Z',
				'@mt': 'Token received: {Token}',
				Token: `{"alg":"RS256","kid":"graph-kid","nonce":"[PII is hidden]","typ":"JWT"}.{"aud":"00000003-0000-0000-c000-000000000000","iss":"https://sts.windows.net/${tid}/","tid":"${tid}","scp":"User.Read","ver":"1.0","exp":1795258800}`,
				RequestId: '0HMQ8VQ1AC1KF:00000002',
				SourceContext: 'Orders.Api.TokenLogging',
			}),
			serilog({
				'@t': '2026-11-21T10:48:30.214Z',
				'@mt': 'Exception occurred while processing message.',
				'@l': 'Error',
				'@x': "Microsoft.IdentityModel.Tokens.SecurityTokenInvalidSignatureException: IDX10511: Signature validation failed. Keys tried: '[PII is hidden]'. kid: 'graph-kid'. Exceptions caught: '[PII is hidden]'.",
				RequestId: '0HMQ8VQ1AC1KF:00000002',
				SourceContext: 'Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerHandler',
			}),
		],
	},
	{
		name: 'a B2C token, printed as JSON by IdentityModel, at an API that reads Entra metadata',
		format: 'serilog-json',
		source: 'signature validation: Entra ID and B2C use different signing keys; Serilog compact JSON, IdentityModel JSON token rendering with PII hidden',
		cause: 'api-b2c-entra-authority-mismatch',
		elsewhere: true,
		lines: [
			serilog({
				'@t': '2026-11-21T10:49:12.001Z',
				'@mt': 'Validating token {Token}',
				Token: `{"alg":"RS256","kid":"X5eXk4xyojNFum1kl2Ytv8dlNP4-c57dO6QGTVBwaNk","typ":"JWT"}.{"ver":"1.0","iss":"https://contosob2c.b2clogin.com/${tid}/v2.0/","sub":"[PII is hidden]","aud":"11111111-2222-3333-4444-555555555555","tfp":"B2C_1_susi","exp":1795258800}`,
				TraceId: '4bf92f3577b34da6a3ce929d0e0e4736',
				SourceContext: 'Orders.Api.TokenLogging',
			}),
			serilog({
				'@t': '2026-11-21T10:49:12.005Z',
				'@mt': 'Bearer was not authenticated. Failure message: {Message}',
				'@l': 'Information',
				Message:
					"IDX10516: Signature validation failed. Unable to match key: kid: 'X5eXk4xyojNFum1kl2Ytv8dlNP4-c57dO6QGTVBwaNk'. Number of keys in TokenValidationParameters: '0'. Number of keys in Configuration: '2'. Exceptions caught: '[PII is hidden]'.",
				TraceId: '4bf92f3577b34da6a3ce929d0e0e4736',
				SourceContext: 'Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerHandler',
			}),
		],
	},
	{
		name: 'a B2C token at a Python API that fetched Entra keys',
		format: 'python-logging',
		source: 'signature validation: Entra ID and B2C use different signing keys; Python logging with thread names, the response challenge logged by the access logger',
		cause: 'api-b2c-entra-authority-mismatch',
		elsewhere: true,
		lines: [
			'2026-11-21 10:50:01,220 DEBUG [Thread-7] api.auth: bearer token received: {{b2cToken}}',
			`2026-11-21 10:50:01,224 WARNING [Thread-7] api.auth: rejecting request: signature verification failed with keys from https://login.microsoftonline.com/${tid}/discovery/v2.0/keys`,
			'2026-11-21 10:50:01,225 INFO [Thread-7] api.access: GET /api/orders returned 401 WWW-Authenticate: Bearer error="invalid_token", error_description="The signature is invalid"',
		],
	},
	{
		name: 'an Entra token at an API configured with B2C metadata',
		format: 'aspnetcore-console',
		source: 'signature validation: Entra ID and B2C use different signing keys (the reverse direction); ASP.NET Core console logger with timestamps',
		cause: 'api-b2c-entra-authority-mismatch',
		elsewhere: true,
		lines: [
			'2026-11-21T10:51:00.010Z dbug: Microsoft.IdentityModel.Protocols.ConfigurationManager[0]',
			'      Obtaining configuration from https://contosob2c.b2clogin.com/contosob2c.onmicrosoft.com/b2c_1_susi/v2.0/.well-known/openid-configuration',
			'2026-11-21T10:51:00.020Z dbug: Orders.Api.TokenLogging[0]',
			'      Authorization: Bearer {{entraToken}}',
			'2026-11-21T10:51:00.031Z info: Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerHandler[1]',
			"      Failed to validate the token. IDX10501: Signature validation failed. Unable to match key: kid: 'entra-kid'.",
		],
	},
	{
		name: "an Entra token signed with the SAML app's own certificate, at an API reading the tenant's keys",
		format: 'aspnetcore-console',
		source: 'signature validation: the application is enabled for SAML SSO; ASP.NET Core console logger without timestamps (the default)',
		cause: 'api-signing-key-app-specific-saml',
		elsewhere: true,
		lines: [
			'dbug: Orders.Api.TokenLogging[0]',
			'      Authorization: Bearer {{samlAppToken}}',
			'info: Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerHandler[1]',
			"      Failed to validate the token. IDX10501: Signature validation failed. Unable to match key: kid: 'saml-app-cert'. Valid Issuer: 'True'.",
		],
	},
	{
		name: 'the metadata endpoint could not be read: no signing keys',
		format: 'aspnetcore-console',
		source: 'signature validation: the signing keys come from the OpenID Connect metadata (jwks_uri); ASP.NET Core console logger with timestamps',
		cause: 'api-signing-keys-unavailable',
		elsewhere: false,
		lines: [
			'2026-11-21T10:52:10.500Z fail: Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerHandler[3]',
			'      Exception occurred while processing message.',
			"      System.InvalidOperationException: IDX20803: Unable to obtain configuration from: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration'.",
		],
	},
	// --- RFC 6750 errors from the protected resource ---
	{
		name: 'an expired token logged before the lifetime failure',
		format: 'aspnetcore-console',
		source: 'RFC 6750 invalid_token (the access token expired); ASP.NET Core console logger with timestamps, IdentityModel with PII hidden',
		cause: 'api-token-expired',
		elsewhere: true,
		lines: [
			'2026-11-21T10:53:00.100Z dbug: Orders.Api.TokenLogging[0]',
			'      Authorization: Bearer {{expiredToken}}',
			'2026-11-21T10:53:00.104Z info: Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerHandler[1]',
			"      Failed to validate the token. Microsoft.IdentityModel.Tokens.SecurityTokenExpiredException: IDX10223: Lifetime validation failed. The token is expired. ValidTo (UTC): '[PII is hidden]', Current time (UTC): '[PII is hidden]'.",
		],
	},
	{
		name: 'an expired token answered with the RFC 6750 challenge',
		format: 'access-log',
		source: 'RFC 6750 invalid_token with error_description; nginx log with the response header logged',
		cause: 'api-token-expired',
		elsewhere: false,
		lines: [
			'10.0.0.8 - - [21/Nov/2026:10:54:00 +0000] "GET /api/orders HTTP/1.1" 401 0 "-" "curl/8.5" www-authenticate="Bearer realm=\\"orders\\", error=\\"invalid_token\\", error_description=\\"The access token expired\\""',
		],
	},
	{
		name: 'a token without the scope the operation needs',
		format: 'access-log',
		source: 'RFC 6750 insufficient_scope (403 with the scope needed); nginx log with the response header logged',
		cause: 'api-insufficient-scope',
		elsewhere: false,
		lines: [
			'10.0.0.9 - - [21/Nov/2026:10:55:00 +0000] "POST /api/orders HTTP/1.1" 403 0 "-" "axios/1.7" www-authenticate="Bearer error=\\"insufficient_scope\\", scope=\\"Orders.Write\\""',
		],
	},
	{
		name: 'a malformed Authorization header answered with invalid_request',
		format: 'serilog-json',
		source: 'RFC 6750 invalid_request (the request is malformed); Serilog compact JSON with ASP.NET Core request ids',
		cause: 'api-request-malformed',
		elsewhere: false,
		lines: [
			serilog({
				'@t': '2026-11-21T10:56:00.001Z',
				'@mt': 'Request starting {Method} {Path}',
				Method: 'GET',
				Path: '/api/orders',
				RequestId: '0HMQ8VQ1AC1KG:00000005',
			}),
			serilog({
				'@t': '2026-11-21T10:56:00.004Z',
				'@mt': 'HTTP {Method} {Path} responded {StatusCode}',
				Method: 'GET',
				Path: '/api/orders',
				StatusCode: 400,
				WwwAuthenticate: 'Bearer error="invalid_request", error_description="The Authorization header is malformed"',
				RequestId: '0HMQ8VQ1AC1KG:00000005',
			}),
		],
	},
	{
		name: 'a request without credentials, answered with a bare Bearer challenge',
		format: 'access-log',
		source: 'RFC 6750 section 3.1: a request lacking any authentication information gets no error code; nginx log with the response header logged',
		cause: 'api-credentials-not-sent',
		elsewhere: false,
		lines: [
			'10.0.0.10 - - [21/Nov/2026:10:57:00 +0000] "GET /api/orders HTTP/1.1" 401 0 "-" "python-requests/2.32" www-authenticate="Bearer realm=\\"orders-api\\""',
		],
	},
];
