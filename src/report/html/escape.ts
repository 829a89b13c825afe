/**
 * Escaping for the HTML report. Everything a log can say (user names, app names, cause ids
 * from user rules, file names) passes through `escapeHtml`; the `html` template tag applies
 * it to every interpolated value, so markup is only ever what this code wrote itself.
 * Attributes are always written double-quoted, so the same escaping is safe in text, in
 * attributes and in inline SVG (<title>, <text>, aria-label). The text is redacted and its
 * control characters (C0, C1, bidi overrides, which a browser honours too) shown as escapes,
 * as on a terminal.
 */
import {neutralizeControls} from '../../cli/control-chars.js';
import {redactText} from '../../tokens/redact.js';

/** Markup this code produced: interpolated as it is, not escaped again. */
export class SafeHtml {
	constructor(readonly value: string) {}

	toString(): string {
		return this.value;
	}
}

const entities: Record<string, string> = {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'};

/** Text safe inside an element or a double-quoted attribute; null and undefined are empty. */
export function escapeHtml(value: string | number | null | undefined): string {
	if (value === null || value === undefined) return '';
	return neutralizeControls(redactText(String(value))).replace(/[&<>"']/g, (c) => entities[c]);
}

/** Values a template can hold: escaped text, markup already built, or lists of either. */
export type HtmlValue = SafeHtml | string | number | null | undefined | false | readonly HtmlValue[];

function interpolate(value: HtmlValue): string {
	if (value instanceof SafeHtml) return value.value;
	if (Array.isArray(value)) return value.map(interpolate).join('');
	if (value === false) return '';
	return escapeHtml(value as string | number | null | undefined);
}

/** Template tag: every `${value}` is escaped unless it is a SafeHtml (an `html` result). */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
	let out = strings[0];
	for (let i = 0; i < values.length; i++) out += interpolate(values[i]) + strings[i + 1];
	return new SafeHtml(out);
}

/** Trusted markup from this code (never from the logs): the style sheet, the doctype. */
export function trusted(markup: string): SafeHtml {
	return new SafeHtml(markup);
}
