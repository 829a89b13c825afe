/**
 * The report's one style sheet, inline (no fonts or files to fetch). Light on screen, plain
 * on paper: print drops backgrounds and starts each major section on a new page. Outcomes
 * keep their meaning colors (green success, red failure, yellow interrupt, grey unknown);
 * causes get blues, purples, teals, browns and oranges, none of those four, so a cause in the
 * chart over time is never read as an outcome.
 */
export const styles = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f4f5f7; color: #1f2328; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", "DejaVu Sans", sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 24px 28px 40px; }
header h1 { font-size: 26px; line-height: 1.25; margin: 0 0 6px; }
header p { margin: 0; color: #57606a; }
section { background: #fff; border: 1px solid #d8dee4; border-radius: 8px; padding: 18px 22px; margin: 18px 0; }
h2 { font-size: 19px; margin: 0 0 12px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
p { margin: 0 0 10px; }
.muted, .note { color: #57606a; }
.note { font-size: 13.5px; }
.mono, code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace; font-size: 12.5px; }
.stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 10px; margin-bottom: 10px; }
.stat { border: 1px solid #d8dee4; border-radius: 6px; padding: 8px 12px; }
.stat .label { color: #57606a; font-size: 13px; }
.stat .value { font-size: 22px; font-weight: 600; font-variant-numeric: tabular-nums; line-height: 1.3; }
.stat.failure .value { color: #b42318; }
.stat.success .value { color: #1a7f37; }
.trend { font-size: 12.5px; color: #57606a; }
.trend.worse { color: #b42318; }
.trend.better { color: #1a7f37; }
.outcomes { display: block; width: 100%; height: 14px; border-radius: 3px; margin-top: 14px; }
ul.plain { margin: 0 0 10px; padding-left: 20px; }
/* A phone scrolls a wide table sideways inside its box; the page itself never gets wider than the screen. */
.scroll { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; width: 100%; font-size: 13.5px; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #e5e8eb; vertical-align: top; overflow-wrap: anywhere; }
th { font-size: 12px; font-weight: 600; text-transform: uppercase; letter-spacing: .03em; color: #57606a; border-bottom: 2px solid #d8dee4; white-space: nowrap; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; overflow-wrap: normal; }
td.time { font-size: 12.5px; overflow-wrap: normal; }
.nowrap { white-space: nowrap; overflow-wrap: normal; }
table.causes th.c-cause { width: 34%; }
table.causes tbody { break-inside: avoid; }
table.joins { table-layout: fixed; }
table.joins td { overflow-wrap: break-word; }
table.joins col.c-time { width: 15%; }
table.joins col.c-cause { width: 19%; }
table.joins col.c-via { width: 9%; }
table.joins col.c-id { width: 30%; }
table.causes tr.metrics td { border-bottom: none; padding-top: 10px; }
table.causes tr.detail td { border-bottom: 2px solid #d8dee4; padding-bottom: 12px; }
.cause-id { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace; font-weight: 600; font-size: 13px; }
.cause-title { display: block; color: #1f2328; }
.fix { margin: 0 0 8px; max-width: 90ch; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 0; font-size: 13px; }
dl.facts dt { color: #57606a; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.badge { display: inline-block; padding: 0 7px; border-radius: 10px; font-size: 12px; border: 1px solid #d8dee4; white-space: nowrap; }
.who-user { background: #ddf4ff; border-color: #54aeff; }
.who-admin { background: #fff1e5; border-color: #fb8f44; }
.who-developer { background: #fbefff; border-color: #c297ff; }
.who-microsoft { background: #eaeef2; border-color: #8c959f; }
.level-high, .level-critical { color: #b42318; font-weight: 600; }
figure { margin: 0 0 14px; }
figcaption { font-size: 13.5px; color: #57606a; margin-bottom: 6px; }
.chart { display: block; width: 100%; height: auto; }
.chart text { fill: #1f2328; }
.chart .tick, .chart .axis-title { fill: #57606a; font-size: 12px; }
.chart .tick.sub { font-size: 11px; }
.chart .value { font-variant-numeric: tabular-nums; font-weight: 600; }
.chart .grid { stroke: #e5e8eb; }
.chart .axis { stroke: #8c959f; }
.chart rect.part { fill-opacity: .4; stroke: #57606a; stroke-width: 1; stroke-dasharray: 3 2; }
.chart .part-label { fill: #57606a; font-size: 11px; font-style: italic; }
.part-note { margin: 6px 0 0; }
.legend { list-style: none; padding: 0; margin: 8px 0 0; display: flex; flex-wrap: wrap; gap: 4px 20px; font-size: 13px; }
.legend li { display: flex; align-items: center; gap: 6px; overflow-wrap: anywhere; }
.outcome-success { fill: #59a14f; } .outcome-failure { fill: #e15759; } .outcome-interrupt { fill: #edc948; } .outcome-unknown { fill: #bab0ac; }
.cause-0 { fill: #4e79a7; } .cause-1 { fill: #f28e2b; } .cause-2 { fill: #76b7b2; } .cause-3 { fill: #b07aa1; } .cause-4 { fill: #9c755f; }
.cause-5 { fill: #1f4e79; } .cause-6 { fill: #a0cbe8; } .cause-7 { fill: #6b3fa0; } .cause-8 { fill: #d4a6c8; } .cause-9 { fill: #2a9d8f; }
footer { color: #57606a; font-size: 12.5px; text-align: center; }
/* A phone: less padding, and the cause and joins tables keep readable columns (they scroll) instead of one letter per line. */
@media screen and (max-width: 640px) {
  main { padding: 12px 8px 24px; }
  section { padding: 12px 10px; }
  header h1 { font-size: 21px; }
  th, td { padding: 5px 6px; }
  table.causes, table.joins { min-width: 600px; }
  table.causes tr.metrics td:first-child { min-width: 10em; }
  /* The fix and facts under a cause stay in view while its wide row scrolls: read without scrolling sideways. */
  table.causes tr.detail td > * { position: sticky; left: 8px; max-width: calc(100vw - 80px); }
  dl.facts { grid-template-columns: 1fr; }
}
@page { margin: 14mm; }
@media print {
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { background: #fff; font-size: 10.5pt; }
  main { max-width: none; padding: 0 1px; }
  header { margin-bottom: 14pt; }
  header h1 { font-size: 18pt; }
  .stats { grid-template-columns: repeat(auto-fit, minmax(100px, 1fr)); }
  section { border: none; border-radius: 0; padding: 0; margin: 0 0 14pt; background: #fff; }
  section.page { break-before: page; }
  h2, h3, figcaption { break-after: avoid; }
  figure, .stats, tr { break-inside: avoid; }
  .badge { background: #fff; }
  table { font-size: 9pt; }
  th { font-size: 7.5pt; }
  th, td { padding: 4px 5px; }
}
`;
