/**
 * The event_ca_policies rows of one event: one per Conditional Access policy that acted or
 * would have, in the record's order. A successful sign-in is stored slim and gets none, so
 * the common case costs one test; a failure's policies cost a few small arrays.
 */
import type {AuthEvent, CaPolicy} from '../extract/event.js';
import {redactIdentifier, redactText} from '../tokens/redact.js';
import {storedSlim} from './event-fields.js';

/** The columns the writer binds after event_id, in order (batch-writer.ts). */
export const policyColumns = ['position', 'policy_id', 'name', 'result', 'grant_controls', 'session_controls'] as const;

/** Values per policy in the flat list policyRows returns. */
export const policyWidth = policyColumns.length;

const none: unknown[] = [];

/**
 * The rows for the event as one flat list, policyWidth values per policy (one array for the
 * writer thread to copy, not one per policy), or a shared empty list (never written to)
 * when it keeps none.
 */
export function policyRows(event: AuthEvent): unknown[] {
	const policies = event.signin?.caPolicies;
	if (!policies || storedSlim(event)) return none;
	const values: unknown[] = [];
	for (let i = 0; i < policies.length; i++) {
		const p = policies[i];
		values.push(
			i + 1,
			p.id === undefined ? null : redactIdentifier(p.id),
			redactText(p.name),
			p.result,
			controlsText(p.grantControls),
			controlsText(p.sessionControls),
		);
	}
	return values;
}

/**
 * A JSON array of the controls (NULL when none): SQLite's json_each reads it back, and a
 * control's name cannot end the list early, as a separator inside a value would.
 */
function controlsText(controls: CaPolicy['grantControls']): string | null {
	return controls ? JSON.stringify(controls.map(redactIdentifier)) : null;
}

/** An event_ca_policies row as read back. */
export interface StoredPolicy {
	policy_id: string | null;
	name: string;
	result: string;
	grant_controls: string | null;
	session_controls: string | null;
}

/** The SQL that reads an event's policies back, in the record's order (`?`: the event id). */
export const policiesOfEvent = 'SELECT policy_id, name, result, grant_controls, session_controls FROM event_ca_policies WHERE event_id = ? ORDER BY position';

/** Stored rows → the event model's policies (undefined when none, as an extracted event has). */
export function policiesFromRows(rows: readonly StoredPolicy[]): CaPolicy[] | undefined {
	if (rows.length === 0) return undefined;
	return rows.map((r) => {
		const policy: CaPolicy = {name: r.name, result: r.result};
		if (r.policy_id !== null) policy.id = r.policy_id;
		if (r.grant_controls !== null) policy.grantControls = JSON.parse(r.grant_controls) as string[];
		if (r.session_controls !== null) policy.sessionControls = JSON.parse(r.session_controls) as string[];
		return policy;
	});
}
