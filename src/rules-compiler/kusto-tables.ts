/**
 * The four Entra ID sign-in tables of Log Analytics / Sentinel, as Microsoft documents
 * them (Azure Monitor Logs table reference: SigninLogs, AADNonInteractiveUserSignInLogs,
 * AADServicePrincipalSignInLogs, AADManagedIdentitySignInLogs). The compiler reads which
 * columns exist and which hold JSON as a string; the tests declare the same tables to the
 * Kusto analyzer. Kept as data: when Microsoft adds a column, add a line.
 */

export type KustoType = 'string' | 'datetime' | 'dynamic' | 'bool' | 'long' | 'real';

export const kustoTableNames = ['SigninLogs', 'AADNonInteractiveUserSignInLogs', 'AADServicePrincipalSignInLogs', 'AADManagedIdentitySignInLogs'] as const;
export type KustoTableName = (typeof kustoTableNames)[number];

/** `Column:type, ...` as in the documentation's column table. */
const documented: Record<KustoTableName, string> = {
	SigninLogs: `AADTenantId:string, AlternateSignInName:string, AppDisplayName:string, AppId:string,
		AppliedConditionalAccessPolicies:string, AppliedEventListeners:dynamic, AuthenticationContextClassReferences:string,
		AuthenticationDetails:string, AuthenticationMethodsUsed:string, AuthenticationProcessingDetails:string,
		AuthenticationProtocol:string, AuthenticationRequirement:string, AuthenticationRequirementPolicies:string,
		AutonomousSystemNumber:string, _BilledSize:real, Category:string, ClientAppUsed:string,
		ConditionalAccessPolicies:dynamic, ConditionalAccessStatus:string, CorrelationId:string, CreatedDateTime:datetime,
		CrossTenantAccessType:string, DeviceDetail:dynamic, DurationMs:long, FlaggedForReview:bool, HomeTenantId:string,
		Id:string, Identity:string, IPAddress:string, IPAddressFromResourceProvider:string, _IsBillable:string,
		IsInteractive:bool, IsRisky:bool, Level:string, Location:string, LocationDetails:dynamic, MfaDetail:dynamic,
		NetworkLocationDetails:string, OperationName:string, OperationVersion:string, OriginalRequestId:string,
		ProcessingTimeInMilliseconds:string, Resource:string, ResourceDisplayName:string, ResourceGroup:string,
		ResourceId:string, ResourceIdentity:string, ResourceProvider:string, ResourceServicePrincipalId:string,
		ResourceTenantId:string, ResultDescription:string, ResultSignature:string, ResultType:string, RiskDetail:string,
		RiskEventTypes:string, RiskEventTypes_V2:string, RiskLevel:string, RiskLevelAggregated:string,
		RiskLevelDuringSignIn:string, RiskState:string, ServicePrincipalId:string, ServicePrincipalName:string,
		SessionLifetimePolicies:string, SignInIdentifier:string, SignInIdentifierType:string, SourceSystem:string,
		Status:dynamic, TimeGenerated:datetime, TokenIssuerName:string, TokenIssuerType:string, Type:string,
		UniqueTokenIdentifier:string, UserAgent:string, UserDisplayName:string, UserId:string, UserPrincipalName:string,
		UserType:string`,
	AADNonInteractiveUserSignInLogs: `AlternateSignInName:string, AppDisplayName:string, AppId:string,
		AppliedEventListeners:dynamic, AuthenticationContextClassReferences:string, AuthenticationDetails:string,
		AuthenticationMethodsUsed:string, AuthenticationProcessingDetails:string, AuthenticationProtocol:string,
		AuthenticationRequirement:string, AuthenticationRequirementPolicies:string, AutonomousSystemNumber:string,
		_BilledSize:real, Category:string, ClientAppUsed:string, ConditionalAccessPolicies:string,
		ConditionalAccessStatus:string, CorrelationId:string, CreatedDateTime:datetime, CrossTenantAccessType:string,
		DeviceDetail:string, DurationMs:long, HomeTenantId:string, Id:string, Identity:string, IPAddress:string,
		_IsBillable:string, IsInteractive:bool, IsRisky:bool, Level:string, Location:string, LocationDetails:string,
		MfaDetail:string, NetworkLocationDetails:string, OperationName:string, OperationVersion:string,
		OriginalRequestId:string, ProcessingTimeInMs:string, ResourceDisplayName:string, ResourceGroup:string,
		ResourceIdentity:string, ResourceServicePrincipalId:string, ResourceTenantId:string, ResultDescription:string,
		ResultSignature:string, ResultType:string, RiskDetail:string, RiskEventTypes:string, RiskEventTypes_V2:string,
		RiskLevelAggregated:string, RiskLevelDuringSignIn:string, RiskState:string, ServicePrincipalId:string,
		SessionLifetimePolicies:string, SignInEventTypes:string, SignInIdentifierType:string, SourceSystem:string,
		Status:string, TenantId:string, TimeGenerated:datetime, TokenIssuerName:string, TokenIssuerType:string,
		Type:string, UniqueTokenIdentifier:string, UserAgent:string, UserDisplayName:string, UserId:string,
		UserPrincipalName:string, UserType:string`,
	AADServicePrincipalSignInLogs: servicePrincipalColumns(),
	AADManagedIdentitySignInLogs: servicePrincipalColumns(),
};

/** The service principal and managed identity tables document the same columns. */
function servicePrincipalColumns(): string {
	return `AppId:string, AuthenticationContextClassReferences:string, AuthenticationProcessingDetails:string,
		_BilledSize:real, Category:string, ConditionalAccessPolicies:string, ConditionalAccessStatus:string,
		CorrelationId:string, DurationMs:long, FederatedCredentialId:string, Id:string, Identity:string, IPAddress:string,
		_IsBillable:string, Level:string, Location:string, LocationDetails:string, OperationName:string,
		OperationVersion:string, ResourceDisplayName:string, ResourceGroup:string, ResourceIdentity:string,
		ResourceServicePrincipalId:string, ResultDescription:string, ResultSignature:string, ResultType:string,
		ServicePrincipalCredentialKeyId:string, ServicePrincipalCredentialThumbprint:string, ServicePrincipalId:string,
		ServicePrincipalName:string, SourceSystem:string, TenantId:string, TimeGenerated:datetime, Type:string,
		UniqueTokenIdentifier:string`;
}

/** Column name → type, in documentation order. */
export function kustoColumns(table: KustoTableName): Map<string, KustoType> {
	const columns = new Map<string, KustoType>();
	for (const item of documented[table].split(',')) {
		const [name, type] = item.trim().split(':') as [string, KustoType];
		columns.set(name, type);
	}
	return columns;
}

/** `(Column:type, ...)`: the schema string Kusto's TableSymbol takes. */
export function kustoSchema(table: KustoTableName): string {
	return `(${[...kustoColumns(table)].map(([name, type]) => `${name}:${type}`).join(', ')})`;
}

export function isKustoTableName(name: string): name is KustoTableName {
	return (kustoTableNames as readonly string[]).includes(name);
}
