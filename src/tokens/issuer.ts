/**
 * What a token's `iss` and `aud` say about where it came from and whom it is for:
 * Entra v1 / v2, B2C, the national cloud, and whether it is a Microsoft Graph token.
 */
import type {TokenFacts} from '../extract/event.js';

/**
 * Entra v1 tokens come from sts.{cloud}/{tid}/, v2 from login.{cloud}/{tid}/v2.0, B2C from
 * {tenant}.b2clogin.com (or a custom domain with /tfp/). Older B2C tokens came from
 * login.microsoftonline.com/{tid}/v2.0/ too; their policy claim (tfp, or acr b2c_1_...)
 * or their signing key's name (B2C policy keys live in "...KeyContainer"s) gives them away.
 * Anything else is another issuer.
 */
export function issuerKind(iss: string | undefined, hints?: {tfp?: unknown; acr?: unknown; kid?: unknown}): TokenFacts['issuerKind'] {
	if (!iss) return 'other';
	if (/b2clogin\.(com|cn|us)|\/tfp\//i.test(iss)) return 'b2c';
	if (hints && (typeof hints.tfp === 'string' || (typeof hints.acr === 'string' && /^b2c_1a?_/i.test(hints.acr)))) return 'b2c';
	if (hints && typeof hints.kid === 'string' && /KeyContainer/i.test(hints.kid)) return 'b2c';
	if (/^https:\/\/sts\.(windows\.net|windows-ppe\.net|chinacloudapi\.cn|microsoftonline\.(us|de))\/[^/]+\/?$/i.test(iss)) return 'aad-v1';
	if (/^https:\/\/login\.(microsoftonline\.(com|us|de)|partner\.microsoftonline\.cn|chinacloudapi\.cn|windows\.net)\/[^/]+\/v2\.0\/?$/i.test(iss))
		return 'aad-v2';
	return 'other';
}

/** The national cloud of an Entra or B2C issuer, from its host; undefined for other issuers. */
export function cloudOf(iss: string | undefined): TokenFacts['cloud'] {
	if (!iss) return undefined;
	let host: string;
	try {
		host = new URL(iss).hostname.toLowerCase();
	} catch {
		return undefined;
	}
	if (host.endsWith('.us')) return 'us-gov';
	if (host.endsWith('.cn')) return 'china';
	if (host.endsWith('.de')) return 'germany';
	if (host.endsWith('windows-ppe.net')) return 'ppe';
	if (/(^|\.)(windows\.net|microsoftonline\.com|b2clogin\.com|ciamlogin\.com)$/.test(host)) return 'public';
	return undefined;
}

/** The tenant id or name inside an Entra or B2C issuer (`/{tenant}/` or `/tfp/{tenant}/`). */
export function issuerTenant(iss: string | undefined): string | undefined {
	if (!iss) return undefined;
	const m = /^https:\/\/[^/]+\/(?:tfp\/)?([^/]+)\//i.exec(iss.endsWith('/') ? iss : iss + '/');
	return m ? m[1].toLowerCase() : undefined;
}

/**
 * Microsoft Graph's audiences (public, US Gov, DoD, China, and its app id). Graph access
 * tokens carry a nonce in their header, so nobody but Graph can validate their signature.
 */
export const graphAudiences: readonly string[] = [
	'https://graph.microsoft.com',
	'https://graph.microsoft.com/',
	'https://graph.microsoft.us',
	'https://graph.microsoft.us/',
	'https://dod-graph.microsoft.us',
	'https://dod-graph.microsoft.us/',
	'https://microsoftgraph.chinacloudapi.cn',
	'https://microsoftgraph.chinacloudapi.cn/',
	'00000003-0000-0000-c000-000000000000',
];
const graphAudienceSet = new Set(graphAudiences);

export function isGraphAudience(aud: string | string[] | undefined): boolean {
	if (aud === undefined) return false;
	return (Array.isArray(aud) ? aud : [aud]).some((a) => graphAudienceSet.has(a.toLowerCase()));
}
