/**
 * A rule regex (JavaScript syntax, run case-insensitively by the engine) → the RE2 syntax
 * of KQL's `matches regex`, with the same meaning. Most of the syntax is shared; where
 * JavaScript and RE2 differ in meaning the pattern is rewritten (`.` stops at \r and the
 * Unicode line separators in JavaScript, `\s` includes Unicode spaces); what RE2 lacks
 * (lookaround, backreferences) or what could mean something else is refused, and the
 * selection is reported as not portable instead of matching differently.
 */

export type Re2Result = {ok: true; pattern: string} | {ok: false; why: string};

/** JavaScript's `.` outside a class: anything but a line terminator. */
const jsDot = String.raw`[^\n\r\x{2028}\x{2029}]`;
/** JavaScript's `\s`: ECMAScript WhiteSpace and LineTerminator. */
const jsSpaceRanges = String.raw`\t\n\x{0B}\f\r \x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}`;

/** Escapes whose meaning is the same in both dialects (outside and inside classes). */
const sameEscapes = new Set([...'dDwWtnrf']);

export function toRe2(pattern: string): Re2Result {
	let out = '(?i)';
	let i = 0;
	const refuse = (why: string): Re2Result => ({ok: false, why: `${why} (in /${pattern}/)`});
	while (i < pattern.length) {
		const c = pattern[i];
		if (c === '\\') {
			const escaped = translateEscape(pattern, i, false);
			if (!escaped.ok) return refuse(escaped.why);
			out += escaped.text;
			i += escaped.length;
		} else if (c === '[') {
			const cls = characterClass(pattern, i);
			if (!cls.ok) return refuse(cls.why);
			out += cls.text;
			i += cls.length;
		} else if (c === '(' && pattern[i + 1] === '?') {
			if (pattern[i + 2] === ':') {
				out += '(?:';
				i += 3;
			} else if (pattern[i + 2] === '<' && /^[A-Za-z_]/.test(pattern[i + 3] ?? '')) {
				out += '(?P<'; // a named group: the spelling every RE2 version reads
				i += 3;
			} else {
				return refuse('lookaround has no RE2 equivalent');
			}
		} else if (c === '.') {
			out += jsDot;
			i++;
		} else {
			out += c;
			i++;
		}
	}
	return {ok: true, pattern: out};
}

type Piece = {ok: true; text: string; length: number} | {ok: false; why: string};

function translateEscape(pattern: string, at: number, inClass: boolean): Piece {
	const next = pattern[at + 1];
	if (next === undefined) return {ok: false, why: 'a trailing backslash'};
	if (sameEscapes.has(next)) return {ok: true, text: `\\${next}`, length: 2};
	if (next === 'v') return {ok: true, text: String.raw`\x{0B}`, length: 2};
	if (next === 's') return {ok: true, text: inClass ? jsSpaceRanges : `[${jsSpaceRanges}]`, length: 2};
	if (next === 'S') return inClass ? {ok: false, why: String.raw`\S inside a class`} : {ok: true, text: `[^${jsSpaceRanges}]`, length: 2};
	if ((next === 'b' || next === 'B') && !inClass) return {ok: true, text: `\\${next}`, length: 2}; // ASCII word boundary in both
	if (next === 'b' && inClass) return {ok: true, text: String.raw`\x{08}`, length: 2};
	if (next === 'x' && /^[0-9A-Fa-f]{2}$/.test(pattern.slice(at + 2, at + 4))) return {ok: true, text: `\\x{${pattern.slice(at + 2, at + 4)}}`, length: 4};
	if (next === 'u' && /^[0-9A-Fa-f]{4}$/.test(pattern.slice(at + 2, at + 6))) return {ok: true, text: `\\x{${pattern.slice(at + 2, at + 6)}}`, length: 6};
	if (/[A-Za-z0-9]/.test(next)) return {ok: false, why: `the escape \\${next} has no certain RE2 equivalent`};
	return {ok: true, text: `\\${next}`, length: 2}; // escaped punctuation is itself in both
}

function characterClass(pattern: string, at: number): Piece {
	let i = at + 1;
	let text = '[';
	if (pattern[i] === '^') {
		text += '^';
		i++;
	}
	if (pattern[i] === ']') return {ok: false, why: 'an empty class'};
	while (i < pattern.length && pattern[i] !== ']') {
		const c = pattern[i];
		if (c === '\\') {
			const escaped = translateEscape(pattern, i, true);
			if (!escaped.ok) return escaped;
			text += escaped.text;
			i += escaped.length;
		} else {
			// `[` is plain in a JavaScript class but starts [:alpha:] in RE2: escape it, like every other punctuation.
			text += c === '[' ? '\\[' : c;
			i++;
		}
	}
	if (pattern[i] !== ']') return {ok: false, why: 'an unclosed class'};
	return {ok: true, text: `${text}]`, length: i - at + 1};
}
