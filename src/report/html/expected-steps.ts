/** Causes with interrupts only: steps users are expected to take (MFA, consent), apart from the failures. */
import type {ReportData} from '../report-data.js';
import {html, type SafeHtml} from './escape.js';
import {formatCount} from './format.js';

export function expectedSteps(data: ReportData): SafeHtml | '' {
	if (data.expectedSteps.length === 0) return '';
	return html`<section id="expected-steps"><h2>Expected steps (interrupts)</h2>
<p>Interrupts are steps the user was asked to take; they are no failures, but many of them can mean people are stuck.</p>
<div class="scroll"><table class="steps"><thead><tr><th>Cause</th><th>Who acts</th><th class="num">Interrupts</th><th class="num">Users</th><th class="num">Apps</th></tr></thead><tbody>
${data.expectedSteps.map((c) => html`<tr data-cause="${c.cause}"><td><span class="cause-id">${c.cause}</span> ${c.title}</td><td>${c.who}</td><td class="num">${formatCount(c.interrupts)}</td><td class="num">${formatCount(c.users)}</td><td class="num">${formatCount(c.apps)}</td></tr>`)}
</tbody></table></div></section>`;
}
