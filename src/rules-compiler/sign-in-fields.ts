/**
 * What every rule field is on a SIGN-IN event, whatever the target: its value type, and
 * whether a sign-in can carry it at all. App-log evidence (message text, token facts, IDX
 * codes, HTTP and bearer errors, the linked sign-in) never exists on a sign-in event
 * (src/extract/shapes/*-signin.ts set none of it), so a test on it has the same
 * answer for every sign-in row: the compiler folds it with the engine itself.
 */

/** How a field's value looks on an event: the engine compares each type differently. */
export type ValueType = 'text' | 'number' | 'boolean' | 'text-list';

const types: Record<string, ValueType> = {
	'codes.aadsts': 'number',
	'codes.httpStatus': 'number',
	'codes.idx': 'text-list',
	'signin.caPolicies': 'text-list',
	'signin.processingDetails': 'text-list',
	'signin.isInteractive': 'boolean',
	'signin.deviceCompliant': 'boolean',
	'signin.deviceManaged': 'boolean',
	'catalog.retryable': 'boolean',
};

/** The value type of a rule field (text unless listed). */
export function valueTypeOf(field: string): ValueType {
	return types[field] ?? 'text';
}

/** Fields a sign-in never carries: the same list the engine uses to skip rules for sign-ins. */
export {appOnlyEvidence} from '../classify/app-only-fields.js';
