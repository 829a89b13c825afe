/**
 * The compact summary `aadlog analyze` prints on a terminal: totals, top causes with who
 * must act, top codes with their names, rejects. Colors are marks (src/cli/colors.ts)
 * the output writer renders, or drops when stdout is no TTY or NO_COLOR is set.
 */

import {byCount, type RankedCause} from '../aggregate/run-summary.js';
import type {Catalog} from '../classify/catalog.js';
import {paint} from '../cli/colors.js';
import type {AnalyzeResult} from '../pipeline.js';
import {counted, formatCount} from './counts.js';
import {visibleLength, wrapped} from './report-text.js';

const topN = 10;

/** `width`: the terminal's columns; cause titles wrap at words to fit (80 when stdout is no terminal). */
export function analyzeTerminal(result: AnalyzeResult, db: string, catalog: Catalog, width = 80): string {
	const {summary} = result;
	const o = summary.outcomes;
	const lines: string[] = [];
	const rejected = summary.rejected > 0 ? paint.red(` · ${formatCount(summary.rejected)} rejected`) : '';
	// Events and rejects an earlier run stored: read = new + already stored + new rejects.
	const alreadyStored = result.duplicates + summary.rejected - result.added.rejected;
	const read = `${paint.bold('aadlog')} · ${counted(summary.records, 'record')} read (${counted(summary.kinds.signin, 'sign-in')}, ${formatCount(summary.kinds.app)} app${grouped(summary)})`;
	const stored = `${formatCount(result.added.records)} new (${formatCount(alreadyStored)} already stored)${rejected}`;
	// Too wide for one line: break between what was read and what was new, not inside either.
	const headline = `${read}, ${stored}`;
	lines.push(...(visibleLength(headline) <= width ? [headline] : [`${read},`, `  ${stored}`]), `  ${outcomesLine(o)}`);
	// Counts below describe what was read; when some of it was stored before, what the database gained too.
	if (result.duplicates > 0) lines.push(`  new: ${outcomesLine(result.added.outcomes)}`);
	if (o.interrupt > 0) lines.push(paint.dim('  interrupts are expected steps (MFA prompt, account pick, KMSI), not failures'));

	const ranked = summary.rankedCauses();
	lines.push(...causeLines('Top causes (by impact)', ranked.failing, (c) => c.failures, width));
	lines.push(...causeLines('Expected steps (interrupts)', ranked.expectedSteps, (c) => c.interrupts, width));

	const codes = summary.topCodes();
	if (codes.length > 0) {
		lines.push('', paint.bold('Top codes'));
		for (const {code, count} of codes.slice(0, topN)) {
			const entry = catalog.codes.get(code);
			const name = entry ? `${entry.name}${entry.category === 'interrupt' ? paint.yellow(' (interrupt)') : ''}` : paint.dim('not in the catalog');
			lines.push(`  ${formatCount(count).padStart(6)}  ${`AADSTS${code}`.padEnd(14)} ${name}`);
		}
		if (codes.length > topN) lines.push(paint.dim(`          … ${formatCount(codes.length - topN)} more codes`));
	}

	if (summary.firstReject) {
		const r = summary.firstReject;
		lines.push(
			'',
			paint.red(
				`Rejected ${counted(summary.rejected, 'malformed record')}; first at ${r.file}:${r.line}${r.index === undefined ? '' : ` (item ${r.index})`}: ${r.reason}`,
			),
		);
		lines.push(paint.dim(`  kept in the rejects table: aadlog query --db ${db} "select * from rejects"`));
	}
	const d = summary.distinct;
	lines.push(
		'',
		paint.dim(
			`${summary.distinctExact ? '' : '≈ '}${counted(d.users, 'user')} · ${counted(d.apps, 'app')} · ${counted(d.correlationIds, 'correlation id')}${tokensLine(summary)}`,
		),
		...joinsLine(result),
		...nightlyLine(result),
		paint.dim(`Database: ${db} (run ${result.runId}: ${counted(result.stored, 'new event')}, ${formatCount(result.duplicates)} already stored)`),
	);
	if (result.interrupted) lines.push(paint.yellow('Stopped early: what was read is committed; run again to finish.'));
	// Every line fits the terminal; the cause lines are laid out to fit already.
	return lines.flatMap((line) => wrapped(line, width)).join('\n') + '\n';
}

/** Only on re-runs over the same files. */
function nightlyLine(result: AnalyzeResult): string[] {
	const {skipped, resumed} = result.nightly;
	if (skipped.length === 0 && resumed.length === 0) return [];
	const parts = [];
	if (skipped.length > 0) parts.push(`${counted(skipped.length, 'input')} skipped (already in the database)`);
	if (resumed.length > 0) parts.push(`${counted(resumed.length, 'grown file')} read from where the last run stopped`);
	return [paint.dim(parts.join(' · '))];
}

/** Only when the run read app failures: how many found the sign-in behind them. */
function joinsLine(result: AnalyzeResult): string[] {
	const {appFailures, matched} = result.joins;
	if (appFailures === 0) return [];
	return [
		paint.dim(
			`${formatCount(matched)} of ${counted(appFailures, 'app failure')} joined to their sign-in${matched > 0 ? ' (by_correlation; aadlog trace <id>)' : ''}`,
		),
	];
}

function tokensLine(summary: AnalyzeResult['summary']): string {
	const {distinct, events, expiredAtUse} = summary.tokens;
	if (events === 0) return '';
	return ` · ${counted(distinct, 'bearer token')} in ${counted(events, 'event')}${expiredAtUse > 0 ? ` (${formatCount(expiredAtUse)} expired when used)` : ''}`;
}

function outcomesLine(o: AnalyzeResult['added']['outcomes']): string {
	return `${paint.green(`success ${formatCount(o.success)}`)} · ${paint.red(`failure ${formatCount(o.failure)}`)} · ${paint.yellow(`interrupt ${formatCount(o.interrupt)}`)} · ${paint.dim(`unknown ${formatCount(o.unknown)}`)}`;
}

/** `; 12 in 5 incidents`: app records grouped into one failure each, so the outcomes below count fewer events than records. */
function grouped(summary: AnalyzeResult['summary']): string {
	const {events, records} = summary.incidents;
	return events === 0 ? '' : `; ${formatCount(records)} in ${counted(events, 'incident')}`;
}

/** A section of causes, most impact first; `count`: the number shown (failures, or interrupts for expected steps). */
function causeLines(heading: string, causes: RankedCause[], count: (c: RankedCause) => number, columns: number): string[] {
	if (causes.length === 0) return [];
	const lines = ['', paint.bold(heading)];
	const width = Math.max(...causes.slice(0, topN).map((c) => c.cause.length));
	for (const cause of causes.slice(0, topN)) {
		const codes =
			cause.cause === 'unclassified'
				? paint.dim(
						` [${byCount(cause.codes)
							.slice(0, 6)
							.map(({code}) => `AADSTS${code}`)
							.join(', ')}]`,
					)
				: '';
		// The title wraps under itself, never cutting a word; who acts stays dim at its end.
		const indent = 2 + 6 + 2 + width + 2;
		const who = `(${cause.who})`;
		const title = wrapped(`${cause.title} ${who}`, Math.max(20, columns - indent));
		const last = title.length - 1;
		title[last] = title[last].endsWith(who) ? `${title[last].slice(0, -who.length)}${paint.dim(who)}` : title[last];
		lines.push(`  ${formatCount(count(cause)).padStart(6)}  ${paint.cyan(cause.cause.padEnd(width))}  ${title[0].trimStart()}${last === 0 ? codes : ''}`);
		for (const [i, more] of title.slice(1).entries()) lines.push(`${' '.repeat(indent)}${more.trimStart()}${i + 1 === last ? codes : ''}`);
	}
	if (causes.length > topN) lines.push(paint.dim(`          … ${formatCount(causes.length - topN)} more causes`));
	return lines;
}
