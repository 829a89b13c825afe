/**
 * `aadlog rules list | lint | test | export`: what the rules are, whether they are sound,
 * whether their examples hold, and the same rules compiled to KQL or SQL.
 */
import {parseArgs} from 'node:util';
import {checkCatalog} from '../classify/catalog.js';
import {requiredCodes} from '../classify/compile.js';
import {RulesEngine} from '../classify/engine.js';
import {formatProblem} from '../classify/file-problems.js';
import {loadKnowledge} from '../classify/knowledge.js';
import {type LintFinding, lintRules} from '../classify/lint.js';
import {builtinRulesDir, checkRules} from '../classify/load-rules.js';
import {runExamples} from '../classify/rule-examples.js';
import {AadlogError} from '../errors.js';
import {type Exported, exportKql, exportSql} from '../rules-compiler/export-rules.js';
import {isKustoTableName, kustoTableNames} from '../rules-compiler/kusto-tables.js';
import {paint} from './colors.js';
import {exitCodes} from './exit-codes.js';
import {warn, writeGenerated, writeGeneratedJson, writeJson, writeOut} from './output.js';

export const rulesHelp = `Usage: aadlog rules <list | lint | test> [--rules DIR ...] [--json]
       aadlog rules export --kql [--table TABLE] [--since 1d] [--function NAME] [--rules DIR ...] [--json]
       aadlog rules export --sql [--rules DIR ...] [--json]

  list    every rule: id, who acts, confidence, the AADSTS codes it covers, its file
  lint    check every rule and catalog file against rules/schema.json (every problem,
          as file:line:column), then report conflicts, rules that can never fire, codes
          the catalog does not know, rules always outranked on their own examples
  test    run every rule's match / no-match examples through the engine
  export  the rules that read sign-in fields, compiled to a query that classifies every
          failed sign-in by cause (same ranking as the engine) and summarizes by cause x app.
          The query's header lists the rules that did not travel, and why.

Options:
  --rules DIR       also load this folder (adds to and overrides built-ins by id; repeatable)
  --json            machine-readable output (export: the query and every rule's verdict)
  --kql             KQL for Log Analytics, Microsoft Sentinel or Azure Data Explorer
  --table TABLE     ${kustoTableNames.join(' | ')} (default SigninLogs)
  --since SPAN      only rows of the last SPAN (KQL timespan: 1d, 24h, 90m); default: the caller's time range
  --function NAME   an ADX \`.create-or-alter function NAME()\` instead of a query
  --sql             SQLite SQL over aadlog's own database (sqlite3 aadlog.db < causes.sql)

Exit status: 0 fine, 1 usage error, 2 lint errors or failing examples, 3 a rule file is invalid
(lint lists every problem of every file: file:line:column, the field, what is wrong).
`;

export async function rulesCommand(argv: string[]): Promise<number> {
	const {values, positionals} = parseArgs({
		args: argv,
		allowPositionals: true,
		options: {
			rules: {type: 'string', multiple: true, default: []},
			json: {type: 'boolean', default: false},
			help: {type: 'boolean', short: 'h', default: false},
			kql: {type: 'boolean', default: false},
			sql: {type: 'boolean', default: false},
			table: {type: 'string'},
			since: {type: 'string'},
			function: {type: 'string'},
		},
	});
	const action = positionals[0];
	if (values.help || action === undefined) {
		writeOut(rulesHelp);
		return values.help ? exitCodes.ok : exitCodes.usage;
	}
	if (action === 'lint') return lintCommand(values.rules, values.json);
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
				writeJson(rows);
				return exitCodes.ok;
			}
			const width = Math.max(...rows.map((r) => r.id.length));
			for (const r of rows) {
				const codes = r.codes.length > 0 ? paint.dim(` [${r.codes.join(' ')}]`) : '';
				writeOut(`${paint.cyan(r.id.padEnd(width))}  ${r.who.padEnd(9)} ${r.confidence.toFixed(2)}  ${r.title}${codes}\n`);
			}
			// The count is a note for people: stdout holds only the list, for grep and wc -l.
			warn(`${rows.length} rules, ${knowledge.catalog.codes.size} catalogued AADSTS codes, ${knowledge.catalog.oauth.size} OAuth errors`);
			return exitCodes.ok;
		}
		case 'test': {
			const {checked, failures} = runExamples(engine);
			if (values.json) writeJson({checked, failures});
			else {
				for (const f of failures) writeOut(`${paint.red('FAIL')} ${f.rule} ${formatProblem(f)}\n`);
				writeOut(`${checked - failures.length} passed, ${failures.length} failed (${rules.length} rules)\n`);
			}
			return failures.length > 0 ? exitCodes.rejected : exitCodes.ok;
		}
		case 'export':
			return exportCommand(knowledge, values);
		default:
			throw new AadlogError('ERR_USAGE', `unknown rules action '${action}' (list, lint, test or export)`);
	}
}

/**
 * `aadlog rules lint`: every problem of every file at once (each with file, line, column and
 * field), then the checks over the rules that did load. Exit 3 when a file is invalid, 2 for
 * lint errors, as --json prints them all either way.
 */
function lintCommand(ruleDirs: readonly string[], json: boolean): number {
	const {catalog, problems: catalogProblems} = checkCatalog(builtinRulesDir);
	const {rules, problems: ruleProblems} = checkRules([builtinRulesDir, ...ruleDirs]);
	const problems = [...catalogProblems, ...ruleProblems];
	const invalid: LintFinding[] = problems.map((p) => ({rule: '', ...p, severity: 'error'}));
	const findings = [...invalid, ...lintRules(new RulesEngine(rules, catalog))];
	if (json) writeJson(findings);
	else {
		for (const p of problems) writeOut(`${paint.red('error')} ${formatProblem(p)}\n`);
		for (const f of findings.slice(invalid.length))
			writeOut(`${f.severity === 'error' ? paint.red('error') : paint.yellow('warning')} ${f.rule} (${f.file}): ${f.problem}\n`);
		const invalidFiles = new Set(problems.map((p) => p.file)).size;
		const files = invalidFiles > 0 ? `, ${invalidFiles} invalid file(s)` : '';
		writeOut(
			`${rules.length} rules checked${files}: ${findings.filter((f) => f.severity === 'error').length} errors, ${findings.filter((f) => f.severity === 'warning').length} warnings\n`,
		);
	}
	if (problems.length > 0) return exitCodes.failed;
	return findings.some((f) => f.severity === 'error') ? exitCodes.rejected : exitCodes.ok;
}

interface ExportOptions {
	json: boolean;
	kql: boolean;
	sql: boolean;
	table?: string;
	since?: string;
	function?: string;
}

/** `aadlog rules export --kql | --sql`: the query on stdout; a word on stderr when rules did not travel whole. */
function exportCommand(knowledge: Parameters<typeof exportKql>[0], options: ExportOptions): number {
	if (options.kql === options.sql) throw new AadlogError('ERR_USAGE', 'rules export needs --kql or --sql (one of them)');
	let exported: Exported;
	if (options.kql) {
		const table = options.table ?? 'SigninLogs';
		if (!isKustoTableName(table)) throw new AadlogError('ERR_USAGE', `--table must be one of ${kustoTableNames.join(', ')}`);
		if (options.since !== undefined && !/^[1-9]\d*(d|h|m|s)$/.test(options.since))
			throw new AadlogError('ERR_USAGE', `--since takes a KQL timespan such as 1d, 24h or 90m, not '${options.since}'`);
		if (options.function !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(options.function))
			throw new AadlogError('ERR_USAGE', `--function takes a KQL name (letters, digits, _), not '${options.function}'`);
		exported = exportKql(knowledge, {table, since: options.since, functionName: options.function});
	} else {
		for (const name of ['table', 'since', 'function'] as const)
			if (options[name] !== undefined) throw new AadlogError('ERR_USAGE', `--${name} applies to --kql only`);
		exported = exportSql(knowledge);
	}
	const {compiled} = exported;
	if (options.json) {
		const rules = compiled.verdicts.map((v) => ({id: v.rule.id, status: v.status, reasons: v.reasons.map((r) => ({kind: r.kind, text: r.text}))}));
		writeGeneratedJson({target: compiled.target.name, query: exported.text, rules});
		return exitCodes.ok;
	}
	writeGenerated(exported.text);
	const lossy = compiled.verdicts.filter((v) => v.status === 'partial' || v.status === 'not-portable');
	if (lossy.length > 0)
		warn(
			`${lossy.length} rule(s) did not travel whole to ${compiled.target.name}: ${lossy.map((v) => v.rule.id).join(', ')} (the query's header says why)`,
		);
	return exitCodes.ok;
}
