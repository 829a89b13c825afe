/**
 * "Do this today": the few actions that matter most, from the causes ranked first by impact
 * (impact.ts). Each is the fix's sentence that says what to do, who acts, how many users and
 * apps, since when, and the Conditional Access policies that blocked its sign-ins, so the
 * reader can act without reading the rest.
 */
import type {BlockingPolicy} from './blocking-policies.js';
import {counted} from './counts.js';

export interface TodoAction {
	cause: string;
	action: string;
	who: string;
	users: number;
	apps: number;
	firstSeen: string | null;
	/** Policies that failed on the cause's latest failing sign-ins, most first; empty when none did. */
	policies: BlockingPolicy[];
}

const maxActions = 5;

type Ranked = {cause: string; fix: string; who: string; users: number; apps: number; firstSeen: string | null};

export function doToday(ranked: readonly Ranked[], policiesOf: (cause: string) => BlockingPolicy[] = () => []): TodoAction[] {
	return ranked.slice(0, maxActions).map((c) => ({
		cause: c.cause,
		action: action(c.fix),
		who: c.who,
		users: c.users,
		apps: c.apps,
		firstSeen: c.firstSeen,
		policies: policiesOf(c.cause),
	}));
}

/** ` · blocked by "Require compliant device" (12 sign-ins)`, or nothing. */
export function blockedBy(policies: readonly BlockingPolicy[], quote: (name: string) => string = (name) => `"${name}"`): string {
	if (policies.length === 0) return '';
	return ` · blocked by ${policies.map((p) => `${quote(p.name)} (${counted(p.signins, 'sign-in')})`).join(', ')}`;
}

/** Verbs a fix's instructions start with. */
const verbs =
	"(?:acquire|add|align|allow|ask|assign|avoid|cache|call|capture|change|check|choose|compare|configure|confirm|contact|copy|correct|create|decide|delete|deploy|disable|don't|enable|enroll|ensure|exclude|find|fix|get|give|grant|have|install|keep|let|log|look|make|monitor|move|open|pick|point|re-?\\w+|register|remove|renew|replace|request|reset|restart|retry|review|rotate|run|send|set|sign|start|switch|sync|tell|treat|turn|unblock|update|upgrade|upload|use|verify|wait|work out)";
/** "Rotate the secret.", "Either enable it, or ..." */
const instruction = new RegExp(`^(?:either\\s+)?${verbs}\\b`, 'i');
/** "The client must acquire a token for the API.": someone who acts, and what they must do. */
const obligation =
	/^(?:the|each|every|your) (?:client|app|application|user|admin|administrator|api|caller|developer|service)\b(?!['’])[^,;.]{0,40}\b(?:must|should|needs to) (?!not\b)\w+/i;
/** "If it is disabled, re-enable it." (not "If not, ...": that needs the sentence before it). */
const conditionalInstruction = new RegExp(`^(?:if|when|for|on)\\b(?!\\s+not\\b)(?:[^,;.()]|\\([^)]*\\))*,\\s*(?:then\\s+)?${verbs}\\b`, 'i');

/**
 * Fixes often say what happened first, then what to do: the first sentence that is an
 * instruction or says who must do what, else the first instruction under a condition, else
 * the first sentence.
 */
export function action(fix: string): string {
	return instructionOf(fix) ?? sentences(fix)[0] ?? '';
}

/** The sentence of a fix that says what to do, or undefined when it only describes. */
export function instructionOf(fix: string): string | undefined {
	const all = sentences(fix);
	return all.find((s) => instruction.test(s) || obligation.test(s)) ?? all.find((s) => conditionalInstruction.test(s));
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
