/**
 * One spelling per enum-like sign-in field, whatever the export: the portal CSV writes
 * `Not Applied` and `SignInLogs`-style categories come from diagnostic settings, where Graph
 * writes `notApplied` and `interactiveUser`. Rules, views and queries compare these values
 * as stored, so every shape's signin context goes through `canonicalizeSignin` once.
 * The canonical spelling is Graph's (lower camel case), the one Microsoft documents.
 */

import type {AuthEvent, SigninContext} from './event.js';

/** Diagnostic setting categories and Graph signInEventTypes, to the one category vocabulary. */
export const categoryBySpelling: Readonly<Record<string, string>> = {
	signinlogs: 'interactiveUser',
	interactiveuser: 'interactiveUser',
	noninteractiveusersigninlogs: 'nonInteractiveUser',
	noninteractiveuser: 'nonInteractiveUser',
	serviceprincipalsigninlogs: 'servicePrincipal',
	serviceprincipal: 'servicePrincipal',
	managedidentitysigninlogs: 'managedIdentity',
	managedidentity: 'managedIdentity',
};

/** Portal CSV protocol names whose Graph spelling is not their camel case. */
const flowBySpelling: Record<string, string> = {
	'oauth 2.0': 'oAuth2',
	oauth2: 'oAuth2',
	'saml 2.0': 'saml20',
	saml20: 'saml20',
	'ws-federation': 'wsFederation',
	ropc: 'ropc',
	'device code': 'deviceCode',
	'authentication transfer': 'authenticationTransfer',
};

/**
 * Device join types by every spelling an export uses: Graph and Log Analytics write the Azure AD
 * names (`Hybrid Azure AD joined`), the portal and newer exports Microsoft Entra's, and the device
 * object's trustType (`AzureAd`, `ServerAd`, `Workplace`) turns up in hand-made exports. Stored as
 * Microsoft Entra's current names, the ones the portal shows and the docs use.
 */
export const joinTypeBySpelling: Readonly<Record<string, string>> = {
	'azure ad joined': 'Microsoft Entra joined',
	'azuread joined': 'Microsoft Entra joined',
	azuread: 'Microsoft Entra joined',
	'microsoft entra joined': 'Microsoft Entra joined',
	'hybrid azure ad joined': 'Microsoft Entra hybrid joined',
	'hybrid azuread joined': 'Microsoft Entra hybrid joined',
	'microsoft entra hybrid joined': 'Microsoft Entra hybrid joined',
	serverad: 'Microsoft Entra hybrid joined',
	'azure ad registered': 'Microsoft Entra registered',
	'azuread registered': 'Microsoft Entra registered',
	'microsoft entra registered': 'Microsoft Entra registered',
	workplace: 'Microsoft Entra registered',
	'workplace joined': 'Microsoft Entra registered',
};

/** Microsoft Entra joined | Microsoft Entra hybrid joined | Microsoft Entra registered; an unknown type keeps its own spelling. */
export function canonicalJoinType(value: string | undefined): string | undefined {
	const trimmed = value?.trim();
	if (!trimmed) return undefined;
	return joinTypeBySpelling[trimmed.toLowerCase().replace(/\s+/g, ' ')] ?? trimmed;
}

/** `Not Applied`, `not applied`, `notApplied` → `notApplied`; `Failure` → `failure`. */
export function lowerCamel(value: string | undefined): string | undefined {
	const words = value
		?.trim()
		.split(/[\s_-]+/)
		.filter(Boolean);
	if (!words?.length) return undefined;
	if (words.length === 1) return words[0][0].toLowerCase() + words[0].slice(1);
	return words.map((word, i) => (i === 0 ? word.toLowerCase() : word[0].toUpperCase() + word.slice(1).toLowerCase())).join('');
}

/** success | failure | notApplied | unknownFutureValue (Graph's conditionalAccessStatus). */
export function canonicalCaStatus(value: string | undefined): string | undefined {
	return lowerCamel(value);
}

/** interactiveUser | nonInteractiveUser | servicePrincipal | managedIdentity; an unknown category keeps its own spelling. */
export function canonicalCategory(value: string | undefined): string | undefined {
	const trimmed = value?.trim();
	if (!trimmed) return undefined;
	return categoryBySpelling[trimmed.toLowerCase()] ?? trimmed;
}

/** Graph's authenticationProtocol spelling; `none` says no protocol was recorded, so it is stored as absent. */
export function canonicalFlow(value: string | undefined): string | undefined {
	const trimmed = value?.trim();
	if (!trimmed || trimmed.toLowerCase() === 'none') return undefined;
	return flowBySpelling[trimmed.toLowerCase()] ?? lowerCamel(trimmed);
}

/**
 * The category a record does not name is derived from isInteractive (a Graph v1.0 user
 * sign-in has no signInEventTypes), and isInteractive from the category, so the two agree.
 */
export function canonicalizeSignin(event: AuthEvent): AuthEvent {
	const signin: SigninContext | undefined = event.signin;
	if (!signin) return event;
	signin.caStatus = canonicalCaStatus(signin.caStatus);
	signin.flow = canonicalFlow(signin.flow);
	// Graph enums (clientSecret, primaryRefreshToken, none); the CSV writes `None`, `Client secret`.
	signin.credentialType = lowerCamel(signin.credentialType);
	signin.incomingTokenType = lowerCamel(signin.incomingTokenType);
	signin.deviceTrustType = canonicalJoinType(signin.deviceTrustType);
	let category = canonicalCategory(signin.category);
	if (!category && signin.isInteractive !== undefined && event.who.upn) category = signin.isInteractive ? 'interactiveUser' : 'nonInteractiveUser';
	signin.category = category;
	if (category === 'interactiveUser') signin.isInteractive = true;
	else if (category === 'nonInteractiveUser' || category === 'servicePrincipal' || category === 'managedIdentity') signin.isInteractive = false;
	return event;
}
