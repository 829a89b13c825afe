/** "Do this today" at the top of the HTML report: the actions from the top failure causes. */

import {counted} from '../counts.js';
import {blockedBy} from '../do-today.js';
import type {ReportData} from '../report-data.js';
import {html, type SafeHtml} from './escape.js';
import {formatTime} from './format.js';

export function doTodaySection(data: ReportData): SafeHtml {
	const body =
		data.doToday.length === 0
			? html`<p>Nothing: no failures in this window.</p>`
			: html`<ol class="todo">${data.doToday.map((a) => html`<li data-cause="${a.cause}"><strong>${a.action}</strong><div class="note"><span class="badge who-${a.who}">${a.who}</span> acts · <span class="cause-id">${a.cause}</span> · ${counted(a.users, 'user')}, ${counted(a.apps, 'app')} · since ${formatTime(a.firstSeen)}${blockedBy(a.policies)}</div></li>`)}</ol>`;
	return html`<section id="do-today"><h2>Do this today</h2>${body}</section>`;
}
