/**
 * `aadlog report` as text for a terminal or an e-mail, and as Markdown for a wiki or a
 * ticket. Both lay out ReportData; nothing is computed here.
 */
import {counted, formatCount} from './counts.js';
import {blockedBy} from './do-today.js';
import type {ReportData} from './report-data.js';

/** Lines wider than `width` wrap at spaces (a word is never cut), continuing under their own indent. */
export function reportText(d: ReportData, width = 80): string {
	const out: string[] = [];
	out.push(`aadlog report · ${windowLabel(d)} · generated ${d.generatedAt}`);
	const t = d.totals;
	out.push(
		`${counted(t.events, 'event')} (${counted(t.signins, 'sign-in')}, ${formatCount(t.app)} app) · success ${formatCount(t.success)} · failure ${formatCount(t.failure)}${trend(t.failure, d.previousTotals?.failure)} · interrupt ${formatCount(t.interrupt)} · unknown ${formatCount(t.unknown)} · ${counted(t.users, 'user')} · ${counted(t.apps, 'app')}`,
	);
	if (d.undated > 0) out.push(`${counted(d.undated, 'event')} have no time and are in no window (they count in a report without --since/--until)`);
	out.push('', 'Do this today');
	if (d.doToday.length === 0) out.push('  nothing: no failures in this window');
	d.doToday.forEach((a, i) => {
		const item = `  ${i + 1}. `;
		// Continuations line up under the action, not under the number.
		out.push(...wrapped(`${item}${a.action}`, width, item.length));
		out.push(
			`     ${a.who} acts · ${a.cause} · ${counted(a.users, 'user')}, ${counted(a.apps, 'app')} · since ${a.firstSeen ?? '?'}${blockedBy(a.policies)}`,
		);
	});
	out.push('', 'New since the last run');
	out.push(...newsLines(d).map((l) => `  ${l}`));
	out.push('', 'Top root causes (by impact: level, users, apps, failures)');
	if (d.causes.length === 0) out.push('  none in this window');
	for (const c of d.causes) {
		out.push(`  ${formatCount(c.events).padStart(6)}  ${c.cause}  ${c.title} (${c.who})${trend(c.events, c.previous)}`);
		out.push(
			`          ${counted(c.failures, 'failure')}, ${counted(c.interrupts, 'interrupt')} · ${counted(c.users, 'user')} · ${counted(c.apps, 'app')} · ${c.firstSeen ?? '?'} .. ${c.lastSeen ?? '?'}`,
		);
		if (c.topApps.length > 0) out.push(`          apps: ${c.topApps.map((a) => `${a.app} (${formatCount(a.events)})`).join(', ')}`);
		if (c.userNames) out.push(`          users: ${c.userNames.join(', ')}`);
		if (c.sampleCorrelationIds.length > 0) out.push(`          correlation ids: ${c.sampleCorrelationIds.join(' ')}`);
		out.push(`          fix: ${oneLine(c.fix)}`);
	}
	if (d.expectedSteps.length > 0) {
		out.push('', 'Expected steps (interrupts)');
		for (const c of d.expectedSteps)
			out.push(`  ${formatCount(c.interrupts).padStart(6)}  ${c.cause}  ${c.title} (${c.who}) · ${counted(c.users, 'user')} · ${counted(c.apps, 'app')}`);
	}
	out.push('', 'App failures joined to their sign-ins');
	out.push(`  ${formatCount(d.joins.matched)} of ${counted(d.joins.appFailures, 'app failure')} joined`);
	// `via` names the id that joined them; the id shown is always the sign-in's correlation id.
	for (const j of d.joins.samples)
		out.push(
			`  ${j.appTime ?? '?'}  ${j.appCause ?? '-'} ← sign-in ${j.signinCause ?? '-'} (joined by ${j.via}${j.correlationId ? `; correlation id ${j.correlationId}` : ''})`,
		);
	if (d.rejects.count > 0) {
		out.push('', `Rejected input: ${counted(d.rejects.count, 'record')} (kept in the rejects table)`);
		for (const r of d.rejects.samples) out.push(`  ${r.file}:${r.line ?? '?'}  ${r.reason}`);
	}
	return out.flatMap((line) => wrapped(line, width)).join('\n') + '\n';
}

export function reportMarkdown(d: ReportData): string {
	const out: string[] = [];
	const t = d.totals;
	out.push(`# aadlog report: ${md(windowLabel(d))}`, '', `Generated ${d.generatedAt} by aadlog ${md(d.version)} from \`${d.db.replace(/`/g, "'")}\`.`, '');
	out.push(
		'| events | sign-ins | app | success | failure | interrupt | unknown | users | apps |',
		'| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
	);
	out.push(
		`| ${t.events} | ${t.signins} | ${t.app} | ${t.success} | ${t.failure}${trend(t.failure, d.previousTotals?.failure)} | ${t.interrupt} | ${t.unknown} | ${t.users} | ${t.apps} |`,
		'',
	);
	out.push('## Do this today', '');
	if (d.doToday.length === 0) out.push('Nothing: no failures in this window.');
	d.doToday.forEach((a, i) => {
		out.push(
			`${i + 1}. ${md(a.action)} — **${a.who}** acts · \`${a.cause}\` · ${counted(a.users, 'user')}, ${counted(a.apps, 'app')} · since ${a.firstSeen ?? '?'}${blockedBy(a.policies, (name) => `“${md(name)}”`)}`,
		);
	});
	out.push('');
	out.push('## New since the last run', '', ...newsLines(d).map((l) => `- ${md(l)}`), '');
	out.push('## Top root causes', '');
	if (d.causes.length === 0) out.push('None in this window.', '');
	for (const c of d.causes) {
		out.push(`### ${md(c.title)} — \`${c.cause}\``, '');
		out.push(
			`**${c.events}** events (${c.failures} failures, ${c.interrupts} interrupts)${md(trend(c.events, c.previous))} · ${c.users} users · ${c.apps} apps · who acts: **${c.who}** · ${c.firstSeen ?? '?'} to ${c.lastSeen ?? '?'}`,
			'',
		);
		if (c.topApps.length > 0) out.push(`Apps: ${c.topApps.map((a) => `${md(a.app)} (${a.events})`).join(', ')}`, '');
		if (c.userNames) out.push(`Users: ${c.userNames.map(md).join(', ')}`, '');
		if (c.sampleCorrelationIds.length > 0) out.push(`Correlation ids for a support case: ${c.sampleCorrelationIds.map((id) => `\`${id}\``).join(' ')}`, '');
		out.push(`Fix: ${md(oneLine(c.fix))}`, '');
	}
	if (d.expectedSteps.length > 0) {
		out.push('## Expected steps (interrupts)', '', '| interrupts | cause | title | who acts | users | apps |', '| ---: | --- | --- | --- | ---: | ---: |');
		for (const c of d.expectedSteps) out.push(`| ${c.interrupts} | \`${c.cause}\` | ${md(c.title)} | ${c.who} | ${c.users} | ${c.apps} |`);
		out.push('');
	}
	out.push(
		'## App failures joined to their sign-ins',
		'',
		`${d.joins.matched} of ${d.joins.appFailures} app failures were joined to the sign-in behind them.`,
		'',
	);
	if (d.joins.samples.length > 0) {
		out.push('| app failure at | app cause | sign-in cause | joined by | correlation id |', '| --- | --- | --- | --- | --- |');
		for (const j of d.joins.samples)
			out.push(`| ${j.appTime ?? ''} | ${md(j.appCause ?? '')} | ${md(j.signinCause ?? '')} | ${j.via} | ${j.correlationId ?? ''} |`);
		out.push('');
	}
	if (d.rejects.count > 0) {
		out.push('## Rejected input', '', `${d.rejects.count} records could not be read; they are kept in the \`rejects\` table.`, '');
		for (const r of d.rejects.samples) out.push(`- \`${r.file.replace(/`/g, "'")}:${r.line ?? '?'}\` ${md(r.reason)}`);
		out.push('');
	}
	return out.join('\n');
}

export function windowLabel(d: ReportData): string {
	const {since, until} = d.window;
	if (!since && !until) return 'all events';
	return `${since ?? 'first event'} to ${until ?? 'last event'}`;
}

function newsLines(d: ReportData): string[] {
	const {lastRun, newCauses, jumped} = d.news;
	if (!lastRun) return ['no run recorded'];
	const lines = [`last run ${lastRun.id} (${lastRun.status}, ${lastRun.startedAt}): ${lastRun.stored} new events`];
	if (d.news.earlierRuns === 0) lines.push('the first run in this database: nothing to compare it with');
	else if (newCauses.length === 0 && jumped.length === 0) lines.push('nothing new: no cause appeared for the first time or jumped');
	for (const cause of newCauses) lines.push(`new cause: ${cause}`);
	for (const j of jumped) lines.push(`jumped: ${j.cause}: ${j.lastRun} in the last run, ${j.before} in all runs before`);
	return lines;
}

export function trend(now: number, before: number | null | undefined): string {
	if (before === null || before === undefined) return '';
	const delta = now - before;
	return ` (${delta >= 0 ? '+' : ''}${delta} vs previous period)`;
}

/**
 * A line cut at spaces to fit `width`; continuations are indented by `hang` (default: the
 * line's indent plus two). A word longer than the width stays whole.
 */
export function wrapped(line: string, width: number, hang?: number): string[] {
	if (visibleLength(line) <= width) return [line];
	const indent = ' '.repeat(hang ?? (/^ */.exec(line)?.[0].length ?? 0) + 2);
	const lines: string[] = [];
	let current = '';
	for (const word of line.trimStart().split(' ')) {
		const start = lines.length === 0 && current === '' ? line.slice(0, line.length - line.trimStart().length) : current === '' ? indent : '';
		const candidate = current === '' ? start + word : `${current} ${word}`;
		if (visibleLength(candidate) > width && current !== '') {
			lines.push(current);
			current = indent + word;
		} else current = candidate;
	}
	if (current !== '') lines.push(current);
	return lines;
}

/** Columns a line takes on screen: color marks (src/cli/colors.ts) take none. */
export function visibleLength(line: string): number {
	return line.replace(/[\uFDD0-\uFDEF]/g, '').length;
}

function oneLine(text: string): string {
	return text.replace(/\s+/g, ' ').trim();
}

/** Markdown: log values must not turn into markup (tables, links, HTML). */
function md(text: string): string {
	return text.replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`);
}
