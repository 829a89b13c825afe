/**
 * What travelled to a target, for people: the rules left out grouped by why, and the
 * rules only partly compiled with the selections that were dropped. Goes into the header
 * of every exported query, so a rule is never dropped without a word.
 */
import type {CompiledRules, RuleVerdict} from './compile-rules.js';
import {lossyKinds, type ReasonKind} from './target.js';

const labels: Record<ReasonKind, string> = {
	'app-evidence': 'app-log evidence (message text, token facts, IDX, HTTP/bearer/OAuth errors, linked sign-in)',
	'interrupts-only': 'interrupts only (expected steps, not failures)',
	'missing-in-table': 'columns this table does not have',
	'one-code': 'two AADSTS codes on one event',
	impossible: 'a test no value passes',
	'no-column': 'a field the target has no column for',
	regex: 'a regular expression the target cannot run with the same meaning',
	'list-field': 'a list field without element boundaries in the target',
};

/** Counts by status. */
export function portabilityCounts(compiled: CompiledRules): Record<RuleVerdict['status'], number> {
	const counts = {portable: 0, partial: 0, never: 0, 'not-portable': 0};
	for (const v of compiled.verdicts) counts[v.status]++;
	return counts;
}

/** Comment lines (without the comment marker) describing what the query leaves out. */
export function portabilityLines(compiled: CompiledRules): string[] {
	const counts = portabilityCounts(compiled);
	const lines = [
		`${compiled.verdicts.length} rules: ${counts.portable + counts.partial} in the query (${counts.partial} partly), ${counts.never} cannot fit a row here, ${counts['not-portable']} not portable.`,
	];
	const never = compiled.verdicts.filter((v) => v.status === 'never');
	if (never.length > 0) {
		lines.push(`Cannot fit any row of ${compiled.target.name}, exactly as the engine decides (left out):`);
		const groups = new Map<string, string[]>();
		for (const v of never) {
			const key = [...new Set(v.reasons.map((r) => labels[r.kind]))].sort().join('; ');
			groups.set(key, [...(groups.get(key) ?? []), v.rule.id]);
		}
		for (const [label, ids] of [...groups].sort()) lines.push(`  ${label}: ${ids.join(', ')}`);
	}
	const lossy = compiled.verdicts.filter((v) => v.status === 'not-portable' || v.status === 'partial');
	if (lossy.length > 0) {
		lines.push('Not portable (the engine could decide otherwise on some rows):');
		for (const v of lossy) {
			const dropped = v.reasons.filter((r) => lossyKinds.has(r.kind)).map((r) => r.text);
			lines.push(`  ${v.rule.id} (${v.status === 'partial' ? 'partly compiled, dropped' : 'left out'}): ${dropped.join('; ')}`);
		}
	}
	return lines;
}
