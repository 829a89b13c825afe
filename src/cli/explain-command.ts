/** `aadlog explain`: the offline error page. */
import {parseArgs} from 'node:util';
import {type Explanation, explain} from '../classify/explain.js';
import {loadKnowledge} from '../classify/knowledge.js';
import {paint} from './colors.js';
import {exitCodes} from './exit-codes.js';
import {writeJson, writeOut} from './output.js';

export const explainHelp = `Usage: aadlog explain <code | name | error | words...> [--rules DIR] [--json]

Offline look-up of an AADSTS code (50126 or AADSTS50126), a code name
(InvalidUserNameOrPassword), an OAuth or RFC 6750 error (invalid_grant,
insufficient_scope), an IdentityModel code (IDX10223), or words to search for.
Shows what it means, who must act, and the root causes aadlog's rules can tell apart.

Exit status: 0 found, 1 usage error, 2 nothing found.
`;

export async function explainCommand(argv: string[]): Promise<number> {
	const {values, positionals} = parseArgs({
		args: argv,
		allowPositionals: true,
		options: {
			rules: {type: 'string', multiple: true, default: []},
			json: {type: 'boolean', default: false},
			help: {type: 'boolean', short: 'h', default: false},
		},
	});
	if (values.help || positionals.length === 0) {
		writeOut(explainHelp);
		return values.help ? exitCodes.ok : exitCodes.usage;
	}
	const result = explain(positionals.join(' '), loadKnowledge(values.rules));
	const found = Boolean(result.code || result.oauth || result.causes.length > 0 || result.matches.length > 0);
	if (values.json) writeJson(result);
	else writeOut(render(result));
	return found ? exitCodes.ok : exitCodes.rejected;
}

function render(r: Explanation): string {
	const out: string[] = [];
	if (r.code) {
		const c = r.code;
		out.push(`${paint.bold(`AADSTS${c.code}`)}  ${c.name}`);
		out.push(
			`  ${c.category}${c.category === 'interrupt' ? ' (an expected step, not a failure)' : ''} · who acts: ${c.who} · retry helps: ${c.retryable ? 'yes' : 'no'}`,
		);
		out.push(`  ${c.summary}`, paint.dim(`  ${c.url}`));
	} else if (r.oauth) {
		const o = r.oauth;
		out.push(`${paint.bold(o.error)}${o.httpStatus ? `  (HTTP ${o.httpStatus})` : ''}`, `  ${o.summary}`, `  client: ${o.clientAction}`);
	} else if (r.idx) {
		out.push(paint.bold(r.idx));
	} else if (r.matches.length > 0) {
		out.push(paint.bold(`Codes matching "${r.query}":`));
		for (const m of r.matches.slice(0, 25)) out.push(`  ${`AADSTS${m.code}`.padEnd(14)} ${m.name.padEnd(40)} ${paint.dim(m.category)}`);
		if (r.matches.length > 25) out.push(paint.dim(`  … ${r.matches.length - 25} more`));
	} else if (/^(?:AADSTS)?\d+$/i.test(r.query)) {
		out.push(`${r.query}: not in aadlog's catalog. See https://login.microsoftonline.com/error?code=${r.query.replace(/\D/g, '')}`);
	}
	if (r.causes.length > 0) {
		out.push('', paint.bold('Causes aadlog can tell apart (most likely first):'));
		for (const c of r.causes) {
			out.push(`  ${paint.cyan(c.id)} ${paint.dim(`(confidence ${c.confidence.toFixed(2)}, ${c.who})`)} ${c.title}`);
			for (const w of c.when) out.push(paint.dim(`    when ${w}`));
			out.push(`    fix: ${c.fix.replace(/\s+/g, ' ')}`);
		}
	}
	if (out.length === 0) out.push(`Nothing known about "${r.query}".`);
	return out.join('\n') + '\n';
}
