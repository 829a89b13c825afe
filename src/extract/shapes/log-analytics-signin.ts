/**
 * Log Analytics rows (SigninLogs, AADNonInteractiveUserSignInLogs, ...): PascalCase columns,
 * some of them JSON encoded as strings; from a JSON query result or a CSV export. Graph
 * PowerShell's sign-ins as JSON (`Get-MgAuditLogSignIn | ConvertTo-Json`) share the names
 * (`CreatedDateTime`, `CorrelationId`, `Status.ErrorCode`) and are read here too.
 */

import {tokenIdOfSignin} from '../../tokens/uti.js';
import {realId, realTokenId} from '../artifacts/ids.js';
import {normalizeTime} from '../artifacts/time.js';
import {appliedPolicies} from '../ca-policies.js';
import type {AuthEvent, RecordSource, SigninContext} from '../event.js';
import {newEvent} from '../event.js';
import type {InputShape} from '../input-shape.js';
import type {JsonObject} from '../json-values.js';
import {bool, decoded, integer, isObject, pick, text} from '../json-values.js';
import {keyValues, locationOf, lower, setDevice, setOutcome} from '../signin-fields.js';

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
	// TimeGenerated is when the row was ingested; CreatedDateTime is the sign-in itself.
	event.time = normalizeTime(pick(row, 'CreatedDateTime', 'TimeGenerated'));
	event.ids.requestId = realId(text(row.Id));
	event.ids.correlationId = realId(text(row.CorrelationId));
	event.ids.uti = tokenIdOfSignin(realTokenId(text(row.UniqueTokenIdentifier)), event.ids.requestId);
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
	const signin: SigninContext = {
		category: text(row.Category),
		clientApp: text(row.ClientAppUsed),
		caStatus: text(row.ConditionalAccessStatus),
		caPolicies: appliedPolicies(
			decoded(
				pick(
					row,
					'ConditionalAccessPolicies',
					'ConditionalAccessPolicies_dynamic',
					'ConditionalAccessPolicies_string',
					'AppliedConditionalAccessPolicies',
				),
			),
		),
		flow: text(pick(row, 'AuthenticationProtocol', 'OriginalTransferMethod')),
		credentialType: text(row.ClientCredentialType),
		incomingTokenType: text(row.IncomingTokenType),
		failureReason: text(pick(statusObject, 'failureReason', 'FailureReason')) ?? text(row.ResultDescription),
		additionalDetails: text(pick(statusObject, 'additionalDetails', 'AdditionalDetails')),
		processingDetails: keyValues(details),
		isInteractive: bool(row.IsInteractive),
		// Log Analytics: LocationDetails and a country code in Location; Graph PowerShell: Location is the object.
		location: locationOf(decoded(row.LocationDetails)) ?? locationOf(row.Location) ?? text(row.Location),
	};
	setDevice(signin, decoded(row.DeviceDetail));
	event.signin = signin;
	setOutcome(event, integer(row.ResultType) ?? integer(pick(statusObject, 'errorCode', 'ErrorCode')));
	return event;
}

export const logAnalyticsSignin: InputShape = {
	name: 'log-analytics-signin',
	summary: 'Log Analytics sign-in rows (JSON query results, CSV exports): PascalCase columns, ResultType',
	// `TimeGenerated [UTC]` reads as `TimeGenerated`.
	csvColumns: ['TimeGenerated', 'CreatedDateTime', 'CorrelationId', 'ResultType', 'UserPrincipalName'],
	// A projection without TimeGenerated or ResultType (`| project CreatedDateTime, ...`), and Graph
	// PowerShell's ConvertTo-Json of sign-ins, have the same PascalCase names: read alike.
	recognize: (row) => 'ResultType' in row || (('TimeGenerated' in row || 'CreatedDateTime' in row) && 'CorrelationId' in row),
	extract: extractLogAnalyticsSignin,
};
