/**
 * An app failure, told what its sign-in knew: who, which app and resource, Conditional
 * Access, client app, device, location, and the sign-in's own outcome and cause. Rules can
 * then use `signin.*` and `linked.*` on app events as on sign-ins. The app's own evidence
 * (codes, ids, message) is never overwritten, nor are ids added: they are evidence of what the app logged.
 */
import type {AuthEvent} from '../extract/event.js';
import type {FoundSignin} from '../store/signin-lookup.js';

export function enrichWithSignin(event: AuthEvent, found: FoundSignin): void {
	const s = found.row;
	const v = <T>(value: T | null): T | undefined => (value === null ? undefined : value);
	const flag = (value: number | null): boolean | undefined => (value === null ? undefined : value === 1);
	event.linked = {
		via: found.via,
		signinRequestId: v(s.request_id),
		signinOutcome: s.outcome,
		signinCode: v(s.error_code),
		signinCause: v(s.cause),
	};
	event.who.upn ??= v(s.user_principal_name);
	event.who.userId ??= v(s.user_id);
	event.who.tenantId ??= v(s.tenant_id);
	event.who.ip ??= v(s.ip_address);
	event.app.id ??= v(s.app_id);
	event.app.name ??= v(s.app_name);
	event.resource.id ??= v(s.resource_id);
	event.resource.name ??= v(s.resource_name);
	event.signin = {
		...event.signin,
		category: v(s.category),
		clientApp: v(s.client_app),
		caStatus: v(s.ca_status),
		caPolicies: found.policies,
		flow: v(s.flow),
		failureReason: v(s.failure_reason),
		additionalDetails: v(s.additional_details),
		isInteractive: flag(s.is_interactive),
		deviceId: v(s.device_id),
		deviceOs: v(s.device_os),
		browser: v(s.browser),
		deviceCompliant: flag(s.device_compliant),
		deviceManaged: flag(s.device_managed),
		deviceTrustType: v(s.device_trust_type),
		location: v(s.location),
	};
}
