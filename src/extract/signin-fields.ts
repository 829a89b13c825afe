/**
 * What the sign-in shapes (shapes/*-signin.ts) share: the Graph field names (a Graph record
 * and a diagnostic record's `properties` use them alike) and the readers of the nested
 * fields every sign-in export carries in one spelling or another.
 */

import {tokenIdOfSignin} from '../tokens/uti.js';
import {realId, realTokenId} from './artifacts/ids.js';
import {normalizeTime} from './artifacts/time.js';
import {appliedPolicies} from './ca-policies.js';
import type {AuthEvent, SigninContext} from './event.js';
import type {JsonObject} from './json-values.js';
import {bool, isObject, pick, text} from './json-values.js';

/** The Graph field names, shared by Graph records and diagnostic `properties`. */
export function fillFromGraphFields(event: AuthEvent, r: JsonObject): void {
	event.time = normalizeTime(pick(r, 'createdDateTime'));
	event.ids.requestId = realId(text(r.id));
	event.ids.correlationId = realId(text(r.correlationId));
	event.ids.uti = tokenIdOfSignin(realTokenId(text(r.uniqueTokenIdentifier)), event.ids.requestId);
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
		location: locationOf(r.location),
	};
	setDevice(signin, r.deviceDetail);
	event.signin = signin;
}

/**
 * deviceDetail (Graph, diagnostic, Log Analytics; Graph PowerShell spells its keys in
 * PascalCase): empty strings mean "not presented".
 * Set one by one, not spread: a spread object is built and copied on every record.
 */
export function setDevice(signin: SigninContext, detail: unknown): void {
	if (!isObject(detail)) return;
	signin.deviceId = text(detail.deviceId ?? detail.DeviceId);
	signin.deviceOs = text(detail.operatingSystem ?? detail.OperatingSystem);
	signin.browser = text(detail.browser ?? detail.Browser);
	signin.deviceCompliant = bool(detail.isCompliant ?? detail.IsCompliant);
	signin.deviceManaged = bool(detail.isManaged ?? detail.IsManaged);
	signin.deviceTrustType = text(detail.trustType ?? detail.TrustType);
}

/** location / LocationDetails {city, state, countryOrRegion} (PascalCase from Graph PowerShell) → "City, State, CC". */
export function locationOf(value: unknown): string | undefined {
	if (!isObject(value)) return undefined;
	let joined: string | undefined;
	for (const part of [value.city ?? value.City, value.state ?? value.State, value.countryOrRegion ?? value.CountryOrRegion]) {
		const name = text(part);
		if (name !== undefined) joined = joined === undefined ? name : `${joined}, ${name}`;
	}
	return joined;
}

/** 0 is success. A missing or empty status is unknown, never success. */
export function setOutcome(event: AuthEvent, code: number | undefined): void {
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

/** authenticationProcessingDetails `[{key, value}]` → "key=value". */
export function keyValues(value: unknown): string[] | undefined {
	if (!Array.isArray(value)) return undefined;
	const out: string[] = [];
	for (const item of value) {
		if (!isObject(item)) continue;
		const key = text(item.key);
		if (key) out.push(`${key}=${text(item.value) ?? ''}`);
	}
	return out.length > 0 ? out : undefined;
}

export function lower(value: string | undefined): string | undefined {
	return value?.toLowerCase();
}
