/**
 * Characters a terminal acts on instead of showing: C0 controls (but \n and \t), DEL, the
 * C1 controls U+0080-U+009F (U+009B is a CSI on its own), and the bidi overrides and
 * isolates that reorder what is shown. A log field holding them could retitle the window,
 * clear the screen or make one text read as another; shown as `\x1b` / `\u202e`, they are
 * seen instead. A \r that ends a \r\n line break is kept (CSV rows); any other \r could
 * overwrite the line it is on.
 */
const terminalControls = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|\r(?!\n)/g;

function visible(c: string): string {
	const code = c.charCodeAt(0);
	return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Text with every terminal control shown as an escape; everything else unchanged. */
export function neutralizeControls(text: string): string {
	terminalControls.lastIndex = 0;
	return terminalControls.test(text) ? text.replace(terminalControls, visible) : text;
}

/**
 * JSON.stringify escapes C0 but leaves C1, DEL, bidi controls and U+2028/U+2029 raw. Outside
 * strings JSON holds only ASCII, so escaping these anywhere in the text keeps it the same JSON.
 */
const rawInJson = /[\u007F-\u009F\u202A-\u202E\u2066-\u2069\u2028\u2029\uFDD0-\uFDEF]/g;

export function escapeJsonControls(json: string): string {
	return json.replace(rawInJson, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
