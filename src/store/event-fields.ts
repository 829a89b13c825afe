/**
 * The columns of the events table, one entry per field, and everything aadlog does with
 * each: its SQL type and comment (the fresh schema and docs/schema.md), how the store reads
 * it from an AuthEvent and redacts it (event-rows.ts), which rule field it is and how a rule
 * compares it (classify/app-only-fields.ts, rules-compiler/sign-in-fields.ts, sql-target.ts),
 * how a KQL query reads it (rules-compiler/kql-fields.ts), whether --pseudonymize replaces
 * it (privacy/pseudonymizer.ts), and whether a successful sign-in keeps it.
 * Add a column here and in a new migration (migrations/): a test checks both agree.
 */
import type {AuthEvent} from '../extract/event.js';

/** What the store knows of a row besides its event. */
export interface RowContext {
	key: bigint;
	runId: number;
	sourceId: number;
	causeId: number | null;
}

/**
 * How the store redacts a text: an identifier (a GUID, a uti, a code) is kept as it is unless
 * it holds more than one word; a time is kept when it is ISO 8601 as aadlog writes it (digits
 * only); any other text goes through the redactor whole.
 */
export type StoredRedaction = 'identifier' | 'time' | 'text' | 'none';

/** How a field's value looks on an event: the engine compares each type differently. */
export type ValueType = 'text' | 'number' | 'boolean' | 'text-list';

/** Which pseudonym replaces a value: a whole UPN, user object id or address, or what free text quotes. */
export type PseudonymKind = 'upn' | 'userId' | 'ip' | 'text';

/** How a KQL query over the Log Analytics sign-in tables reads a rule field (kql-fields.ts builds it). */
export type KqlSpec =
	| {column: string; type?: 'number' | 'boolean'}
	/** The first present of several columns, as `as`. */
	| {firstOf: string[]; as: string}
	/** A property of a JSON column (dynamic in some tables, a JSON string in others), as `as`. */
	| {json: string; key: string; as: string; type?: 'boolean'}
	/** Status.failureReason, else ResultDescription. */
	| {failureReason: true}
	/** aadlog computes it from a row in a way a case() arm would not reproduce exactly. */
	| {unavailable: string; list?: boolean};

export interface RuleField {
	/** The rule field's name, also its path in an AuthEvent (`who.upn`: event.who.upn). */
	name: string;
	type?: ValueType;
	/** Sign-ins never carry it (src/extract/signin.ts and portal-csv.ts set none): what it is, for reports. */
	appOnly?: string;
}

export interface EventField {
	column: string;
	/** SQL type and constraints. */
	sql: string;
	comment: string;
	read(event: AuthEvent, row: RowContext): string | number | bigint | null;
	redact: StoredRedaction;
	rule?: RuleField;
	kql?: KqlSpec;
	pseudonymize?: PseudonymKind;
	/** A successful sign-in keeps it; otherwise NULL there. */
	slim: boolean;
}

/** true → 1, false → 0, unknown → NULL. */
const flag = (value: boolean | undefined): number | null => (value === undefined ? null : value ? 1 : 0);
const spaced = (values: readonly (string | number)[]): string | null => (values.length > 0 ? values.join(' ') : null);
const notKeptBySuccess = 'NULL for successful sign-ins (stored slim)';

export const eventFields = [
	{
		column: 'record_key',
		sql: 'INTEGER NOT NULL',
		comment: '64-bit hash of the record (text records: with their line; sign-ins: of their Request ID): the same record read again is not stored twice',
		read: (_, row) => row.key,
		redact: 'none',
		slim: true,
	},
	{
		column: 'run_id',
		sql: 'INTEGER NOT NULL REFERENCES runs(id)',
		comment: 'run that first stored it',
		read: (_, row) => row.runId,
		redact: 'none',
		slim: true,
	},
	{
		column: 'source_id',
		sql: 'INTEGER NOT NULL REFERENCES sources(id)',
		comment: 'where it was read',
		read: (_, row) => row.sourceId,
		redact: 'none',
		slim: true,
	},
	{
		column: 'line',
		sql: 'INTEGER',
		comment: '1-based line of the record in its source',
		read: (e) => e.source.line,
		redact: 'none',
		slim: true,
	},
	{
		column: 'item',
		sql: 'INTEGER',
		comment: '0-based index inside a JSON array or envelope',
		read: (e) => e.source.index ?? null,
		redact: 'none',
		slim: true,
	},
	{
		column: 'time',
		sql: 'TEXT',
		comment: 'when it happened, ISO 8601 UTC with milliseconds',
		read: (e) => e.time ?? null,
		redact: 'time',
		slim: true,
		rule: {name: 'time'},
		kql: {unavailable: 'aadlog tests the time as ISO 8601 text with milliseconds; TimeGenerated is a datetime'},
	},
	{
		column: 'kind',
		sql: 'TEXT NOT NULL',
		comment: 'signin | app',
		read: (e) => e.kind,
		redact: 'identifier',
		slim: true,
		rule: {name: 'kind'},
	},
	{
		column: 'outcome',
		sql: 'TEXT NOT NULL',
		comment: 'success | failure | interrupt | unknown',
		read: (e) => e.outcome,
		redact: 'identifier',
		slim: true,
		rule: {name: 'outcome'},
	},
	{
		column: 'error_code',
		sql: 'INTEGER',
		comment: 'primary AADSTS code: 0 for success, NULL when none',
		read: (e) => (e.outcome === 'success' && e.kind === 'signin' ? 0 : (e.codes.aadsts[0] ?? null)),
		redact: 'none',
		slim: true,
	},
	{
		column: 'aadsts_codes',
		sql: 'TEXT',
		comment: 'every AADSTS code of the record, space-separated, primary first',
		read: (e) => spaced(e.codes.aadsts),
		redact: 'identifier',
		slim: false,
		rule: {name: 'codes.aadsts', type: 'number'},
		kql: {column: 'ResultType', type: 'number'},
	},
	{
		column: 'oauth_error',
		sql: 'TEXT',
		comment: 'OAuth 2.0 error value (invalid_grant, ...)',
		read: (e) => e.codes.oauthError ?? null,
		redact: 'identifier',
		slim: false,
		rule: {name: 'codes.oauthError', appOnly: 'an OAuth error value from an app log'},
	},
	{
		column: 'idx_codes',
		sql: 'TEXT',
		comment: 'IdentityModel codes, space-separated (IDX10223 ...)',
		read: (e) => spaced(e.codes.idx),
		redact: 'identifier',
		slim: false,
		rule: {name: 'codes.idx', type: 'text-list', appOnly: 'IdentityModel IDX codes'},
	},
	{
		column: 'http_status',
		sql: 'INTEGER',
		comment: 'HTTP status the record reported',
		read: (e) => e.codes.httpStatus ?? null,
		redact: 'none',
		slim: false,
		rule: {name: 'codes.httpStatus', type: 'number', appOnly: 'an HTTP status from an app log'},
	},
	{
		column: 'bearer_error',
		sql: 'TEXT',
		comment: 'RFC 6750 error of a WWW-Authenticate: Bearer challenge',
		read: (e) => e.codes.bearerError ?? null,
		redact: 'identifier',
		slim: false,
		rule: {name: 'codes.bearerError', appOnly: 'a WWW-Authenticate: Bearer error'},
	},
	{
		column: 'correlation_id',
		sql: 'TEXT',
		comment: 'correlation id (lower-case GUID)',
		read: (e) => e.ids.correlationId ?? null,
		redact: 'identifier',
		slim: true,
		rule: {name: 'ids.correlationId'},
		kql: {column: 'CorrelationId'},
	},
	{
		column: 'request_id',
		sql: 'TEXT',
		comment: 'sign-in id (Request ID)',
		read: (e) => e.ids.requestId ?? null,
		redact: 'identifier',
		slim: true,
		rule: {name: 'ids.requestId'},
		kql: {column: 'Id'},
	},
	{
		column: 'trace_id',
		sql: 'TEXT',
		comment: 'STS trace id: the Request ID of the sign-in that failed',
		read: (e) => e.ids.traceId ?? null,
		redact: 'identifier',
		slim: false,
		rule: {name: 'ids.traceId', appOnly: 'an STS trace id from an app log'},
	},
	{
		column: 'uti',
		sql: 'TEXT',
		comment: 'uniqueTokenIdentifier / token uti claim',
		read: (e) => e.ids.uti ?? null,
		redact: 'identifier',
		slim: true,
		rule: {name: 'ids.uti'},
		kql: {unavailable: 'aadlog derives it from UniqueTokenIdentifier and Id (src/tokens/uti.ts)'},
	},
	{
		column: 'user_principal_name',
		sql: 'TEXT',
		comment: 'UPN of the signing-in user',
		read: (e) => e.who.upn ?? null,
		redact: 'text',
		slim: true,
		rule: {name: 'who.upn'},
		pseudonymize: 'upn',
		kql: {column: 'UserPrincipalName'},
	},
	{
		column: 'user_id',
		sql: 'TEXT',
		comment: 'object id of the user',
		read: (e) => e.who.userId ?? null,
		redact: 'identifier',
		slim: true,
		rule: {name: 'who.userId'},
		pseudonymize: 'userId',
		kql: {column: 'UserId'},
	},
	// In Log Analytics, TenantId is the workspace's: the directory is AADTenantId (or HomeTenantId).
	{
		column: 'tenant_id',
		sql: 'TEXT',
		comment: 'tenant id',
		read: (e) => e.who.tenantId ?? null,
		redact: 'identifier',
		slim: true,
		rule: {name: 'who.tenantId'},
		kql: {firstOf: ['AADTenantId', 'HomeTenantId'], as: 'UserTenantId'},
	},
	{
		column: 'ip_address',
		sql: 'TEXT',
		comment: `client IP address; ${notKeptBySuccess}`,
		read: (e) => e.who.ip ?? null,
		redact: 'text',
		slim: false,
		rule: {name: 'who.ip'},
		pseudonymize: 'ip',
		kql: {column: 'IPAddress'},
	},
	{
		column: 'app_id',
		sql: 'TEXT',
		comment: 'client application id',
		read: (e) => e.app.id ?? null,
		redact: 'identifier',
		slim: true,
		rule: {name: 'app.id'},
		kql: {column: 'AppId'},
	},
	{
		column: 'app_name',
		sql: 'TEXT',
		comment: 'client application display name',
		read: (e) => e.app.name ?? null,
		redact: 'text',
		slim: true,
		rule: {name: 'app.name'},
		kql: {column: 'AppDisplayName'},
	},
	{
		column: 'resource_id',
		sql: 'TEXT',
		comment: 'resource (API) id',
		read: (e) => e.resource.id ?? null,
		redact: 'identifier',
		slim: true,
		rule: {name: 'resource.id'},
		kql: {firstOf: ['ResourceIdentity', 'ResourceId'], as: 'ResourceAppId'},
	},
	{
		column: 'resource_name',
		sql: 'TEXT',
		comment: 'resource display name',
		read: (e) => e.resource.name ?? null,
		redact: 'text',
		slim: true,
		rule: {name: 'resource.name'},
		kql: {column: 'ResourceDisplayName'},
	},
	{
		column: 'category',
		sql: 'TEXT',
		comment: `sign-in log category (SignInLogs, NonInteractiveUserSignInLogs, ...) or event type; ${notKeptBySuccess}`,
		read: (e) => e.signin?.category ?? null,
		redact: 'text',
		slim: false,
		rule: {name: 'signin.category'},
		kql: {column: 'Category'},
	},
	{
		column: 'client_app',
		sql: 'TEXT',
		comment: `client app used (Browser, Mobile Apps and Desktop clients, ...); ${notKeptBySuccess}`,
		read: (e) => e.signin?.clientApp ?? null,
		redact: 'text',
		slim: false,
		rule: {name: 'signin.clientApp'},
		kql: {column: 'ClientAppUsed'},
	},
	{
		column: 'ca_status',
		sql: 'TEXT',
		comment: `Conditional Access status: success | failure | notApplied; ${notKeptBySuccess}`,
		read: (e) => e.signin?.caStatus ?? null,
		redact: 'text',
		slim: false,
		rule: {name: 'signin.caStatus'},
		kql: {column: 'ConditionalAccessStatus'},
	},
	{
		column: 'flow',
		sql: 'TEXT',
		comment: `authentication protocol / flow (deviceCode, ropc, ...); ${notKeptBySuccess}`,
		read: (e) => e.signin?.flow ?? null,
		redact: 'text',
		slim: false,
		rule: {name: 'signin.flow'},
		kql: {firstOf: ['AuthenticationProtocol', 'OriginalTransferMethod'], as: 'Flow'},
	},
	{
		column: 'failure_reason',
		sql: 'TEXT',
		comment: "Entra's failure reason text (failures only)",
		read: (e) => (e.outcome === 'success' ? null : (e.signin?.failureReason ?? null)),
		redact: 'text',
		slim: false,
		rule: {name: 'signin.failureReason'},
		pseudonymize: 'text',
		kql: {failureReason: true},
	},
	{
		column: 'cause_id',
		sql: 'INTEGER REFERENCES causes(id)',
		comment: 'most likely cause (failures and interrupts)',
		read: (_, row) => row.causeId,
		redact: 'none',
		slim: true,
	},
	{
		column: 'message',
		sql: 'TEXT',
		comment: "app events: the record's text, tokens and secrets redacted",
		read: (e) => e.message ?? null,
		redact: 'text',
		slim: false,
		rule: {name: 'message', appOnly: 'app-log text (message)'},
		pseudonymize: 'text',
	},
	{
		column: 'ca_policies',
		sql: 'TEXT',
		comment: `sign-ins: Conditional Access policies that acted, "name:result; ..."; ${notKeptBySuccess}`,
		read: (e) => (e.signin?.caPolicies && e.signin.caPolicies.length > 0 ? e.signin.caPolicies.join('; ') : null),
		redact: 'text',
		slim: false,
		rule: {name: 'signin.caPolicies', type: 'text-list'},
		kql: {unavailable: 'aadlog lists "name:result" of the policies that acted; no per-element test in a case() arm', list: true},
	},
	{
		column: 'additional_details',
		sql: 'TEXT',
		comment: `sign-ins: status.additionalDetails, Entra's extra explanation; ${notKeptBySuccess}`,
		read: (e) => e.signin?.additionalDetails ?? null,
		redact: 'text',
		slim: false,
		rule: {name: 'signin.additionalDetails'},
		pseudonymize: 'text',
		kql: {json: 'Status', key: 'additionalDetails', as: 'AdditionalDetails'},
	},
	{
		column: 'is_interactive',
		sql: 'INTEGER',
		comment: `sign-ins: 1 interactive, 0 non-interactive, NULL unknown; ${notKeptBySuccess}`,
		read: (e) => flag(e.signin?.isInteractive),
		redact: 'none',
		slim: false,
		rule: {name: 'signin.isInteractive', type: 'boolean'},
		kql: {column: 'IsInteractive', type: 'boolean'},
	},
	{
		column: 'device_id',
		sql: 'TEXT',
		comment: `sign-ins: Entra device id; NULL when no device was presented; ${notKeptBySuccess}`,
		read: (e) => e.signin?.deviceId ?? null,
		redact: 'identifier',
		slim: false,
		rule: {name: 'signin.deviceId'},
		kql: {json: 'DeviceDetail', key: 'deviceId', as: 'DeviceId'},
	},
	{
		column: 'device_os',
		sql: 'TEXT',
		comment: `sign-ins: operating system of the device; ${notKeptBySuccess}`,
		read: (e) => e.signin?.deviceOs ?? null,
		redact: 'text',
		slim: false,
		rule: {name: 'signin.deviceOs'},
		kql: {json: 'DeviceDetail', key: 'operatingSystem', as: 'DeviceOs'},
	},
	{
		column: 'browser',
		sql: 'TEXT',
		comment: `sign-ins: browser and version; ${notKeptBySuccess}`,
		read: (e) => e.signin?.browser ?? null,
		redact: 'text',
		slim: false,
		rule: {name: 'signin.browser'},
		kql: {json: 'DeviceDetail', key: 'browser', as: 'DeviceBrowser'},
	},
	{
		column: 'device_compliant',
		sql: 'INTEGER',
		comment: `sign-ins: 1 compliant (Intune), 0 not, NULL unknown; ${notKeptBySuccess}`,
		read: (e) => flag(e.signin?.deviceCompliant),
		redact: 'none',
		slim: false,
		rule: {name: 'signin.deviceCompliant', type: 'boolean'},
		kql: {json: 'DeviceDetail', key: 'isCompliant', as: 'DeviceCompliant', type: 'boolean'},
	},
	{
		column: 'device_managed',
		sql: 'INTEGER',
		comment: `sign-ins: 1 managed, 0 not, NULL unknown; ${notKeptBySuccess}`,
		read: (e) => flag(e.signin?.deviceManaged),
		redact: 'none',
		slim: false,
		rule: {name: 'signin.deviceManaged', type: 'boolean'},
		kql: {json: 'DeviceDetail', key: 'isManaged', as: 'DeviceManaged', type: 'boolean'},
	},
	{
		column: 'device_trust_type',
		sql: 'TEXT',
		comment: `sign-ins: Azure AD joined | Hybrid Azure AD joined | Azure AD registered; ${notKeptBySuccess}`,
		read: (e) => e.signin?.deviceTrustType ?? null,
		redact: 'text',
		slim: false,
		rule: {name: 'signin.deviceTrustType'},
		kql: {json: 'DeviceDetail', key: 'trustType', as: 'DeviceTrustType'},
	},
	{
		column: 'location',
		sql: 'TEXT',
		comment: `sign-ins: City, State, country code; ${notKeptBySuccess}`,
		read: (e) => e.signin?.location ?? null,
		redact: 'text',
		slim: false,
		rule: {name: 'signin.location'},
		kql: {unavailable: 'aadlog formats "City, State, CC" from LocationDetails'},
	},
] as const satisfies readonly EventField[];

export type EventColumn = (typeof eventFields)[number]['column'];

/** The events row's columns in the order the store binds them (INSERT INTO events). */
export const eventColumns: readonly EventColumn[] = eventFields.map((f) => f.column);

/** The fields a rule can test, by rule field name. */
export const ruleFields: ReadonlyMap<string, EventField & {rule: RuleField}> = new Map(
	(eventFields as readonly EventField[]).filter((f): f is EventField & {rule: RuleField} => f.rule !== undefined).map((f) => [f.rule.name, f]),
);

/**
 * A successful sign-in is stored slim: only the columns marked `slim`, the others NULL. It
 * keeps what counts, joins (an app failure to the sign-in that issued its token), `trace`
 * and the reports read; failures, interrupts and app events keep everything.
 */
export function storedSlim(event: Pick<AuthEvent, 'kind' | 'outcome'>): boolean {
	return event.kind === 'signin' && event.outcome === 'success';
}

/**
 * The events table's columns as CREATE TABLE lines, each with its comment, for a new
 * database (schema.ts); a database made by the migrations has the same columns.
 */
export function eventColumnsDdl(): string {
	const lines = [['id', 'INTEGER PRIMARY KEY', 'row id'] as const, ...eventFields.map((f) => [f.column, f.sql, f.comment] as const)];
	return lines.map(([name, sql, comment], i) => `  ${`${name.padEnd(14)} ${sql}${i < lines.length - 1 ? ',' : ''}`.padEnd(36)} -- ${comment}`).join('\n');
}
