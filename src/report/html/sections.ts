/**
 * The sections of the HTML report, in reading order, each from ReportData only. Numbers a
 * test or a script may read carry `data-metric` (and cause rows `data-cause`); the text
 * beside them is for people.
 */
import type {CauseRow, ReportData} from '../report-data.js';
import {html, type SafeHtml} from './escape.js';
import {describeWindow, formatCount, formatTime, signed, windowLength} from './format.js';
import {barChart, causeSwatch, outcomeSwatch, timeChart} from './svg-charts.js';

type Totals = ReportData['totals'];

/** Title with the window, when and from what it was generated. */
export function header(data: ReportData): SafeHtml {
	const compared = data.previousWindow ? html` · compared with ${describeWindow(data.previousWindow)}` : '';
	return html`<header>
<h1>Entra ID sign-in report: ${describeWindow(data.window)}</h1>
<p>Generated <time datetime="${data.generatedAt}">${formatTime(data.generatedAt)}</time> by aadlog ${data.version} from <span class="mono">${data.db}</span>${compared}</p>
</header>`;
}

/** Totals and outcomes, with the trend against the previous window when there is one. */
export function totals(data: ReportData): SafeHtml {
	const t = data.totals;
	const length = windowLength(data.window) ?? 'period';
	const trend = (now: number, key: 'events' | 'failure' | 'interrupt'): SafeHtml | '' => {
		if (!data.previousTotals) return '';
		const before = data.previousTotals[key];
		const diff = now - before;
		const tone = key === 'events' || diff === 0 ? '' : diff > 0 ? ' worse' : ' better';
		return html`<div class="trend${tone}" data-metric="previous-${key}" data-value="${before}">${signed(diff)} vs previous ${length} (${formatCount(before)})</div>`;
	};
	const stat = (label: string, key: keyof Totals, extra: SafeHtml | '' = ''): SafeHtml =>
		html`<div class="stat ${key}"><div class="label">${label}</div><div class="value" data-metric="${key}">${formatCount(t[key])}</div>${extra}</div>`;
	return html`<section id="totals">
<h2>Totals</h2>
<div class="stats">
${stat('Events', 'events', trend(t.events, 'events'))}
${stat('Sign-ins', 'signins')}
${stat('App log events', 'app')}
${stat('Users', 'users')}
${stat('Apps', 'apps')}
</div>
<div class="stats">
${stat('Success', 'success')}
${stat('Failures', 'failure', trend(t.failure, 'failure'))}
${stat('Interrupts', 'interrupt', trend(t.interrupt, 'interrupt'))}
${stat('Unknown', 'unknown')}
</div>
${outcomeBar(t)}
<p class="note">Interrupts are expected steps (an MFA prompt, "stay signed in?", an account picker) and are not counted as failures. Unknown: sign-ins without a status, and app log lines without authentication evidence.</p>
</section>`;
}

function outcomeBar(t: Totals): SafeHtml | '' {
	if (t.events === 0) return '';
	const parts: Array<['success' | 'failure' | 'interrupt' | 'unknown', number]> = [
		['success', t.success],
		['failure', t.failure],
		['interrupt', t.interrupt],
		['unknown', t.unknown],
	];
	let x = 0;
	const rects = parts.map(([name, n]) => {
		if (n === 0) return '';
		const w = (n / t.events) * 1000;
		const rect = html`<rect class="${outcomeSwatch(name)}" x="${x.toFixed(1)}" width="${w.toFixed(1)}" height="14"><title>${name}: ${formatCount(n)} (${((100 * n) / t.events).toFixed(1)}%)</title></rect>`;
		x += w;
		return rect;
	});
	const legend = parts.map(
		([name, n]) =>
			html`<li><svg width="12" height="12" aria-hidden="true"><rect class="${outcomeSwatch(name)}" width="12" height="12" rx="2"/></svg> ${name} ${((100 * n) / t.events).toFixed(0)}%</li>`,
	);
	return html`<figure><svg class="outcomes" viewBox="0 0 1000 14" preserveAspectRatio="none" role="img" aria-label="Outcomes of all events">${rects}</svg><ul class="legend">${legend}</ul></figure>`;
}

/** Causes the last run found that no earlier run had, and causes that jumped. */
export function news(data: ReportData): SafeHtml {
	const {lastRun, newCauses, jumped} = data.news;
	// The news names causes beyond the top ones shown below: their titles come with the news.
	const title = (cause: string): string => data.news.titles?.[cause] ?? [...data.causes, ...data.expectedSteps].find((c) => c.cause === cause)?.title ?? '';
	let body: SafeHtml;
	if (!lastRun) {
		body = html`<p>No run is recorded in this database.</p>`;
	} else if (newCauses.length === 0 && jumped.length === 0) {
		const why =
			data.news.earlierRuns === 0
				? 'this is the first run recorded in this database, so there is nothing to compare it with'
				: 'the last run found no cause that earlier runs had not, and none that jumped';
		body = html`<p data-metric="news" data-value="0">Nothing new: ${why}.</p>`;
	} else {
		body = html`${newCauses.length > 0 ? html`<h3>Causes never seen before</h3><ul class="plain">${newCauses.map((c) => html`<li data-cause="${c}"><span class="cause-id">${c}</span> ${title(c)}</li>`)}</ul>` : ''}
${jumped.length > 0 ? html`<h3>Causes that jumped</h3><ul class="plain">${jumped.map((j) => html`<li data-cause="${j.cause}"><span class="cause-id">${j.cause}</span> ${title(j.cause)}: <strong>${formatCount(j.lastRun)}</strong> in the last run, ${formatCount(j.before)} in all earlier runs together</li>`)}</ul>` : ''}`;
	}
	const run = lastRun
		? html`<p class="note">Last run: #${lastRun.id}, started ${formatTime(lastRun.startedAt)}, ${lastRun.finishedAt ? html`finished ${formatTime(lastRun.finishedAt)}` : 'not finished'}, ${lastRun.status}, ${formatCount(lastRun.stored)} new events stored.</p>`
		: '';
	return html`<section id="news"><h2>What is new since the last run</h2>${body}${run}</section>`;
}

/** Failures per hour or day of the top causes. */
export function timeline(data: ReportData): SafeHtml {
	const {timeline: t} = data;
	const drawn = t.points.reduce((a, p) => a + p.failures, 0);
	const index = new Map(t.causes.map((c, i) => [c, i]));
	const chart =
		drawn === 0
			? html`<p>No failures with a time in this window.</p>`
			: html`<figure><figcaption>Failures per ${t.bucket} (UTC) of the top ${t.causes.length} causes: ${formatCount(drawn)} of ${formatCount(data.totals.failure)} failures drawn${drawn < data.totals.failure ? ' (the others belong to other causes or have no time)' : ''}.</figcaption>
${timeChart({title: `Failures per ${t.bucket} and cause`, bucket: t.bucket, series: t.causes.map((name, i) => ({name, swatch: causeSwatch(i)})), points: t.points.map((p) => ({at: p.at, series: index.get(p.cause) ?? 0, value: p.failures})), span: {since: data.window.since, until: data.window.until ?? data.generatedAt}})}</figure>`;
	return html`<section id="timeline" class="page"><h2>Failures over time</h2>${chart}</section>`;
}

/** Top root causes: a bar chart, then a table row per cause with its fix and samples. */
export function causes(data: ReportData): SafeHtml {
	if (data.causes.length === 0)
		return html`<section id="causes" class="page"><h2>Top root causes</h2><p>No failures or interrupts in this window.</p></section>`;
	const chart = barChart({
		title: 'Events per root cause: failures and interrupts',
		series: [
			{name: 'failures', swatch: outcomeSwatch('failure')},
			{name: 'interrupts', swatch: outcomeSwatch('interrupt')},
		],
		rows: data.causes.map((c) => ({label: c.cause, values: [c.failures, c.interrupts]})),
	});
	return html`<section id="causes" class="page"><h2>Top root causes</h2>
<figure><figcaption>Failures and interrupts per most likely cause, most impact first: level, then users, apps and failures.</figcaption>${chart}</figure>
<div class="scroll"><table class="causes">
<thead><tr><th class="c-cause">Cause</th><th>Who must act</th><th class="num">Events</th><th class="num">Failures</th><th class="num">Interrupts</th><th class="num">Users</th><th class="num">Apps</th><th>Seen (UTC)</th></tr></thead>
${data.causes.map(causeRows)}
</table></div></section>`;
}

function causeRows(c: CauseRow): SafeHtml {
	const trend =
		c.previous === null
			? ''
			: html`<div class="trend${c.events > c.previous ? ' worse' : c.events < c.previous ? ' better' : ''}" data-metric="previous" data-value="${c.previous}">${signed(c.events - c.previous)}</div>`;
	const users =
		c.userNames && c.userNames.length > 0
			? html`<dt>Users</dt><dd>${c.userNames.join(', ')}${c.users > c.userNames.length ? html` <span class="muted">and ${formatCount(c.users - c.userNames.length)} more</span>` : ''}</dd>`
			: '';
	return html`<tbody>
<tr class="metrics" data-cause="${c.cause}"><td><span class="cause-id">${c.cause}</span><span class="cause-title">${c.title}</span></td>
<td><span class="badge who-${c.who}">${c.who}</span><div class="note level-${c.level}">${c.level}</div></td>
<td class="num" data-metric="events">${formatCount(c.events)}${trend}</td><td class="num" data-metric="failures">${formatCount(c.failures)}</td><td class="num" data-metric="interrupts">${formatCount(c.interrupts)}</td>
<td class="num" data-metric="users">${formatCount(c.users)}</td><td class="num" data-metric="apps">${formatCount(c.apps)}</td>
<td class="time">${seen(c)}</td></tr>
<tr class="detail"><td colspan="8"><p class="fix"><strong>Fix:</strong> ${c.fix}</p>
<dl class="facts">${c.topApps.length > 0 ? html`<dt>Top apps</dt><dd>${c.topApps.map((a, i) => html`${i > 0 ? ', ' : ''}${a.app} <span class="muted">(${formatCount(a.events)})</span>`)}</dd>` : ''}
${c.sampleCorrelationIds.length > 0 ? html`<dt>Correlation ids</dt><dd class="mono">${c.sampleCorrelationIds.map((id, i) => html`${i > 0 ? html`<br>` : ''}${id}`)}</dd>` : ''}
${users}</dl></td></tr>
</tbody>`;
}

/** First and last seen on two lines; one when they are the same minute. */
function seen(c: CauseRow): SafeHtml {
	const first = formatTime(c.firstSeen, {suffix: false});
	const last = formatTime(c.lastSeen, {suffix: false});
	const time = (text: string): SafeHtml => html`<span class="nowrap">${text}</span>`;
	return first === last ? time(first) : html`${time(first)}<br><span class="muted">to</span> ${time(last)}`;
}

/** Apps with the most failures. */
export function apps(data: ReportData): SafeHtml {
	const body =
		data.topApps.length === 0
			? html`<p>No failures with an app in this window.</p>`
			: html`<figure><figcaption>Failures per client app (display name, or app id when the log has no name).</figcaption>${barChart({title: 'Failures per app', series: [{name: 'failures', swatch: outcomeSwatch('failure')}], rows: data.topApps.map((a) => ({label: a.app, values: [a.failures]}))})}</figure>`;
	return html`<section id="apps"><h2>Apps with the most failures</h2>${body}</section>`;
}

const via: Record<string, string> = {trace_id: 'trace id', request_id: 'request id', correlation_id: 'correlation id', uti: 'token uti'};

/** App log failures joined to the sign-ins behind them. */
export function joins(data: ReportData): SafeHtml {
	const j = data.joins;
	if (j.appFailures === 0)
		return html`<section id="joins" class="page"><h2>App failures joined to sign-ins</h2><p data-metric="app-failures" data-value="0">No app log failures in this window.</p></section>`;
	const withUsers = j.samples.some((s) => s.user !== null);
	const rows = j.samples.map(
		(s) => html`<tr><td class="time nowrap">${formatTime(s.appTime, {seconds: true, suffix: false})}</td>
<td><span class="cause-id">${s.appCause ?? '—'}</span>${s.signinCause && s.signinCause !== s.appCause ? html`<div class="note">sign-in: <span class="cause-id">${s.signinCause}</span></div>` : ''}</td>
<td>${via[s.via] ?? s.via}</td><td class="mono">${s.correlationId ?? '—'}</td>${withUsers ? html`<td>${s.user ?? '—'}</td>` : ''}<td>${s.app ?? '—'}</td></tr>`,
	);
	return html`<section id="joins" class="page"><h2>App failures joined to sign-ins</h2>
<p><strong data-metric="joined">${formatCount(j.matched)}</strong> of <strong data-metric="app-failures">${formatCount(j.appFailures)}</strong> app failures joined to their sign-in: the sign-in tells what the app's error does not (the user, Conditional Access, the device). One story in full: <code>aadlog trace &lt;correlation id&gt;</code>.</p>
${j.samples.length > 0 ? html`<div class="scroll"><table class="joins"><colgroup><col class="c-time"><col class="c-cause"><col class="c-via"><col class="c-id">${withUsers ? html`<col class="c-user">` : ''}<col class="c-app"></colgroup><thead><tr><th>App error (UTC)</th><th>Cause</th><th>Joined by</th><th>Correlation id</th>${withUsers ? html`<th>User</th>` : ''}<th>App</th></tr></thead><tbody>${rows}</tbody></table></div>` : ''}
</section>`;
}

/** Malformed input, only when there was some. */
export function rejects(data: ReportData): SafeHtml | '' {
	const r = data.rejects;
	if (r.count === 0) return '';
	return html`<section id="rejects"><h2>Rejected input</h2>
<p><strong data-metric="rejects">${formatCount(r.count)}</strong> malformed record${r.count === 1 ? ' was' : 's were'} counted and kept in the <code>rejects</code> table (not analysed). ${r.samples.length < r.count ? `The latest ${r.samples.length}:` : ''}</p>
<div class="scroll"><table><thead><tr><th>File</th><th class="num">Line</th><th>Why</th></tr></thead><tbody>${r.samples.map((s) => html`<tr><td class="mono">${s.file}</td><td class="num">${s.line ?? '—'}</td><td>${s.reason}</td></tr>`)}</tbody></table></div>
</section>`;
}
