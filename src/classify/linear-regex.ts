/**
 * Rule regexes (`field|re`) run on V8's linear-time engine, so no pattern a user writes
 * in a rule file can hang a run: `(a+)+$` against a long line costs what `a+$` costs.
 * The engine has no backreferences, no lookaround and no `i` flag; case-insensitivity is
 * had by lower-casing the text and the pattern's literal letters (escapes such as `\D` or
 * `\S` keep their case and meaning). A pattern the engine cannot run is refused when the
 * rule is loaded, naming the rule file.
 */
import v8 from 'node:v8';

v8.setFlagsFromString('--enable-experimental-regexp-engine');

/** Whether this Node's V8 has the linear engine (the `l` flag). */
export const linearEngine = ((): boolean => {
	try {
		// biome-ignore lint/complexity/useRegexLiterals: a literal /a/l is a syntax error where the engine is off; only the constructor can be tried
		new RegExp('a', 'l');
		return true;
	} catch {
		return false;
	}
})();

export interface TextTest {
	test(text: string): boolean;
}

/** Compiles `source` to a case-insensitive, linear-time test; throws SyntaxError with the reason. */
export function linearRegex(source: string): TextTest {
	const pattern = linearEngine ? new RegExp(lowerLiterals(source), 'l') : new RegExp(source, 'i');
	return linearEngine ? {test: (text) => pattern.test(text.toLowerCase())} : pattern;
}

/** Lower-cases letters that are not part of an escape (`\D`, `\u00C9`, `\p{Lu}` keep theirs). */
function lowerLiterals(source: string): string {
	let out = '';
	for (let i = 0; i < source.length; i++) {
		const c = source[i];
		if (c !== '\\') {
			out += c.toLowerCase();
			continue;
		}
		const next = source[i + 1] ?? '';
		if ((next === 'p' || next === 'P' || next === 'u') && source[i + 2] === '{') {
			const end = source.indexOf('}', i + 3);
			const stop = end === -1 ? source.length : end + 1;
			out += source.slice(i, stop);
			i = stop - 1;
		} else if (next === 'u' || next === 'x' || next === 'c') {
			const length = next === 'u' ? 4 : next === 'x' ? 2 : 1;
			out += source.slice(i, i + 2 + length);
			i += 1 + length;
		} else {
			out += c + next;
			i++;
		}
	}
	return out;
}
