/**
 * `aadlog report --format html`: one self-contained file to mail or print. Inline CSS and
 * inline SVG charts; no script, no font, image or style sheet to fetch. Every value from
 * the logs is escaped (src/report/html/escape.ts); the Content-Security-Policy is a second
 * wall, not the first: a file opened from disk or a mail attachment may be shown without it.
 */

import {doTodaySection} from './html/do-today.js';
import {html, trusted} from './html/escape.js';
import {expectedSteps} from './html/expected-steps.js';
import {describeWindow} from './html/format.js';
import {apps, causes, header, joins, news, rejects, timeline, totals} from './html/sections.js';
import {styles} from './html/styles.js';
import type {ReportData} from './report-data.js';

const contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'";

export function renderHtml(data: ReportData): string {
	return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="aadlog ${data.version}">
<title>aadlog report: ${describeWindow(data.window)}</title>
<style>${trusted(styles)}</style>
</head>
<body>
<main>
${header(data)}
${doTodaySection(data)}
${totals(data)}
${news(data)}
${timeline(data)}
${causes(data)}
${expectedSteps(data)}
${apps(data)}
${joins(data)}
${rejects(data)}
<footer><p>aadlog ${data.version} · a self-contained file: no script, nothing loaded from the network · times in UTC</p></footer>
</main>
</body>
</html>
`.value;
}
