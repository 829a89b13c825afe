/**
 * Conditional Access policies of a sign-in (Graph appliedConditionalAccessPolicies; Log
 * Analytics' ConditionalAccessPolicies and the diagnostic export's properties hold the same
 * objects). Each is kept whole (id, name, result, controls) so nothing has to be packed into
 * a text whose names could contain the separator.
 */
import type {CaPolicy} from './event.js';
import {isObject, text} from './json-values.js';

const kept = ['success', 'failure', 'reportOnlySuccess', 'reportOnlyFailure', 'reportOnlyInterrupted'];

/**
 * The results kept, in Graph's spelling, by that spelling and its lower case: the policies
 * that acted (success: its controls were satisfied; failure: it blocked) and the report-only
 * ones that would have. notApplied, notEnabled and reportOnlyNotApplied say a policy did
 * nothing: most of a tenant's policies are listed so on every sign-in (docs/decisions.md).
 */
const keptResults: ReadonlyMap<string, string> = new Map([...kept.map((r) => [r, r] as const), ...kept.map((r) => [r.toLowerCase(), r] as const)]);

/** Graph's results that are not kept, skipped without a lower-casing: every record lists many. */
const skippedResults: ReadonlySet<string> = new Set(['notApplied', 'notEnabled', 'reportOnlyNotApplied', 'unknownFutureValue']);

/** The results that enforced something: the ones the rule field `signin.caPolicies` lists. */
export const enforcedResults: ReadonlySet<string> = new Set(['success', 'failure']);

/**
 * The policies that acted or would have (keptResults), in the record's order. Graph
 * PowerShell's JSON (ConvertTo-Json) spells the same keys in PascalCase. Written as plain
 * loops and property reads: every sign-in lists its tenant's policies, most of them skipped.
 */
export function appliedPolicies(value: unknown): CaPolicy[] | undefined {
	if (!Array.isArray(value)) return undefined;
	let out: CaPolicy[] | undefined;
	for (let i = 0; i < value.length; i++) {
		const policy: unknown = value[i];
		if (!isObject(policy)) continue;
		const raw = policy.result ?? policy.Result;
		if (typeof raw !== 'string' || skippedResults.has(raw)) continue;
		const result = keptResults.get(raw) ?? keptResults.get(raw.toLowerCase());
		if (result === undefined) continue;
		const id = text(policy.id ?? policy.Id)?.toLowerCase();
		const name = text(policy.displayName ?? policy.DisplayName) ?? id;
		if (name === undefined) continue;
		const entry: CaPolicy = {name, result};
		if (id !== undefined) entry.id = id;
		const grant = controls(policy.enforcedGrantControls ?? policy.EnforcedGrantControls);
		if (grant) entry.grantControls = grant;
		const session = controls(policy.enforcedSessionControls ?? policy.EnforcedSessionControls);
		if (session) entry.sessionControls = session;
		out ??= [];
		out.push(entry);
	}
	return out;
}

function controls(value: unknown): string[] | undefined {
	if (!Array.isArray(value) || value.length === 0) return undefined;
	let names: string[] | undefined;
	for (let i = 0; i < value.length; i++) {
		const name = text(value[i]);
		if (name !== undefined) (names ??= []).push(name);
	}
	return names;
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
