/**
 * What a token's facts mean for one event: expired or not yet valid at the event's time
 * (with the allowed clock skew), and whether it fits what the validator expected (audience,
 * issuer, tenant, issuer version, B2C vs Entra, scopes). Rules then test plain booleans.
 * The cached facts are shared between events, so an assessed token is a copy.
 */
import type {AuthEvent, Expectations, TokenAtUse, TokenFacts} from '../extract/event.js';
import {issuerKind, issuerTenant} from './issuer.js';

export interface AssessOptions {
	/** Seconds of clock difference a validator allows (Microsoft.IdentityModel's default: 300). */
	clockSkewSeconds: number;
}

export const defaultClockSkewSeconds = 300;

export function assessTokens(event: AuthEvent, options: AssessOptions): void {
	const tokens = event.tokens;
	if (!tokens || tokens.length === 0) return;
	const at = event.time === undefined ? undefined : Date.parse(event.time) / 1000;
	event.tokens = tokens.map((token) => assessToken(token, Number.isFinite(at) ? at : undefined, event.expected, options.clockSkewSeconds));
}

export function assessToken(token: TokenFacts, at: number | undefined, expected: Expectations | undefined, skew: number): TokenAtUse {
	if (token.malformed || token.encrypted) return token;
	const use: TokenAtUse = {...token};
	if (at !== undefined && token.exp !== undefined) {
		use.secondsPastExp = Math.round(at - token.exp);
		use.expiredAtUse = at > token.exp + skew;
	}
	if (at !== undefined && token.nbf !== undefined) use.notYetValidAtUse = at < token.nbf - skew;
	if (expected?.audiences?.length && token.aud !== undefined) {
		// As IdentityModel: ordinal (case matters), a trailing slash ignored (its default).
		const wanted = new Set(expected.audiences.map(withoutSlash));
		use.audienceMismatch = !audiences(token.aud).some((a) => wanted.has(withoutSlash(a)));
	}
	if (expected?.issuers?.length && token.iss !== undefined) compareIssuer(use, token.iss, expected.issuers);
	if (expected?.scopes?.length) {
		const held = new Set([...(token.scp?.split(' ') ?? []), ...(token.roles ?? [])].map((s) => s.toLowerCase()));
		// `api://orders/Orders.Read` is the scope `Orders.Read` inside the token.
		const missing = expected.scopes.filter((s) => !held.has(s.toLowerCase()) && !held.has(s.slice(s.lastIndexOf('/') + 1).toLowerCase()));
		if (missing.length > 0) use.missingScopes = missing;
	}
	return use;
}

function compareIssuer(use: TokenAtUse, iss: string, expectedIssuers: string[]): void {
	// Validators compare issuers ordinally: a trailing slash or a capital letter is a different issuer.
	use.issuerMismatch = !expectedIssuers.includes(iss);
	if (!use.issuerMismatch) return;
	if (expectedIssuers.some((e) => canonical(e) === canonical(iss))) {
		use.issuerFormatMismatch = true;
		return;
	}
	const kind = use.issuerKind;
	const tid = use.tid;
	const known = expectedIssuers.filter((e) => issuerKind(e) !== 'other');
	if (kind === 'other' || known.length === 0) return;
	const isB2c = kind === 'b2c';
	use.authorityMismatch = known.every((e) => (issuerKind(e) === 'b2c') !== isB2c);
	if (use.authorityMismatch) return;
	const tenant = (tid ?? issuerTenant(iss))?.toLowerCase();
	// Templates ({tenantid}) and `common` say nothing about the tenant.
	const expectedTenants = known.map(issuerTenant).filter((t): t is string => t !== undefined && /^[0-9a-f-]{36}$/.test(t));
	if (tenant !== undefined && expectedTenants.length > 0 && !expectedTenants.includes(tenant)) {
		use.tenantMismatch = true;
		return;
	}
	use.versionMismatch = !isB2c && known.every((e) => issuerKind(e) !== kind);
}

function audiences(aud: string | string[]): string[] {
	return Array.isArray(aud) ? aud : [aud];
}

function withoutSlash(value: string): string {
	return value.trim().replace(/\/+$/, '');
}

/** Two spellings of one issuer: same but for case or a trailing slash. */
function canonical(value: string): string {
	return withoutSlash(value).toLowerCase();
}
