/**
 * Sign-in records in their three families, mapped to one AuthEvent:
 * - Graph `signIn` (v1.0 and beta; also the Entra admin center JSON download),
 * - diagnostic-settings records (envelope with `resultType` string and `properties{}`),
 * - Log Analytics rows (PascalCase columns; some JSON encoded as strings; from JSON or CSV).
 * The Entra admin center CSV download is a fourth family, told apart here and read by
 * portal-csv.ts.
 */
import type {AuthEvent, RecordSource, SigninContext} from './event.js';
import {newEvent} from './event.js';
import {normalizeTime} from './artifacts/time.js';
import {tokenIdOfSignin} from '../tokens/uti.js';
import type {JsonObject} from './json-values.js';
import {bool, decoded, integer, isObject, pick, text} from './json-values.js';
import {isPortalSigninRow} from './portal-csv.js';

/** Which family a JSON object belongs to, or undefined when it is no sign-in. */
export function signinFamily(record: JsonObject): 'graph' | 'diagnostic' | 'log-analytics' | 'portal-csv' | undefined {
	if (isObject(record.properties) && ('resultType' in record || 'operationName' in record || 'category' in record)) return 'diagnostic';
	if (isPortalSigninRow(record)) return 'portal-csv';
	if ('ResultType' in record || ('TimeGenerated' in record && 'CorrelationId' in record)) return 'log-analytics';
	if ('createdDateTime' in record || (isObject(record.status) && 'errorCode' in record.status)) return 'graph';
	return undefined;
}

export function extractGraphSignin(record: JsonObject, source: RecordSource): AuthEvent {
	const event = newEvent('signin', source);
	fillFromGraphFields(event, record);
	setOutcome(event, integer(isObject(record.status) ? record.status.errorCode : undefined));
	return event;
}

export function extractDiagnosticSignin(record: JsonObject, source: RecordSource): AuthEvent {
	const event = newEvent('signin', source);
	const properties = record.properties as JsonObject;
	fillFromGraphFields(event, properties);
	event.time = normalizeTime(pick(record, 'time')) ?? event.time;
	event.ids.correlationId ??= lower(text(record.correlationId));
	event.who.tenantId ??= lower(text(record.tenantId));
	event.who.ip ??= text(record.callerIpAddress);
	event.signin!.category = text(record.category) ?? event.signin!.category;
	if (!event.signin!.failureReason) event.signin!.failureReason = text(record.resultDescription);
	const status = isObject(properties.status) ? properties.status.errorCode : undefined;
	setOutcome(event, integer(pick(record, 'resultType')) ?? integer(status));
	return event;
}

/**
 * Column names as in the JSON export; CSV exports differ only in spelling: the reader drops
 * the ` [UTC]` of `TimeGenerated [UTC]`, and a table re-ingested as a custom log splits each
 * dynamic column in two (`Status_dynamic` / `Status_string`, as the Sentinel training data
 * has them), read here as the column itself.
 */
export function extractLogAnalyticsSignin(row: JsonObject, source: RecordSource): AuthEvent {
	const event = newEvent('signin', source);
	const status = decoded(pick(row, 'Status', 'Status_dynamic', 'Status_string'));
	const statusObject = isObject(status) ? status : {};
	event.time = normalizeTime(pick(row, 'TimeGenerated', 'CreatedDateTime'));
	event.ids.requestId = lower(text(row.Id));
	event.ids.correlationId = lower(text(row.CorrelationId));
	event.ids.uti = tokenIdOfSignin(text(row.UniqueTokenIdentifier), event.ids.requestId);
	event.who.upn = text(row.UserPrincipalName);
	event.who.userId = lower(text(row.UserId));
	// In Log Analytics, TenantId is the workspace's id; the directory is AADTenantId.
	event.who.tenantId = lower(text(pick(row, 'AADTenantId', 'HomeTenantId')));
	event.who.ip = text(row.IPAddress);
	event.app.id = lower(text(row.AppId));
	event.app.name = text(row.AppDisplayName);
	event.resource.id = lower(text(pick(row, 'ResourceIdentity', 'ResourceId')));
	event.resource.name = text(row.ResourceDisplayName);
	const details = decoded(row.AuthenticationProcessingDetails);
	event.signin = {
		category: text(row.Category),
		clientApp: text(row.ClientAppUsed),
		caStatus: text(row.ConditionalAccessStatus),
		caPolicies: appliedPolicies(decoded(pick(row, 'ConditionalAccessPolicies', 'ConditionalAccessPolicies_dynamic', 'ConditionalAccessPolicies_string'))),
		flow: text(pick(row, 'AuthenticationProtocol', 'OriginalTransferMethod')),
		credentialType: text(row.ClientCredentialType),
		incomingTokenType: text(row.IncomingTokenType),
		failureReason: text(statusObject.failureReason) ?? text(row.ResultDescription),
		additionalDetails: text(statusObject.additionalDetails),
		processingDetails: keyValues(details),
		isInteractive: bool(row.IsInteractive),
		...deviceOf(decoded(row.DeviceDetail)),
		location: locationOf(decoded(row.LocationDetails)) ?? text(row.Location),
	};
	setOutcome(event, integer(row.ResultType) ?? integer(statusObject.errorCode));
	return event;
}

/** The Graph field names, shared by Graph records and diagnostic `properties`. */
function fillFromGraphFields(event: AuthEvent, r: JsonObject): void {
	event.time = normalizeTime(pick(r, 'createdDateTime'));
	event.ids.requestId = lower(text(r.id));
	event.ids.correlationId = lower(text(r.correlationId));
	event.ids.uti = tokenIdOfSignin(text(r.uniqueTokenIdentifier), event.ids.requestId);
	event.who.upn = text(r.userPrincipalName);
	event.who.userId = lower(text(r.userId));
	event.who.tenantId = lower(text(pick(r, 'homeTenantId', 'tenantId')));
	event.who.ip = text(r.ipAddress);
	event.app.id = lower(text(r.appId));
	event.app.name = text(r.appDisplayName);
	event.resource.id = lower(text(r.resourceId));
	event.resource.name = text(r.resourceDisplayName);
	const status = isObject(r.status) ? r.status : {};
	const eventTypes = Array.isArray(r.signInEventTypes) ? r.signInEventTypes : undefined;
	const signin: SigninContext = {
		category: eventTypes ? text(eventTypes[0]) : undefined,
		clientApp: text(r.clientAppUsed),
		caStatus: text(r.conditionalAccessStatus),
		caPolicies: appliedPolicies(r.appliedConditionalAccessPolicies),
		flow: text(pick(r, 'authenticationProtocol', 'originalTransferMethod')),
		credentialType: text(r.clientCredentialType),
		incomingTokenType: text(r.incomingTokenType),
		failureReason: text(status.failureReason),
		additionalDetails: text(status.additionalDetails),
		processingDetails: keyValues(r.authenticationProcessingDetails),
		isInteractive: bool(r.isInteractive),
		...deviceOf(r.deviceDetail),
		location: locationOf(r.location),
	};
	event.signin = signin;
}

/** deviceDetail (Graph, diagnostic, Log Analytics): empty strings mean "not presented". */
function deviceOf(detail: unknown): Partial<SigninContext> {
	if (!isObject(detail)) return {};
	return {
		deviceId: text(detail.deviceId),
		deviceOs: text(detail.operatingSystem),
		browser: text(detail.browser),
		deviceCompliant: bool(detail.isCompliant),
		deviceManaged: bool(detail.isManaged),
		deviceTrustType: text(detail.trustType),
	};
}

/** location / LocationDetails {city, state, countryOrRegion} → "City, State, CC". */
function locationOf(value: unknown): string | undefined {
	if (!isObject(value)) return undefined;
	const parts = [text(value.city), text(value.state), text(value.countryOrRegion)].filter((p): p is string => p !== undefined);
	return parts.length > 0 ? parts.join(', ') : undefined;
}

/** 0 is success. A missing or empty status is unknown, never success. */
function setOutcome(event: AuthEvent, code: number | undefined): void {
	if (code === undefined) {
		event.outcome = 'unknown';
		return;
	}
	if (code === 0) {
		event.outcome = 'success';
		return;
	}
	event.outcome = 'failure';
	event.codes.aadsts.push(code);
}

/** Names of the Conditional Access policies that acted (success or failure), not those skipped. */
function appliedPolicies(value: unknown): string[] | undefined {
	if (!Array.isArray(value)) return undefined;
	const names: string[] = [];
	for (const policy of value) {
		if (!isObject(policy)) continue;
		const result = text(policy.result);
		if (result !== 'success' && result !== 'failure') continue;
		const name = text(policy.displayName);
		if (name) names.push(`${name}:${result}`);
	}
	return names.length > 0 ? names : undefined;
}

function keyValues(value: unknown): string[] | undefined {
	if (!Array.isArray(value)) return undefined;
	const out: string[] = [];
	for (const item of value) {
		if (isObject(item) && text(item.key)) out.push(`${text(item.key)}=${text(item.value) ?? ''}`);
	}
	return out.length > 0 ? out : undefined;
}

function lower(value: string | undefined): string | undefined {
	return value?.toLowerCase();
}
