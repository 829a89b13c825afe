/**
 * Decides the format of an input from its first bytes (after gunzip and BOM).
 *
 * - `[` : a JSON document (an array, or several back to back)
 * - `{` on a first line that is a whole JSON value: JSON Lines (one record per line)
 * - `{` otherwise: a JSON document (a pretty-printed object or envelope)
 * - anything else: text
 */
import type {InputFormat} from './record.js';

/** How many bytes the sniffer looks at; a first line longer than this is taken as JSON Lines. */
export const sniffBytes = 64 * 1024;

export function sniffFormat(head: Buffer): InputFormat {
	let i = 0;
	while (i < head.length && isSpace(head[i])) i++;
	if (i >= head.length) return 'text';
	const first = head[i];
	if (first === 0x5b) return 'json';
	if (first !== 0x7b) return 'text';
	const nl = head.indexOf(0x0a, i);
	if (nl === -1) return head.length >= sniffBytes ? 'jsonl' : completeJson(head.toString('utf8', i)) ? 'jsonl' : 'json';
	return completeJson(head.toString('utf8', i, nl)) ? 'jsonl' : 'json';
}

function completeJson(text: string): boolean {
	try {
		JSON.parse(text);
		return true;
	} catch {
		// A first line that does not parse alone is the start of a multi-line document,
		// or a broken JSON Lines record; a `}`-terminated line says which.
		return text.trimEnd().endsWith('}');
	}
}

function isSpace(c: number): boolean {
	return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}
