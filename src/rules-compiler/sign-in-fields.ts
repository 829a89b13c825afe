/**
 * What every rule field is on a SIGN-IN event, whatever the target: its value type, and
 * whether a sign-in can carry it at all. App-log evidence (message text, token facts, IDX
 * codes, HTTP and bearer errors, the linked sign-in) never exists on a sign-in event
 * (src/extract/shapes/*-signin.ts set none of it), so a test on it has the same
 * answer for every sign-in row: the compiler folds it with the engine itself.
 */

import {ruleFields, type ValueType} from '../store/event-fields.js';

export type {ValueType} from '../store/event-fields.js';

/** Rule fields the events table does not keep, whose values are not text. */
const unstoredTypes: Record<string, ValueType> = {
	'signin.processingDetails': 'text-list',
	'signin.caPolicies': 'text-list',
	'catalog.retryable': 'boolean',
	'request.onBehalfOf': 'boolean',
	'request.scopes': 'text-list',
	'request.registration': 'text-list',
	'incident.records': 'number',
};

/** The value type of a rule field (text unless the field table or unstoredTypes says otherwise). */
export function valueTypeOf(field: string): ValueType {
	return ruleFields.get(field)?.rule.type ?? unstoredTypes[field] ?? 'text';
}

/** Fields a sign-in never carries: the same list the engine uses to skip rules for sign-ins. */
export {appOnlyEvidence} from '../classify/app-only-fields.js';
