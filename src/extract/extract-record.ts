/**
 * record → AuthEvent: the extractor of the record's shape (shapes/index.ts). A JSON value that
 * is no object (a number, a string, a nested array) is not a record aadlog can read: rejected.
 */
import type {InputRecord} from '../read/record.js';
import {excerptOf, stringifyUnlessTooDeep, tooDeepReason} from '../read/record.js';
import type {OnToken} from '../tokens/find.js';
import {canonicalizeSignin} from './canonical-values.js';
import type {AuthEvent} from './event.js';
import {isObject} from './json-values.js';
import {ScanBudget, type ScanLimits, ScanTimeout} from './scan-budget.js';
import {fallbackShape, shapeOf} from './shapes/index.js';

export type Extracted = {ok: true; event: AuthEvent} | {ok: false; reason: string; excerpt: string};

/**
 * `onToken` is told of each JWT found while the raw token exists (signature checks). A
 * record whose scan outlasts `limits.scanSeconds` is rejected, so one record cannot stall a run.
 */
export function extractRecord(record: Exclude<InputRecord, {type: 'reject'}>, onToken?: OnToken, limits?: ScanLimits): Extracted {
	try {
		return extractWithin(record, limits, onToken);
	} catch (error) {
		const excerpt = excerptOf(record.type === 'text' ? record.text : record.raw);
		if (error instanceof ScanTimeout) return {ok: false, reason: error.message, excerpt};
		// A regex over a run of many millions of characters can exhaust the backtrack stack: one record, not the run.
		if (error instanceof RangeError) return {ok: false, reason: `record could not be scanned (${error.message}); kept as a reject`, excerpt};
		throw error;
	}
}

function extractWithin(record: Exclude<InputRecord, {type: 'reject'}>, limits: ScanLimits | undefined, onToken?: OnToken): Extracted {
	// Only the text scans take long enough to need a clock: a sign-in shape reads a few fields.
	if (record.type === 'text') return {ok: true, event: fallbackShape.extract(record.text, record.source, false, onToken, new ScanBudget(limits))};
	const value = record.value;
	if (!isObject(value)) {
		return {ok: false, reason: `expected a JSON object, found ${Array.isArray(value) ? 'an array' : typeof value}`, excerpt: excerptOf(record.raw)};
	}
	const shape = shapeOf(value);
	if (shape) return {ok: true, event: canonicalizeSignin(shape.extract(value, record.source))};
	// Token endpoint bodies, msal-node errors, Serilog/pino lines: their raw text holds the evidence.
	// A \uXXXX escape can hide a token's dots from the token scan: scan the re-serialized value then.
	const budget = new ScanBudget(limits);
	if (!record.raw.includes('\\u')) return {ok: true, event: fallbackShape.extract(record.raw, record.source, true, onToken, budget)};
	const serialized = stringifyUnlessTooDeep(value);
	if (serialized === undefined) return {ok: false, reason: tooDeepReason, excerpt: excerptOf(record.raw)};
	return {ok: true, event: fallbackShape.extract(serialized, record.source, true, onToken, budget)};
}
