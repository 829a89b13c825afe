/**
 * Conditional Access policies of a sign-in (Graph appliedConditionalAccessPolicies; Log
 * Analytics' ConditionalAccessPolicies and the diagnostic export's properties hold the same
 * objects). Each is kept whole (id, name, result, controls) so nothing has to be packed into
 * a text whose names could contain the separator.
 */
import type {CaPolicy} from './event.js';
import {isObject, pick, text} from './json-values.js';

/**
 * The results kept, in Graph's spelling, by their lower case: the policies that acted
 * (success: its controls were satisfied; failure: it blocked) and the report-only ones that
 * would have. notApplied, notEnabled and reportOnlyNotApplied say a policy did nothing: most
 * of a tenant's policies are listed so on every sign-in (docs/decisions.md).
 */
const keptResults: ReadonlyMap<string, string> = new Map(
	['success', 'failure', 'reportOnlySuccess', 'reportOnlyFailure', 'reportOnlyInterrupted'].map((r) => [r.toLowerCase(), r]),
);

/** The results that enforced something: the ones the rule field `signin.caPolicies` lists. */
export const enforcedResults: ReadonlySet<string> = new Set(['success', 'failure']);

/** The policies that acted or would have (keptResults), in the record's order. */
export function appliedPolicies(value: unknown): CaPolicy[] | undefined {
	if (!Array.isArray(value)) return undefined;
	let kept: CaPolicy[] | undefined;
	for (const policy of value) {
		if (!isObject(policy)) continue;
		// Graph PowerShell's JSON (ConvertTo-Json) spells the same keys in PascalCase.
		const raw = text(pick(policy, 'result', 'Result'));
		const result = raw === undefined ? undefined : keptResults.get(raw.toLowerCase());
		if (result === undefined) continue;
		const id = text(pick(policy, 'id', 'Id'))?.toLowerCase();
		const name = text(pick(policy, 'displayName', 'DisplayName')) ?? id;
		if (name === undefined) continue;
		const entry: CaPolicy = {name, result};
		if (id !== undefined) entry.id = id;
		const grant = controls(pick(policy, 'enforcedGrantControls', 'EnforcedGrantControls'));
		if (grant) entry.grantControls = grant;
		const session = controls(pick(policy, 'enforcedSessionControls', 'EnforcedSessionControls'));
		if (session) entry.sessionControls = session;
		kept ??= [];
		kept.push(entry);
	}
	return kept;
}

function controls(value: unknown): string[] | undefined {
	if (!Array.isArray(value)) return undefined;
	const names = value.map(text).filter((v): v is string => v !== undefined);
	return names.length > 0 ? names : undefined;
}

/**
 * What the rule field `signin.caPolicies` holds: "name:result" of each enforced policy
 * (success or failure), as rules have always compared it. Report-only policies changed
 * nothing for the user, so a rule naming a policy never matches one only being tested.
 */
export function policyRuleValues(policies: readonly CaPolicy[] | undefined): string[] | undefined {
	if (!policies) return undefined;
	const values: string[] = [];
	for (const p of policies) if (enforcedResults.has(p.result)) values.push(`${p.name}:${p.result}`);
	return values.length > 0 ? values : undefined;
}

/** "name:result" (a rule example's spelling) → a policy: the result is after the last colon; a bare name is a failure, what examples mostly show. */
export function policyFromRuleValue(value: string): CaPolicy {
	const at = value.lastIndexOf(':');
	return at < 0 ? {name: value, result: 'failure'} : {name: value.slice(0, at), result: value.slice(at + 1)};
}
