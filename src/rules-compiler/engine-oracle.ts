/**
 * The in-process engine as the compiler's oracle. Wherever a test's answer can be known
 * at compile time — a field no sign-in carries, a constant of the target, a boolean (two
 * values), a catalog entry (a finite list) — the compiler asks the engine's own compiled
 * selection (src/classify/compile.ts) instead of re-implementing its semantics. The SQL
 * target's regular expressions run through it too.
 */

import type {CodeEntry} from '../classify/catalog.js';
import {compileSelection, type EventView} from '../classify/compile.js';
import type {Selection} from '../classify/rule.js';
import {type AuthEvent, newEvent, type Outcome} from '../extract/event.js';

/** A sign-in event with nothing but what every row of a target shares. */
export function syntheticSignin(outcome: Outcome = 'failure'): AuthEvent {
	const event = newEvent('signin', {file: '(compiler)', line: 0});
	event.outcome = outcome;
	return event;
}

/** A copy of `event` with one field (`group.name` or a top-level name) set. */
export function withField(event: AuthEvent, fieldPath: string, value: unknown): AuthEvent {
	const [head, tail] = fieldPath.split('.') as [string, string | undefined];
	const copy = {...event} as unknown as Record<string, unknown>;
	if (tail === undefined) copy[head] = value;
	else copy[head] = {...(copy[head] as Record<string, unknown> | undefined), [tail]: value};
	return copy as unknown as AuthEvent;
}

/** The engine's evidence when the selection holds for the view, undefined when it does not. */
export function evaluate(selection: Selection, view: EventView): string[] | undefined {
	return compileSelection(selection)(view);
}

/** Codes of the catalog entries for which a selection of `catalog.*` keys holds, and whether it holds without an entry. */
export function catalogCodesWhere(selection: Selection, event: AuthEvent, entries: Iterable<CodeEntry>): {codes: number[]; withoutEntry: boolean} {
	const test = compileSelection(selection);
	const codes: number[] = [];
	for (const entry of entries) if (test({event, entry}) !== undefined) codes.push(entry.code);
	return {codes, withoutEntry: test({event}) !== undefined};
}

const regexTests = new Map<string, (text: string) => boolean>();

/** `text` matches `pattern` exactly as a rule's `field|re` would (case-insensitive, the engine's regex engine). */
export function engineRegexTest(pattern: string, text: string): boolean {
	let test = regexTests.get(pattern);
	if (!test) {
		const compiled = compileSelection({'message|re': pattern});
		const base = syntheticSignin();
		test = (value) => compiled({event: {...base, message: value}}) !== undefined;
		regexTests.set(pattern, test);
	}
	return test(text);
}
