/** `aadlog rules list | lint | test`: what the rules are, whether they are sound, whether their examples hold. */
import {parseArgs} from 'node:util';
import kleur from 'kleur';
import {AadlogError} from '../errors.js';
import {loadKnowledge} from '../classify/knowledge.js';
import {requiredCodes} from '../classify/compile.js';
import {runExamples} from '../classify/rule-examples.js';
import {lintRules} from '../classify/lint.js';
import {exitCodes} from './exit-codes.js';
import {writeOut} from './output.js';

export const rulesHelp = `Usage: aadlog rules <list | lint | test> [--rules DIR ...] [--json]

  list    every rule: id, who acts, confidence, the AADSTS codes it covers, its file
  lint    validate every rule (schema), report conflicts, rules that can never fire,
          codes the catalog does not know, rules always outranked on their own examples
  test    run every rule's match / no-match examples through the engine

Options:
  --rules DIR   also load this folder (adds to and overrides built-ins by id; repeatable)
  --json        machine-readable output

Exit status: 0 fine, 1 usage error, 2 lint errors or failing examples, 3 a rule file is invalid.
`;

export async function rulesCommand(argv: string[]): Promise<number> {
	const {values, positionals} = parseArgs({
		args: argv,
		allowPositionals: true,
		options: {rules: {type: 'string', multiple: true, default: []}, json: {type: 'boolean', default: false}, help: {type: 'boolean', short: 'h', default: false}},
	});
	const action = positionals[0];
	if (values.help || action === undefined) {
		writeOut(rulesHelp);
		return values.help ? exitCodes.ok : exitCodes.usage;
	}
	const knowledge = loadKnowledge(values.rules);
	const {engine, rules} = knowledge;
	switch (action) {
		case 'list': {
			const rows = rules.map((r) => ({
				id: r.id,
				title: r.title,
				who: r.who,
				level: r.level,
				confidence: r.confidence,
				codes: [...new Set(r.match.flatMap((s) => requiredCodes(s) ?? []))],
				examples: r.examples.match.length + r.examples.noMatch.length,
				file: r.file,
			}));
			if (values.json) {
				writeOut(JSON.stringify(rows) + '\n');
				return exitCodes.ok;
			}
			const width = Math.max(...rows.map((r) => r.id.length));
			for (const r of rows) {
				const codes = r.codes.length > 0 ? kleur.dim(` [${r.codes.join(' ')}]`) : '';
				writeOut(`${kleur.cyan(r.id.padEnd(width))}  ${r.who.padEnd(9)} ${r.confidence.toFixed(2)}  ${r.title}${codes}\n`);
			}
			writeOut(kleur.dim(`${rows.length} rules, ${knowledge.catalog.codes.size} catalogued AADSTS codes, ${knowledge.catalog.oauth.size} OAuth errors\n`));
			return exitCodes.ok;
		}
		case 'lint': {
			const findings = lintRules(engine);
			if (values.json) writeOut(JSON.stringify(findings) + '\n');
			else {
				for (const f of findings) writeOut(`${f.severity === 'error' ? kleur.red('error') : kleur.yellow('warning')} ${f.rule} (${f.file}): ${f.problem}\n`);
				writeOut(`${rules.length} rules checked: ${findings.filter((f) => f.severity === 'error').length} errors, ${findings.filter((f) => f.severity === 'warning').length} warnings\n`);
			}
			return findings.some((f) => f.severity === 'error') ? exitCodes.rejected : exitCodes.ok;
		}
		case 'test': {
			const {checked, failures} = runExamples(engine);
			if (values.json) writeOut(JSON.stringify({checked, failures}) + '\n');
			else {
				for (const f of failures) writeOut(`${kleur.red('FAIL')} ${f.rule} ${f.kind} example ${f.index + 1} (${f.file}): ${f.problem}\n`);
				writeOut(`${checked - failures.length} passed, ${failures.length} failed (${rules.length} rules)\n`);
			}
			return failures.length > 0 ? exitCodes.rejected : exitCodes.ok;
		}
		default:
			throw new AadlogError('ERR_USAGE', `unknown rules action '${action}' (list, lint or test)`);
	}
}
