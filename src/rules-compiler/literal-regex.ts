/**
 * A rule regex that is only plain text (with `^`/`$` anchors and top-level `|`) says no
 * more than eq / startswith / endswith / contains, which every target can run without a
 * regex engine: `signin.flow|re: ^device` is `startswith device`.
 */

/** One alternative of a plain-text regex, as written (the engine compares it case-insensitively). */
export interface LiteralAlternative {
	text: string;
	atStart: boolean;
	atEnd: boolean;
}

const special = new Set([...'\\^$.|?*+()[]{}']);

/** The alternatives, or undefined when the pattern is more than plain text. */
export function literalRegex(pattern: string): LiteralAlternative[] | undefined {
	const alternatives: LiteralAlternative[] = [];
	for (const part of pattern.split('|')) {
		const atStart = part.startsWith('^');
		let body = atStart ? part.slice(1) : part;
		const atEnd = body.endsWith('$') && !body.endsWith('\\$');
		if (atEnd) body = body.slice(0, -1);
		let text = '';
		for (let i = 0; i < body.length; i++) {
			const c = body[i];
			if (c === '\\') {
				const next = body[i + 1];
				// Only escaped punctuation is plain text: `\d`, `\b`, `\u0041` are not.
				if (next === undefined || !special.has(next)) return undefined;
				text += next;
				i++;
			} else if (special.has(c)) {
				return undefined;
			} else {
				text += c;
			}
		}
		if (text === '') return undefined;
		alternatives.push({text, atStart, atEnd});
	}
	return alternatives;
}
