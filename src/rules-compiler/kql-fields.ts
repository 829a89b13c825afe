/**
 * Rule field → KQL expression, per sign-in table, reading the same columns aadlog's own
 * extractor reads from a Log Analytics row (src/extract/shapes/log-analytics-signin.ts):
 * the first present of several columns, JSON properties of Status and DeviceDetail, and
 * the columns the non-interactive and service principal tables hold as JSON strings
 * parsed first. A field whose columns the table does not have is absent for every row,
 * as it is when aadlog reads an export of that table.
 */
import {kustoColumns, type KustoTableName, type KustoType} from './kusto-tables.js';

/** How the case() reads a field: a column, or a column derived once before it. */
export interface KqlField {
	/** What the tests read: a column name or the name of a derived column. */
	expr: string;
	type: 'text' | 'number' | 'boolean';
	/** `name = expression` to extend before classifying. */
	derived?: {name: string; expression: string};
	/** Columns holding JSON in a string that the expression reads as dynamic (parse first). */
	jsonColumns: string[];
}

export type KqlFieldSource = {kind: 'field'; field: KqlField} | {kind: 'missing'; columns: string[]} | {kind: 'unavailable'; why: string; list?: boolean};

interface Spec {
	columns: string[];
	build(table: Map<string, KustoType>): KqlField | undefined;
}

const plain = (column: string, type: KqlField['type'] = 'text'): Spec => ({
	columns: [column],
	build: (table) => (table.has(column) ? {expr: column, type, jsonColumns: []} : undefined),
});

/** aadlog's `pick`: the first column with a value. */
const firstOf = (name: string, columns: string[]): Spec => ({
	columns,
	build: (table) => {
		const present = columns.filter((c) => table.has(c));
		if (present.length === 0) return undefined;
		if (present.length === 1) return {expr: present[0], type: 'text', jsonColumns: []};
		return {expr: name, type: 'text', derived: {name, expression: `coalesce(${present.join(', ')})`}, jsonColumns: []};
	},
});

/** A property of a JSON column (dynamic in some tables, a JSON string in others). */
const property = (name: string, column: string, key: string, type: 'text' | 'boolean' = 'text'): Spec => ({
	columns: [column],
	build: (table) => {
		if (!table.has(column)) return undefined;
		const convert = type === 'boolean' ? 'tobool' : 'tostring';
		return {expr: name, type, derived: {name, expression: `${convert}(${column}.${key})`}, jsonColumns: jsonString(table, column)};
	},
});

function jsonString(table: Map<string, KustoType>, column: string): string[] {
	return table.get(column) === 'string' ? [column] : [];
}

const specs: Record<string, Spec> = {
	'codes.aadsts': {columns: ['ResultType'], build: (table) => (table.has('ResultType') ? {expr: 'ResultType', type: 'number', jsonColumns: []} : undefined)},
	'ids.requestId': plain('Id'),
	'ids.correlationId': plain('CorrelationId'),
	'who.upn': plain('UserPrincipalName'),
	'who.userId': plain('UserId'),
	// In Log Analytics, TenantId is the workspace's: the directory is AADTenantId (or HomeTenantId).
	'who.tenantId': firstOf('UserTenantId', ['AADTenantId', 'HomeTenantId']),
	'who.ip': plain('IPAddress'),
	'app.id': plain('AppId'),
	'app.name': plain('AppDisplayName'),
	'resource.id': firstOf('ResourceAppId', ['ResourceIdentity', 'ResourceId']),
	'resource.name': plain('ResourceDisplayName'),
	'signin.category': plain('Category'),
	'signin.clientApp': plain('ClientAppUsed'),
	'signin.caStatus': plain('ConditionalAccessStatus'),
	'signin.flow': firstOf('Flow', ['AuthenticationProtocol', 'OriginalTransferMethod']),
	'signin.credentialType': plain('ClientCredentialType'),
	'signin.incomingTokenType': plain('IncomingTokenType'),
	'signin.failureReason': {
		columns: ['Status', 'ResultDescription'],
		build: (table) => {
			if (!table.has('Status')) return table.has('ResultDescription') ? {expr: 'ResultDescription', type: 'text', jsonColumns: []} : undefined;
			const fallback = table.has('ResultDescription') ? ', ResultDescription' : '';
			return {expr: 'FailureReason', type: 'text', derived: {name: 'FailureReason', expression: `coalesce(tostring(Status.failureReason)${fallback})`}, jsonColumns: jsonString(table, 'Status')};
		},
	},
	'signin.additionalDetails': property('AdditionalDetails', 'Status', 'additionalDetails'),
	'signin.isInteractive': plain('IsInteractive', 'boolean'),
	'signin.deviceId': property('DeviceId', 'DeviceDetail', 'deviceId'),
	'signin.deviceOs': property('DeviceOs', 'DeviceDetail', 'operatingSystem'),
	'signin.browser': property('DeviceBrowser', 'DeviceDetail', 'browser'),
	'signin.deviceCompliant': property('DeviceCompliant', 'DeviceDetail', 'isCompliant', 'boolean'),
	'signin.deviceManaged': property('DeviceManaged', 'DeviceDetail', 'isManaged', 'boolean'),
	'signin.deviceTrustType': property('DeviceTrustType', 'DeviceDetail', 'trustType'),
};

/** Fields aadlog computes from a row in ways a case() arm would not reproduce exactly. */
const unavailable: Record<string, {why: string; list?: boolean}> = {
	time: {why: 'aadlog tests the time as ISO 8601 text with milliseconds; TimeGenerated is a datetime'},
	'ids.uti': {why: 'aadlog derives it from UniqueTokenIdentifier and Id (src/tokens/uti.ts)'},
	'signin.caPolicies': {why: 'aadlog lists "name:result" of the policies that acted; no per-element test in a case() arm', list: true},
	'signin.processingDetails': {why: 'aadlog lists "key=value" of AuthenticationProcessingDetails; no per-element test in a case() arm', list: true},
	'signin.location': {why: 'aadlog formats "City, State, CC" from LocationDetails'},
};

export function kqlField(table: KustoTableName, field: string): KqlFieldSource {
	const gap = unavailable[field];
	if (gap) return {kind: 'unavailable', ...gap};
	const spec = specs[field];
	if (!spec) return {kind: 'unavailable', why: 'no sign-in column holds it'};
	const built = spec.build(kustoColumns(table));
	return built ? {kind: 'field', field: built} : {kind: 'missing', columns: spec.columns};
}
