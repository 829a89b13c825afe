/**
 * Offline look-up, like the public error page but with what aadlog's rules know:
 * by AADSTS code (`50126`, `AADSTS50126`), by name (`InvalidUserNameOrPassword`),
 * by OAuth / RFC 6750 error (`invalid_grant`), by IDX code (`IDX10214`), by a pasted error
 * message (every code in it, each explained), or by words.
 */
import {findAadstsCodes, findIdxCodes} from '../extract/artifacts/aadsts.js';
import type {CodeEntry, IdxEntry, OAuthEntry} from './catalog.js';
import {errorPageUrl} from './catalog.js';
import {catalogCause, hasCatalogCause} from './catalog-causes.js';
import type {Knowledge} from './knowledge.js';
import {settlePrimaryCode} from './primary-code.js';
import type {Rule, Selection} from './rule.js';

export interface Explanation {
	query: string;
	code?: CodeEntry & {url: string};
	oauth?: OAuthEntry;
	idx?: string;
	idxEntry?: IdxEntry;
	/** Rules that can explain it, most confident first, with the evidence each needs. */
	causes: Array<{id: string; title: string; who: string; confidence: number; when: string[]; fix: string}>;
	/** For word searches: matching catalog entries. */
	matches: CodeEntry[];
	/** For a pasted message: each code and OAuth error in it, explained, the primary AADSTS code first. */
	found?: Explanation[];
	/** For a pasted message with AADSTS codes: the one that decides (a specific code beside a generic one, as analyze does). */
	primary?: number;
}

export function explain(query: string, knowledge: Knowledge): Explanation {
	const q = query.trim();
	const result: Explanation = {query: q, causes: [], matches: []};
	const {catalog, rules} = knowledge;
	const numeric = /^(?:AADSTS)?(\d{4,8})$/i.exec(q);
	const byName = [...catalog.codes.values()].find((e) => e.name.toLowerCase() === q.toLowerCase());
	const code = numeric ? catalog.codes.get(Number(numeric[1])) : byName;
	if (numeric || code) {
		const number = code?.code ?? Number(numeric![1]);
		if (code) result.code = {...code, url: errorPageUrl(code.code)};
		result.causes = causesFor(rules, (field, values) => field === 'codes.aadsts' && values.some((v) => Number(v) === number));
		// No rule names it: what analyze reports for it is the catalog's cause.
		if (result.causes.length === 0 && code && hasCatalogCause(code)) result.causes = [describe(catalogCause(code))];
		return result;
	}
	const oauth = catalog.oauth.get(q.toLowerCase());
	if (oauth) {
		result.oauth = oauth;
		result.causes = causesFor(
			rules,
			(field, values) => (field === 'codes.oauthError' || field === 'codes.bearerError') && values.some((v) => String(v).toLowerCase() === oauth.error),
		);
		return result;
	}
	if (/^IDX\d{5}$/i.test(q)) {
		result.idx = q.toUpperCase();
		result.idxEntry = catalog.idx.get(result.idx);
		result.causes = causesFor(rules, (field, values) => field === 'codes.idx' && values.some((v) => String(v).toUpperCase() === result.idx));
		return result;
	}
	const message = codesIn(q, knowledge);
	if (message.length > 0) {
		const aadsts = message.filter((c) => typeof c === 'number');
		if (aadsts.length > 0) result.primary = aadsts[0];
		result.found = message.map((c) => explain(typeof c === 'number' ? String(c) : c, knowledge));
		return result;
	}
	const words = q.toLowerCase().split(/\s+/).filter(Boolean);
	result.matches = [...catalog.codes.values()].filter((e) => {
		const hay = `${e.name} ${e.summary} ${e.category}`.toLowerCase();
		return words.every((w) => hay.includes(w));
	});
	result.causes = rules.filter((r) => words.every((w) => `${r.id} ${r.title} ${r.fix}`.toLowerCase().includes(w))).map(describe);
	return result;
}

/**
 * The AADSTS codes (primary first, settled as the engine settles it), IDX codes and OAuth
 * errors of a pasted message, in order of appearance otherwise. A message names codes with
 * their prefix: bare numbers in it are ids, times or counts.
 */
function codesIn(text: string, knowledge: Knowledge): Array<number | string> {
	const aadsts: number[] = [];
	findAadstsCodes(text.toUpperCase(), aadsts);
	settlePrimaryCode(aadsts, knowledge.catalog);
	const idx: string[] = [];
	findIdxCodes(text.toUpperCase(), idx);
	const oauth = [...new Set(text.toLowerCase().match(/\b[a-z]+(?:_[a-z]+)+\b/g) ?? [])].filter((word) => knowledge.catalog.oauth.has(word));
	return [...aadsts, ...idx, ...oauth];
}

type FieldTest = (field: string, values: unknown[]) => boolean;

function causesFor(rules: readonly Rule[], test: FieldTest): Explanation['causes'] {
	return rules
		.filter((rule) =>
			rule.match.some((selection) => Object.entries(selection).some(([key, value]) => test(key.split('|')[0], Array.isArray(value) ? value : [value]))),
		)
		.map(describe)
		.sort((a, b) => b.confidence - a.confidence);
}

function describe(rule: Rule): Explanation['causes'][number] {
	return {id: rule.id, title: rule.title, who: rule.who, confidence: rule.confidence, when: rule.match.map(selectionText), fix: rule.fix};
}

function selectionText(selection: Selection): string {
	return Object.entries(selection)
		.map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(' | ') : String(value)}`)
		.join(', ');
}
