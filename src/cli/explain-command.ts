/** `aadlog explain`: the offline error page. */
import {text} from 'node:stream/consumers';
import {parseArgs} from 'node:util';
import {type Explanation, explain} from '../classify/explain.js';
import {loadKnowledge} from '../classify/knowledge.js';
import {paint} from './colors.js';
import {exitCodes} from './exit-codes.js';
import {writeJson, writeOut} from './output.js';

export const explainHelp = `Usage: aadlog explain <code | name | error | message | words...> [--rules DIR] [--json]
       aadlog explain --stdin [--rules DIR] [--json]   (the message on standard input)

Offline look-up of an AADSTS code (50126 or AADSTS50126), a code name
(InvalidUserNameOrPassword), an OAuth or RFC 6750 error (invalid_grant,
insufficient_scope), an IdentityModel code (IDX10223), a pasted error message
(every AADSTS and IDX code and OAuth error in it, each explained; the code that
decides first), or words to search for. Shows what it means, who must act, and the
root causes aadlog's rules can tell apart.

Exit status: 0 found, 1 usage error, 2 nothing found.
`;

export async function explainCommand(argv: string[]): Promise<number> {
	const {values, positionals} = parseArgs({
		args: argv,
		allowPositionals: true,
		options: {
			rules: {type: 'string', multiple: true, default: []},
			json: {type: 'boolean', default: false},
			stdin: {type: 'boolean', default: false},
			help: {type: 'boolean', short: 'h', default: false},
		},
	});
	if (values.help || (positionals.length === 0 && !values.stdin) || (positionals.length > 0 && values.stdin)) {
		writeOut(explainHelp);
		return values.help ? exitCodes.ok : exitCodes.usage;
	}
	const query = values.stdin ? await text(process.stdin) : positionals.join(' ');
	const result = explain(query, loadKnowledge(values.rules));
	if (values.json) writeJson(result);
	else writeOut(render(result));
	return found(result) ? exitCodes.ok : exitCodes.rejected;
}

function found(r: Explanation): boolean {
	return Boolean(r.code || r.oauth || r.idxEntry || r.causes.length > 0 || r.matches.length > 0 || r.found?.some(found));
}

function render(r: Explanation): string {
	if (r.found) return renderMessage(r);
	const out: string[] = [];
	if (r.code) {
		const c = r.code;
		out.push(`${paint.bold(`AADSTS${c.code}`)}  ${c.name}`);
		out.push(
			`  ${c.category}${c.category === 'interrupt' ? ' (an expected step, not a failure)' : ''} · who acts: ${c.who} · retry helps: ${c.retryable ? 'yes' : 'no'}${c.generic ? ' · generic: a more specific code beside it decides' : ''}`,
		);
		out.push(`  ${c.summary}`);
		if (c.action) out.push(`  ${c.action}`);
		out.push(paint.dim(`  ${c.url}`));
	} else if (r.oauth) {
		const o = r.oauth;
		out.push(`${paint.bold(o.error)}${o.httpStatus ? `  (HTTP ${o.httpStatus})` : ''}`, `  ${o.summary}`, `  client: ${o.clientAction}`);
	} else if (r.idx) {
		const e = r.idxEntry;
		out.push(e ? `${paint.bold(r.idx)}  ${e.name}` : paint.bold(r.idx));
		if (e) out.push(`  ${e.category} · who acts: ${e.who}`, `  ${e.summary}`);
		else out.push(paint.dim("  not in aadlog's IDX catalog"));
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

/** A pasted message: the codes found, which one decides, then each code's own page. */
function renderMessage(r: Explanation): string {
	const names = r.found!.map((part) => (/^\d+$/.test(part.query) ? `AADSTS${part.query}` : part.query));
	const head = [paint.bold(`In this message: ${names.join(', ')}`)];
	const generic = r.found!.filter((part) => part.code?.generic && part.code.code !== r.primary).map((part) => `AADSTS${part.code!.code}`);
	if (r.primary !== undefined) {
		head.push(
			`  the code that decides: AADSTS${r.primary}${generic.length > 0 ? ` (${generic.join(', ')} ${generic.length > 1 ? 'are generic' : 'is generic'})` : ''}`,
		);
	}
	return `${[head.join('\n'), ...r.found!.map((part) => render(part).trimEnd())].join('\n\n')}\n`;
}
