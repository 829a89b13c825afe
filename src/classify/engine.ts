/**
 * The rules engine: decides whether a non-zero outcome is a failure or an expected
 * interrupt (from the catalog), then finds every rule that fits and ranks them.
 * Rules that require specific AADSTS codes are indexed by code, so an event is tested
 * only against its codes' rules and the code-independent ones.
 */
import type {AuthEvent} from '../extract/event.js';
import {redactText} from '../tokens/redact.js';
import {appOnlyEvidence} from './app-only-fields.js';
import type {Catalog, CodeEntry} from './catalog.js';
import {catalogCause, catalogCauses, hasCatalogCause} from './catalog-causes.js';
import type {CompiledSelection, EventView} from './compile.js';
import {compileSelection, requiredCodes} from './compile.js';
import {settlePrimaryCode} from './primary-code.js';
import type {Rule, Selection} from './rule.js';

/** One cause that fits an event, with the fields that made it fit. */
export interface CauseMatch {
	rule: Rule;
	evidence: string[];
}

interface CompiledRule {
	rule: Rule;
	match: CompiledSelection[];
	unless: CompiledSelection[];
	/** Number of the last event this rule was tried on. */
	triedAt: number;
}

/** The cause of a failure no rule explains: reported, with its code, so nothing is hidden. */
export const unclassifiedRule: Rule = {
	id: 'unclassified',
	title: 'No rule explains this failure yet',
	level: 'medium',
	confidence: 0,
	who: 'developer',
	fix: 'Look the code up with `aadlog explain <code>`; add a rule in a --rules folder once the cause is known.',
	references: [],
	match: [],
	unless: [],
	examples: {match: [], noMatch: []},
	file: '(built in)',
};

export class RulesEngine {
	readonly rules: readonly Rule[];
	private readonly byCode = new Map<number, CompiledRule[]>();
	private readonly general: CompiledRule[] = [];
	/** The general rules a sign-in can meet: most general rules need app-log evidence. */
	private readonly generalForSignins: CompiledRule[] = [];
	private classified = 0;
	private readonly catalogCauseByCode = new Map<number, Rule>();

	constructor(
		rules: readonly Rule[],
		readonly catalog: Catalog,
	) {
		this.rules = rules;
		for (const rule of rules) {
			const compiled: CompiledRule = {rule, match: rule.match.map(compileSelection), unless: rule.unless.map(compileSelection), triedAt: 0};
			const codeSets = rule.match.map(requiredCodes);
			if (codeSets.every((codes) => codes !== undefined)) {
				for (const code of new Set(codeSets.flat() as number[])) {
					const list = this.byCode.get(code) ?? [];
					list.push(compiled);
					this.byCode.set(code, list);
				}
			} else {
				this.general.push(compiled);
				if (!rule.match.every(needsAppEvidence)) this.generalForSignins.push(compiled);
			}
		}
	}

	/**
	 * Settles the primary code (a specific code beside a generic one decides), then sets the
	 * event's outcome to `interrupt` when that code is an expected step. Every event the
	 * engine classifies passes here first, whatever shape it came from.
	 */
	refineOutcome(event: AuthEvent): void {
		settlePrimaryCode(event.codes.aadsts, this.catalog);
		if (event.outcome !== 'failure') return;
		const primary = event.codes.aadsts[0];
		if (primary !== undefined) {
			if (this.catalog.codes.get(primary)?.category === 'interrupt') event.outcome = 'interrupt';
			return;
		}
		const oauth = event.codes.oauthError;
		if (oauth !== undefined && this.catalog.oauth.get(oauth)?.interrupt) event.outcome = 'interrupt';
	}

	/** The causes the engine gives failures no rule fits: every catalog code's (catalog-causes.ts). */
	catalogCauses(): Rule[] {
		return catalogCauses(this.catalog);
	}

	private catalogCauseOf(entry: CodeEntry): Rule {
		let cause = this.catalogCauseByCode.get(entry.code);
		if (cause === undefined) {
			cause = catalogCause(entry);
			this.catalogCauseByCode.set(entry.code, cause);
		}
		return cause;
	}

	/**
	 * Every cause that fits, best first. A failure that no rule fits gets its primary code's
	 * catalog cause, or `unclassified` when the catalog does not know the code (or it has none).
	 */
	classify(event: AuthEvent): CauseMatch[] {
		this.refineOutcome(event);
		if (event.outcome !== 'failure' && event.outcome !== 'interrupt') return [];
		const primary = event.codes.aadsts[0];
		const view: EventView = {event, entry: primary === undefined ? undefined : this.catalog.codes.get(primary)};
		const found: CauseMatch[] = [];
		// A rule indexed under two of the event's codes is tried once: stamped with this event's number.
		const stamp = ++this.classified;
		for (const code of event.codes.aadsts) {
			const list = this.byCode.get(code);
			if (list) for (const candidate of list) tryRule(candidate, view, stamp, found);
		}
		for (const candidate of event.kind === 'signin' ? this.generalForSignins : this.general) tryRule(candidate, view, stamp, found);
		if (found.length === 0) {
			if (event.outcome !== 'failure') return [];
			// A code the catalog knows still says what it is and who acts: its catalog cause, at low confidence.
			if (view.entry !== undefined && hasCatalogCause(view.entry))
				return [{rule: this.catalogCauseOf(view.entry), evidence: [`codes.aadsts=${primary}`]}];
			return [{rule: unclassifiedRule, evidence: primary === undefined ? [] : [`codes.aadsts=${primary}`]}];
		}
		found.sort(rank);
		return found;
	}
}

/** A selection that needs an app-only field present cannot match a sign-in (`|exists: false` on one can). */
function needsAppEvidence(selection: Selection): boolean {
	for (const [key, value] of Object.entries(selection)) {
		const [field, modifier] = key.split('|');
		if (field === 'kind' && (Array.isArray(value) ? value : [value]).every((v) => v === 'app')) return true;
		if (appOnlyEvidence(field) !== undefined && !(modifier === 'exists' && value === false)) return true;
	}
	return false;
}

function tryRule(candidate: CompiledRule, view: EventView, stamp: number, found: CauseMatch[]): void {
	if (candidate.triedAt === stamp) return;
	candidate.triedAt = stamp;
	const evidence = firstHolding(candidate.match, view);
	if (evidence === undefined || firstHolding(candidate.unless, view) !== undefined) return;
	// Evidence quotes the value it matched (a sign-in's additionalDetails, a message): rules
	// see the raw text, what they say about it is redacted where it is made.
	found.push({rule: candidate.rule, evidence: evidence.map(redactText)});
}

function firstHolding(selections: CompiledSelection[], view: EventView): string[] | undefined {
	for (const selection of selections) {
		const evidence = selection(view);
		if (evidence !== undefined) return evidence;
	}
	return undefined;
}

/** What ranks a cause: how much evidence its matched selection needed, how sure its rule is, its id. */
export interface RankFacts {
	evidence: number;
	confidence: number;
	id: string;
}

/**
 * Best first: the cause whose selection needed more evidence (a code plus the message or a
 * token fact says more than the code alone), then the more confident rule, then by id for
 * stable output. The rules compiler orders its `case` arms with this too.
 */
export function compareRank(a: RankFacts, b: RankFacts): number {
	return b.evidence - a.evidence || b.confidence - a.confidence || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function rank(a: CauseMatch, b: CauseMatch): number {
	return compareRank(
		{evidence: a.evidence.length, confidence: a.rule.confidence, id: a.rule.id},
		{evidence: b.evidence.length, confidence: b.rule.confidence, id: b.rule.id},
	);
}
