/** What the shape tests share: a source, a JSON record's event, and two ids. */
import type {AuthEvent} from '../../src/extract/event.js';
import {extractRecord} from '../../src/extract/extract-record.js';

export const source = {file: 't', line: 1};
export const fromJson = (value: Record<string, unknown>): AuthEvent => {
	const result = extractRecord({type: 'json', value, raw: JSON.stringify(value), source});
	if (!result.ok) throw new Error(result.reason);
	return result.event;
};
export const g1 = '11111111-aaaa-4bbb-8ccc-111111111111';
export const g2 = '22222222-aaaa-4bbb-8ccc-222222222222';
