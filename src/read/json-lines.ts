/**
 * JSON Lines: one record per line. A line that does not parse is rejected on its own and
 * the next line reads normally. A line holding an envelope (`{"records":[...]}`, as Event
 * Hub capture files have) yields the envelope's elements.
 */

import {envelopeItems, hasNextPage} from './envelope.js';
import {invalidJsonReason} from './json-error.js';
import type {Line} from './lines.js';
import type {InputRecord} from './record.js';
import {excerptOf, stringifyUnlessTooDeep, tooDeepReason} from './record.js';

/** The records of `lines`, appended to `out`; `onNextPage` is told of each Graph page that links to a next one. */
export function jsonLineRecords(lines: readonly Line[], file: string, maxRecordBytes: number, out: InputRecord[], onNextPage?: () => void): void {
	for (const line of lines) {
		const source = {file, line: line.number};
		if (line.oversized) {
			out.push({type: 'reject', reason: `line longer than the limit of ${maxRecordBytes} bytes`, excerpt: excerptOf(line.text), source});
			continue;
		}
		const text = line.text;
		if (isBlank(text)) continue;
		let value: unknown;
		try {
			value = JSON.parse(text);
		} catch (error) {
			out.push({type: 'reject', reason: invalidJsonReason(text, line.number, error), excerpt: excerptOf(text), source});
			continue;
		}
		const items = envelopeItems(value);
		if (items === undefined) {
			out.push({type: 'json', value, raw: text, source});
			continue;
		}
		if (hasNextPage(value)) onNextPage?.();
		for (let index = 0; index < items.length; index++) {
			const itemSource = {file, line: line.number, index};
			const raw = stringifyUnlessTooDeep(items[index]);
			if (raw === undefined) out.push({type: 'reject', reason: tooDeepReason, excerpt: excerptOf(text), source: itemSource});
			else out.push({type: 'json', value: items[index], raw, source: itemSource});
		}
	}
}

function isBlank(text: string): boolean {
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return false;
	}
	return true;
}
