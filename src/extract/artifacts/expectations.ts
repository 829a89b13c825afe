/**
 * What a token validator said it expected, as IdentityModel, Microsoft.Identity.Web and
 * RFC 6750 challenges print it:
 *
 *   IDX10214: Audience validation failed. Audiences: 'x'. Did not match: validationParameters.ValidAudience: 'y' or validationParameters.ValidAudiences: 'a, b'.
 *   IDX10205: Issuer validation failed. Issuer: 'x'. Did not match: validationParameters.ValidIssuer: 'y' or validationParameters.ValidIssuers: 'z'
 *     or validationParameters.ConfigurationManager.CurrentConfiguration.Issuer: 'w'.   (7.x; 8.x's IDX10212 / IDX10215 alike)
 *   IDW10203: The 'scope' or 'scp' claim does not contain scopes 'access_as_user' or was not found.
 *   WWW-Authenticate: Bearer error="insufficient_scope", scope="Orders.Read"
 *
 * Values hidden by IdentityModel's PII setting ("[PII of type ... is hidden]") are skipped.
 */
import type {Expectations} from '../event.js';

const validAudiences = /validationParameters\.ValidAudiences?: '([^']*)'/gi;
/** The issuer of the metadata the validator loaded counts as expected too: IdentityModel accepts it. */
const validIssuers = /validationParameters\.(?:ValidIssuers?|ConfigurationManager\.CurrentConfiguration\.Issuer): '([^']*)'/gi;
const mentionsValidation = /validationParameters\./i;
const requiredScopes = /does not contain (?:scopes|roles) '([^']*)'/g;
/** `scope="..."` within the challenge that says insufficient_scope (searched in a bounded window). */
const scopeParam = /\bscope\s*=\s*\\?"([^"\\\n]{1,1024})/i;

export function findExpectations(text: string): Expectations | undefined {
	if (!mentionsValidation.test(text) && !text.includes('does not contain') && !text.includes('insufficient_scope')) return undefined;
	const found: Expectations = {};
	const audiences = listed(text, validAudiences, /,\s*/);
	if (audiences.length > 0) found.audiences = audiences;
	const issuers = listed(text, validIssuers, /,\s*/);
	if (issuers.length > 0) found.issuers = issuers;
	const scopes = listed(text, requiredScopes, /[,\s]+/);
	const at = text.indexOf('insufficient_scope');
	if (at !== -1) {
		const lineStart = text.lastIndexOf('\n', at) + 1;
		const lineEnd = text.indexOf('\n', at);
		const window = text.slice(Math.max(lineStart, at - 2048), Math.min(lineEnd === -1 ? text.length : lineEnd, at + 2048));
		const scope = /Bearer/i.test(window) ? scopeParam.exec(window) : null;
		if (scope) scopes.push(...scope[1].split(/\s+/).filter(Boolean));
	}
	if (scopes.length > 0) found.scopes = [...new Set(scopes)];
	return found.audiences || found.issuers || found.scopes ? found : undefined;
}

/** Distinct values in order of appearance (a Set: a list can hold thousands). */
function listed(text: string, pattern: RegExp, separator: RegExp): string[] {
	const values = new Set<string>();
	pattern.lastIndex = 0;
	for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
		for (const value of m[1].split(separator)) {
			const v = value.trim();
			if (v === '' || /^(?:null|empty)$/i.test(v) || v.startsWith('[PII')) continue;
			values.add(v);
		}
	}
	return [...values];
}
