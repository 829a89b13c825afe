/**
 * Colors for human output. A renderer marks styled text with Unicode noncharacters instead
 * of escape sequences, so the output writer can neutralize every control character the
 * text holds (a log field's too) and only then turn the marks into SGR sequences. An
 * escape sequence in a log field therefore never reaches the terminal, colors on or off;
 * a forged mark can at most pick one of the colors below. The sequences themselves are kleur's.
 */
import kleur from 'kleur';

const names = ['bold', 'dim', 'red', 'green', 'yellow', 'cyan'] as const;
type Style = (typeof names)[number];

/** [open, close] SGR sequences of each style, as kleur writes them. */
const styles = Object.fromEntries(
	names.map((name) => {
		const enabled = kleur.enabled;
		kleur.enabled = true;
		const [open, close] = kleur[name]('\0').split('\0');
		kleur.enabled = enabled;
		return [name, [open, close]];
	}),
) as Record<Style, [string, string]>;
const openBase = 0xfdd0;
const closeBase = 0xfde0;

let enabled = false;

/** Set once by the CLI: colors only on a TTY, never with NO_COLOR or TERM=dumb. */
export function setColors(on: boolean): void {
	enabled = on;
}

export function colorsEnabled(): boolean {
	return enabled;
}

function style(name: Style, text: string): string {
	if (!enabled) return text;
	const index = names.indexOf(name);
	const open = String.fromCharCode(openBase + index);
	// An inner style ending with the same SGR code (bold inside dim) would end this one too: reopen it.
	const sameEnd = names.flatMap((n, i) => (styles[n][1] === styles[name][1] ? [String.fromCharCode(closeBase + i)] : []));
	const inner = sameEnd.reduce((t, close) => t.replaceAll(close, close + open), text);
	return `${open}${inner}${String.fromCharCode(closeBase + index)}`;
}

/** `paint.red(text)`: text marked for a color, or the text itself when colors are off. */
export const paint = Object.fromEntries(names.map((n) => [n, (text: string) => style(n, text)])) as Record<Style, (text: string) => string>;

const marks = /[\uFDD0-\uFDEF]/g;

/** Marks made SGR sequences (colors on) or removed (colors off). Run after neutralizeControls. */
export function renderColorMarks(text: string): string {
	marks.lastIndex = 0;
	if (!marks.test(text)) return text;
	return text.replace(marks, (m) => {
		const code = m.charCodeAt(0);
		const open = code < closeBase;
		const name = names[code - (open ? openBase : closeBase)];
		if (!enabled || name === undefined) return '';
		return styles[name][open ? 0 : 1];
	});
}
