/**
 * "Do this today": the few actions that matter most, from the causes ranked first by impact
 * (impact.ts). Each is the fix's first sentence, who acts, how many users and apps, and
 * since when, so the reader can act without reading the rest.
 */
export interface TodoAction {
	cause: string;
	action: string;
	who: string;
	users: number;
	apps: number;
	firstSeen: string | null;
}

const maxActions = 5;

export function doToday(ranked: ReadonlyArray<{cause: string; fix: string; who: string; users: number; apps: number; firstSeen: string | null}>): TodoAction[] {
	return ranked.slice(0, maxActions).map((c) => ({cause: c.cause, action: action(c.fix), who: c.who, users: c.users, apps: c.apps, firstSeen: c.firstSeen}));
}

/** Fixes often say what happened first, then what to do: the first sentence that starts with a verb, else the first. */
const imperative =
	/^(?:add|allow|ask|assign|change|check|configure|confirm|contact|create|disable|enable|enroll|ensure|fix|give|grant|have|install|let|make|move|open|re-?\w+|register|remove|renew|replace|request|reset|restart|review|rotate|send|set|sign|switch|tell|treat|turn|unblock|update|upgrade|use|verify|wait)\b/i;

export function action(fix: string): string {
	const all = sentences(fix);
	return all.find((s) => imperative.test(s)) ?? all[0] ?? '';
}

function sentences(text: string): string[] {
	const out: string[] = [];
	let rest = text.replace(/\s+/g, ' ').trim();
	while (rest.length > 0) {
		const first = firstSentence(rest);
		out.push(first);
		rest = rest.slice(first.length).trim();
	}
	return out;
}

/** Up to the first full stop followed by a space (or the end): "e.g." and "v2.0" do not end it. */
export function firstSentence(text: string): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	const end = flat.search(/(?<!\b(?:e\.g|i\.e|etc|vs))[.!?](?=\s+[A-Z(`"]|$)/);
	return end === -1 ? flat : flat.slice(0, end + 1);
}
