/**
 * An ID token sent where an access token belongs: the client proved to itself who signed
 * in, then sent that proof to an API. Its claims tell it apart: an access token always
 * says what it grants (`scp` for a user, `roles` or `idtyp: app` for an app) and for which
 * client (`azp` in v2, `appid` in v1); an ID token has none of these, and carries what only
 * a sign-in response needs (`nonce`, `at_hash`, `c_hash`) with the client's own id as `aud`.
 * The cause and its fix are the rule rules/resource-api/id-token-as-access-token.yaml
 * (it tests the fact `token.idToken`); this module tells the fact and its evidence.
 */

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Claims an access token always has one of: what it grants, or the client it was issued to. */
const accessTokenClaims = ['scp', 'roles', 'azp', 'appid'] as const;

export const idTokenRuleId = 'id-token-as-access-token';

/** Why decoded claims read as an ID token, in words; undefined when they read as an access token. */
export function idTokenEvidence(claims: Record<string, unknown> | undefined): string[] | undefined {
	if (!claims) return undefined;
	if (claims.idtyp === 'app' || accessTokenClaims.some((name) => claims[name] !== undefined)) return undefined;
	const evidence: string[] = [];
	if (claims.nonce !== undefined) evidence.push('nonce claim (only sign-in responses carry one)');
	if (claims.at_hash !== undefined || claims.c_hash !== undefined) evidence.push('at_hash / c_hash claim (binds the token to a sign-in response)');
	const aud = typeof claims.aud === 'string' ? claims.aud : undefined;
	if (aud !== undefined && guid.test(aud)) evidence.push(`aud ${aud} is an application (client) id, not an API's identifier URI`);
	// No grant and no client alone can be an app token without roles: a second tell is needed.
	if (evidence.length === 0) return undefined;
	return ['no scp, roles, azp or appid claim (every access token has one)', ...evidence];
}
