/**
 * The WWW-Authenticate header of the response, as logs print it: a text header line, a JSON
 * header map (escaped once or twice inside a JSON log line), a Python dict. The value is the
 * redacted text; it is cut at a bounded length.
 */
import {isHidden} from './request-values.js';

/** The response header, then `:` (or a JSON / Python key's quote, then `:`). */
const wwwAuthenticateLabel = /www-authenticate(?:\\{0,7}["'])?\s{0,8}[:=]\s{0,8}/gi;
const jsonString = /"(?:[^"\\\n]|\\.){1,1024}"/y;
const maxHeaderChars = 512;
/** A record prints its response's headers once or twice; past this many labels without a value, there is none. */
const maxHeaderTries = 8;

export function findWwwAuthenticate(text: string): string | undefined {
	wwwAuthenticateLabel.lastIndex = 0;
	let tries = 0;
	for (let m = wwwAuthenticateLabel.exec(text); m !== null && tries < maxHeaderTries; m = wwwAuthenticateLabel.exec(text), tries++) {
		const value = headerValue(text, wwwAuthenticateLabel.lastIndex);
		if (value !== undefined) return value.length > maxHeaderChars ? `${value.slice(0, maxHeaderChars)}…` : value;
	}
	return undefined;
}

/** The header's value as the log wrote it: a JSON string (escaped once or not), a quoted string, or the rest of the line. */
function headerValue(text: string, at: number): string | undefined {
	const end = text.indexOf('\n', at);
	const rest = text.slice(at, Math.min(end === -1 ? text.length : end, at + 4 * maxHeaderChars));
	let value: string;
	if (rest.startsWith('"')) {
		jsonString.lastIndex = 0;
		const m = jsonString.exec(rest);
		value = m ? parsedString(m[0]) : rest.slice(1);
	} else if (rest.startsWith('\\"')) {
		// JSON inside a JSON string: the value ends at the first `\"` whose backslash is not itself escaped.
		const close = /(?<!\\)\\"/g;
		close.lastIndex = 2;
		const m = close.exec(rest);
		value = rest
			.slice(2, m ? m.index : rest.length)
			.replace(/\\\\\\"/g, '"')
			.replace(/\\{1,3}"/g, '"');
	} else if (rest.startsWith("'")) {
		const close = rest.indexOf("'", 1);
		value = rest.slice(1, close === -1 ? rest.length : close);
	} else {
		// A literal `\r\n` escape ends the line too (an exception's text inside a JSON log line).
		value = rest.split(/\\r|\\n|\r/)[0];
		if (value.startsWith('[') && value.endsWith(']')) value = value.slice(1, -1);
	}
	value = value.trim();
	return value === '' || isHidden(value) ? undefined : value;
}

function parsedString(literal: string): string {
	try {
		return JSON.parse(literal) as string;
	} catch {
		return literal.slice(1, -1);
	}
}
