/**
 * The cause a failure gets when its primary code is in the catalog but no rule explains
 * it: what the catalog knows of the code (its summary, who acts, what to do), at a low
 * confidence, as `aadsts-<code>`. `unclassified` is left for codes the catalog does not know.
 */
import {type Catalog, type Category, type CodeEntry, errorPageUrl} from './catalog.js';
import type {Level, Rule} from './rule.js';

/** Below every shipped rule: the code alone, read from the catalog, not a diagnosis. */
export const catalogCauseConfidence = 0.2;

const causeIdPattern = /^aadsts-\d+$/;

export function catalogCauseId(code: number): string {
	return `aadsts-${code}`;
}

/** Ids of this form are the catalog's: a user rule taking one would pass for the catalog's cause. */
export function isCatalogCauseId(id: string): boolean {
	return causeIdPattern.test(id);
}

/** What to do, by category, for an entry that has no `action` of its own. */
const adviceByCategory: Record<Category, string> = {
	interrupt: 'An expected step of the sign-in: the user completes it, or the app repeats the request interactively.',
	'user-action': 'The user can usually resolve it: retry with the right input or complete the step the sign-in page asks for.',
	'admin-config': 'A tenant admin changes the setting it names (the app registration, the enterprise app, a policy or the directory).',
	'developer-error': "The app's developer fixes the request it sends or the app registration it uses.",
	transient: 'Retry with a back-off; if it persists, open a support case with the correlation ID and timestamp.',
	'security-block': "A policy or protection blocked it on purpose: an admin reviews the sign-in's policy and risk details before allowing it.",
	'service-side': 'A problem on the service side: retry later, check Service Health, and open a support case with the correlation ID if it persists.',
};

const levelByCategory: Record<Category, Level> = {
	interrupt: 'info',
	'user-action': 'low',
	'admin-config': 'medium',
	'developer-error': 'medium',
	transient: 'low',
	'security-block': 'high',
	'service-side': 'medium',
};

/** The catalog cause of one entry. */
export function catalogCause(entry: CodeEntry): Rule {
	const url = errorPageUrl(entry.code);
	return {
		id: catalogCauseId(entry.code),
		title: `${headline(entry.summary)} (AADSTS${entry.code} ${entry.name})`,
		level: levelByCategory[entry.category],
		confidence: catalogCauseConfidence,
		who: entry.who,
		fix: `${entry.summary} ${entry.action ?? adviceByCategory[entry.category]} No aadlog rule tells this code's causes apart yet; the message's own text and the error page (${url}) may say more.`,
		references: [url],
		match: [{'codes.aadsts': entry.code}],
		unless: [],
		examples: {match: [], noMatch: []},
		file: '(catalog)',
	};
}

/** The summary's first clause ("X failed: because ..." → "X failed"), capitalised: a title, not a paragraph. */
function headline(summary: string): string {
	const cut = summary.search(/[;:] /);
	const clause = (cut > 0 ? summary.slice(0, cut) : summary).replace(/\.$/, '');
	return clause.charAt(0).toUpperCase() + clause.slice(1);
}

/** Entries a failure can have as its primary code, so with a catalog cause: interrupts are expected steps, not failures. */
export function entriesWithCause(catalog: Catalog): CodeEntry[] {
	return [...catalog.codes.values()].filter(hasCatalogCause);
}

export function hasCatalogCause(entry: CodeEntry): boolean {
	return entry.category !== 'interrupt';
}

/** The catalog cause of every entry that can have one. */
export function catalogCauses(catalog: Catalog): Rule[] {
	return entriesWithCause(catalog).map(catalogCause);
}
