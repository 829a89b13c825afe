/**
 * A problem in a rule or catalog file, told the way a compiler tells it: file, line and
 * column, the field (a path such as `match[1].codes.aadsts|contains`) and what is wrong.
 * The schema's findings and the checks in code after it share this one shape, so an
 * editor's problem list, `aadlog rules lint --json` and an error on stderr all agree.
 */
import type {Document, Node} from 'yaml';
import {AadlogError, type AadlogErrorCode} from '../errors.js';
import {yaml} from '../util/yaml.js';

/** A path into the file's data: mapping keys and list indexes. */
export type FieldPath = ReadonlyArray<string | number>;

/** Found in the data, not yet placed in the text. `at: 'key'` points at the key itself (an unknown or misspelt field). */
export interface Finding {
	path: FieldPath;
	at?: 'key' | 'value';
	problem: string;
}

export interface FileProblem {
	file: string;
	/** 1-based; absent when the text is not at hand. */
	line?: number;
	column?: number;
	/** The field path as text; empty for the file as a whole. */
	field: string;
	problem: string;
}

/** `match[0].codes.aadsts|re`: keys joined by dots, list items by index. */
export function fieldText(path: FieldPath): string {
	let text = '';
	for (const part of path) text += typeof part === 'number' ? `[${part}]` : text === '' ? part : `.${part}`;
	return text;
}

export function formatProblem(p: FileProblem): string {
	const where = p.line === undefined ? p.file : `${p.file}:${p.line}:${p.column}`;
	return p.field === '' ? `${where}: ${p.problem}` : `${where}: field '${p.field}' ${p.problem}`;
}

/** An error carrying every problem found, so a caller can print them all or as JSON. */
export class FileProblemsError extends AadlogError {
	readonly problems: FileProblem[];

	constructor(code: AadlogErrorCode, problems: FileProblem[], options?: {cause?: unknown}) {
		super(code, problems.map(formatProblem).join('\n'), options);
		this.problems = problems;
	}
}

/**
 * Places findings in the file's text. The text is parsed again only here, on the way to
 * an error: files loaded fine never pay for positions. JSON is YAML, so one parser serves both.
 */
export function placeFindings(file: string, source: string | undefined, findings: readonly Finding[]): FileProblem[] {
	if (findings.length === 0) return [];
	if (source === undefined) return findings.map((f) => ({file, field: fieldText(f.path), problem: f.problem}));
	const {LineCounter, parseDocument} = yaml();
	const lineCounter = new LineCounter();
	const doc = parseDocument(source, {lineCounter, uniqueKeys: false});
	const placed = findings.map((f) => {
		const {line, col} = lineCounter.linePos(offsetOf(doc, f.path, f.at ?? 'value'));
		return {file, line, column: col, field: fieldText(f.path), problem: f.problem};
	});
	// In the order of the text, as an editor lists them.
	return placed.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** The offset of the deepest node the path reaches: a missing field is shown at the mapping that lacks it. */
function offsetOf(doc: Document, path: FieldPath, at: 'key' | 'value'): number {
	const {isAlias, isMap, isScalar, isSeq} = yaml();
	let node = doc.contents as Node | null;
	let offset = node?.range?.[0] ?? 0;
	for (const [i, part] of path.entries()) {
		if (isAlias(node)) node = node.resolve(doc) ?? null;
		let next: Node | null | undefined;
		if (isMap(node)) {
			const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === String(part));
			if (pair === undefined) break;
			const last = i === path.length - 1;
			if (last && at === 'key' && isScalar(pair.key)) return pair.key.range?.[0] ?? offset;
			next = (pair.value as Node | null) ?? (isScalar(pair.key) ? pair.key : null);
		} else if (isSeq(node) && typeof part === 'number') {
			next = node.items[part] as Node | undefined;
		}
		if (!next?.range) break;
		node = next;
		offset = next.range[0];
	}
	return offset;
}
