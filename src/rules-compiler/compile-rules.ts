/**
 * Rules → the intermediate form for one target: ranked branches that a renderer turns
 * into one `case` (first match wins), plus a verdict per rule saying what travelled.
 *
 * The engine ranks every cause that fits by the evidence of the rule's FIRST holding
 * selection, then by confidence, then by id (src/classify/engine.ts). A `case` can keep that
 * order exactly: each (rule, evidence count) becomes one branch, ranked by the same key,
 * and a selection that would rank higher than an earlier, smaller selection of its own
 * rule is guarded by "and not that earlier one" (the engine would have counted the
 * earlier one's evidence).
 */
import type {Catalog} from '../classify/catalog.js';
import {compareRank} from '../classify/engine.js';
import type {Rule} from '../classify/rule.js';
import {allOf, anyOf, type Condition, factorCommon, not} from './condition.js';
import {type LoweredSelection, lowerSelection} from './lower-selection.js';
import {lossyKinds, type Reason, type TargetProfile} from './target.js';

/** One arm of the classifying `case`: this rule, when `when` holds, with this much evidence. */
export interface RankedBranch {
	rule: Rule;
	evidence: number;
	when: Condition;
}

/**
 * What travelled of a rule:
 *   portable      every selection compiled, or was decided exactly
 *   partial       some match selections could not be compiled: the rule fires on fewer rows than in the engine
 *   never         it cannot fit any row of this target, exactly as the engine would decide (reasons say why)
 *   not-portable  it needs what the target cannot see: left out of the query
 */
export interface RuleVerdict {
	rule: Rule;
	status: 'portable' | 'partial' | 'never' | 'not-portable';
	reasons: Reason[];
}

export interface CompiledRules {
	target: TargetProfile;
	/** Best first: the order of the `case` arms. */
	branches: RankedBranch[];
	verdicts: RuleVerdict[];
}

export function compileRules(rules: readonly Rule[], catalog: Catalog, target: TargetProfile): CompiledRules {
	const branches: RankedBranch[] = [];
	const verdicts: RuleVerdict[] = [];
	for (const rule of rules) {
		const compiled = compileRule(rule, catalog, target);
		branches.push(...compiled.branches);
		verdicts.push(compiled.verdict);
	}
	branches.sort(rankBranches);
	return {target, branches, verdicts};
}

/** The engine's rank (engine.ts), applied to branches. */
function rankBranches(a: RankedBranch, b: RankedBranch): number {
	return compareRank(
		{evidence: a.evidence, confidence: a.rule.confidence, id: a.rule.id},
		{evidence: b.evidence, confidence: b.rule.confidence, id: b.rule.id},
	);
}

function compileRule(rule: Rule, catalog: Catalog, target: TargetProfile): {branches: RankedBranch[]; verdict: RuleVerdict} {
	const match = rule.match.map((s) => lowerSelection(s, target, catalog));
	const unless = rule.unless.map((s) => lowerSelection(s, target, catalog));
	const label = (kind: 'match' | 'unless', i: number, list: unknown[]): string => (list.length > 1 ? `${kind}[${i}]` : kind);
	const reasonsOf = (kind: 'match' | 'unless', list: LoweredSelection[]): Reason[] =>
		list.flatMap((s, i) => (s.kind === 'condition' ? [] : s.reasons.map((r) => ({...r, text: `${label(kind, i, list)} ${r.text}`}))));
	const unlessLossy = unless.some((s) => s.kind === 'lossy');
	const matchReasons = reasonsOf('match', match);
	if (unlessLossy) return {branches: [], verdict: {rule, status: 'not-portable', reasons: reasonsOf('unless', unless).filter((r) => lossyKinds.has(r.kind))}};
	const vetoes = unless.flatMap((s) => (s.kind === 'condition' ? [s.when] : []));
	const veto = anyOf(vetoes);
	const holding = match
		.map((s, index) => ({s, index}))
		.filter((x): x is {s: Extract<LoweredSelection, {kind: 'condition'}>; index: number} => x.s.kind === 'condition');
	if (holding.length === 0 || (veto.kind === 'const' && veto.value)) {
		const lossy = matchReasons.some((r) => lossyKinds.has(r.kind));
		const reasons = veto.kind === 'const' && veto.value ? [{kind: 'impossible' as const, text: 'an unless selection holds on every row'}] : matchReasons;
		return {branches: [], verdict: {rule, status: lossy ? 'not-portable' : 'never', reasons}};
	}
	const byEvidence = new Map<number, Condition[]>();
	for (const [position, {s}] of holding.entries()) {
		// An earlier selection with less evidence would have been the engine's evidence: it must not hold.
		const outranked = holding
			.slice(0, position)
			.filter((earlier) => earlier.s.evidence < s.evidence)
			.map((earlier) => earlier.s.when);
		const when = allOf([s.when, not(anyOf(outranked))]);
		byEvidence.set(s.evidence, [...(byEvidence.get(s.evidence) ?? []), when]);
	}
	const branches = [...byEvidence].map(([evidence, whens]) => ({rule, evidence, when: allOf([factorCommon(anyOf(whens)), not(veto)])}));
	const dropped = matchReasons.filter((r) => lossyKinds.has(r.kind));
	return {branches, verdict: {rule, status: dropped.length > 0 ? 'partial' : 'portable', reasons: matchReasons}};
}
