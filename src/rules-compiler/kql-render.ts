/**
 * The intermediate form as a KQL query over one sign-in table: failed rows, minus the
 * catalog's interrupts, get their most likely cause from ONE `extend cause = case(...)`
 * whose arms follow the engine's rank, then `summarize` by cause and app, with the cause's
 * title, who acts and the fix looked up from a datatable. Or the same as an ADX function.
 */
import type {Catalog} from '../classify/catalog.js';
import {entriesWithCause} from '../classify/catalog-causes.js';
import {unclassifiedRule} from '../classify/engine.js';
import type {Rule} from '../classify/rule.js';
import type {CompiledRules} from './compile-rules.js';
import {type Condition, fieldsOf} from './condition.js';
import {type KqlField, kqlField} from './kql-fields.js';
import {toRe2} from './kql-regex.js';
import {interruptCodes} from './kql-target.js';
import type {KustoTableName} from './kusto-tables.js';
import {literalRegex} from './literal-regex.js';
import {portabilityLines} from './portability.js';

export interface KqlOptions {
	table: KustoTableName;
	/** A KQL timespan such as `1d`, `24h`, `90m`: only rows that recent. Without it, the caller's time range applies. */
	since?: string;
	/** Emit `.create-or-alter function NAME() { ... }` instead of a query. */
	functionName?: string;
}

/** Per table: who signs in, and the app a failure is grouped by. */
const actors: Record<KustoTableName, {distinct: string; column: string; app: string}> = {
	SigninLogs: {distinct: 'users', column: 'UserPrincipalName', app: 'AppDisplayName'},
	AADNonInteractiveUserSignInLogs: {distinct: 'users', column: 'UserPrincipalName', app: 'AppDisplayName'},
	AADServicePrincipalSignInLogs: {distinct: 'service_principals', column: 'ServicePrincipalId', app: 'ServicePrincipalName'},
	AADManagedIdentitySignInLogs: {distinct: 'managed_identities', column: 'ServicePrincipalId', app: 'ServicePrincipalName'},
};

export function renderKql(compiled: CompiledRules, catalog: Catalog, options: KqlOptions): string {
	const {table} = options;
	const fields = new Map<string, KqlField>();
	for (const branch of compiled.branches) {
		for (const name of fieldsOf(branch.when)) {
			const source = kqlField(table, name);
			if (source.kind !== 'field') throw new Error(`${name} has no expression in ${table}: the target should have decided it`);
			fields.set(name, source.field);
		}
	}
	const field = (name: string): KqlField => fields.get(name)!;
	const parse = [...new Set([...fields.values()].flatMap((f) => f.jsonColumns))];
	const derived = [...new Map([...fields.values()].filter((f) => f.derived).map((f) => [f.derived!.name, f.derived!.expression]))];
	const actor = actors[table];
	const rules = causesIn(compiled);
	const classify = [
		table,
		...(options.since ? [`| where TimeGenerated > ago(${options.since})`] : []),
		`| where ResultType != "0" and isnotempty(ResultType)`,
		`// interrupts are expected steps (MFA prompt, account picker...), not failures: rules/catalog`,
		`| where ResultType !in (${interruptCodes(catalog)
			.map((c) => `"${c}"`)
			.join(', ')})`,
		...(parse.length > 0
			? [`// ${table} holds these columns as JSON in a string`, `| extend ${parse.map((c) => `${c} = todynamic(${c})`).join(', ')}`]
			: []),
		...(derived.length > 0 ? [`| extend ${derived.map(([name, expression]) => `${name} = ${expression}`).join(',\n    ')}`] : []),
		`// the most likely cause: arms in the engine's rank (evidence, then confidence, then id); the first that holds wins`,
		`| extend cause = case(`,
		...compiled.branches.map(
			(b) => `    ${kqlCondition(b.when, field)}, ${kqlString(b.rule.id)}, // ${b.rule.confidence.toFixed(2)}, evidence ${b.evidence}`,
		),
		`    // no rule fits: the catalog's cause of a code it knows (aadsts-<code>), else unclassified`,
		`    ResultType in (${entriesWithCause(catalog)
			.map((e) => `"${e.code}"`)
			.join(', ')}), strcat("aadsts-", ResultType),`,
		`    ${kqlString(unclassifiedRule.id)});`,
	];
	const body = [
		`let classified = ${classify[0]}`,
		...classify.slice(1).map((line) => `    ${line}`.replaceAll('\n', '\n    ')),
		`let causes = datatable(cause:string, cause_title:string, who:string, confidence:real, fix:string) [`,
		...rules.map(
			(r, i) =>
				`    ${[r.id, r.title, r.who].map(kqlString).join(', ')}, ${r.confidence.toFixed(2)}, ${kqlString(r.fix)}${i < rules.length - 1 ? ',' : ''}`,
		),
		`];`,
		`let catalog_who = dynamic({${entriesWithCause(catalog)
			.map((e) => `"${e.code}": "${e.who}"`)
			.join(', ')}});`,
		`classified`,
		`| summarize failures = count(), ${actor.distinct} = dcount(${actor.column}), first_seen = min(TimeGenerated), last_seen = max(TimeGenerated),`,
		`    codes = make_set(ResultType, 5), sample_correlation_ids = make_set(CorrelationId, 3), example_reason = take_any(ResultDescription)`,
		`    by cause, app = ${actor.app}`,
		`| lookup kind=leftouter causes on cause`,
		// The catalog causes' whole text would make the query several times longer: who acts, and where to read on.
		`| extend catalog_code = iff(cause startswith "aadsts-", substring(cause, 7), "")`,
		`| extend cause_title = iff(isempty(catalog_code), cause_title, strcat("AADSTS", catalog_code, " (no aadlog rule tells its causes apart; see aadlog explain ", catalog_code, ")")),`,
		`    who = iff(isempty(catalog_code), who, tostring(catalog_who[catalog_code])),`,
		`    fix = iff(isempty(catalog_code), fix, strcat("https://login.microsoftonline.com/error?code=", catalog_code))`,
		`| project cause, cause_title, who, app, failures, ${actor.distinct}, first_seen, last_seen, codes, sample_correlation_ids, example_reason, fix`,
		`| order by failures desc, cause asc, app asc`,
	];
	const header = [
		`// aadlog root causes for ${table}: every failed sign-in classified by aadlog's rules, summarized by cause and app.`,
		`// Generated by \`aadlog rules export --kql --table ${table}${options.since ? ` --since ${options.since}` : ''}${options.functionName ? ` --function ${options.functionName}` : ''}\`; the same rules and ranking as \`aadlog analyze\`.`,
		...portabilityLines(compiled).map((line) => `// ${line}`),
	];
	if (!options.functionName) return `${[...header, ...body].join('\n')}\n`;
	const docstring = `aadlog root causes of failed sign-ins in ${table}, by cause and app`;
	return `${[
		...header,
		`.create-or-alter function with (folder = "aadlog", docstring = ${kqlString(docstring)}) ${options.functionName}() {`,
		...body.map((line) => `    ${line}`),
		`}`,
	].join('\n')}\n`;
}

export function kqlCondition(condition: Condition, field: (name: string) => KqlField): string {
	const inner = (c: Condition): string => (c.kind === 'any' || c.kind === 'all' ? `(${kqlCondition(c, field)})` : kqlCondition(c, field));
	switch (condition.kind) {
		case 'const':
			return condition.value ? 'true' : 'false';
		case 'all':
			return condition.of.map(inner).join(' and ');
		case 'any':
			return condition.of.map(inner).join(' or ');
		case 'not':
			if (condition.of.kind === 'present') return absent(field(condition.of.field));
			return `not(${kqlCondition(condition.of, field)})`;
		case 'present':
			return present(field(condition.field));
		case 'flag': {
			// A null bool is "absent": it must fail both tests, also under not().
			const f = field(condition.field);
			return condition.value ? `coalesce(${f.expr}, false)` : `not(coalesce(${f.expr}, true))`;
		}
		case 'code-in': {
			const codes = condition.codes.map((c) => `"${c}"`).join(', ');
			return condition.negated ? `ResultType !in (${codes})` : `ResultType in (${codes})`;
		}
		case 'test':
			return testKql(condition, field(condition.field));
	}
}

function present(f: KqlField): string {
	return f.type === 'text' || f.type === 'number' ? `isnotempty(${f.expr})` : `isnotnull(${f.expr})`;
}

function absent(f: KqlField): string {
	return f.type === 'text' || f.type === 'number' ? `isempty(${f.expr})` : `isnull(${f.expr})`;
}

function testKql(test: Extract<Condition, {kind: 'test'}>, f: KqlField): string {
	const values = test.values.map(String);
	const x = f.expr;
	switch (test.modifier) {
		case 'eq':
			// ResultType is text in every sign-in table: codes compare as text, as KQL authors write them.
			if (test.type === 'number') return values.length === 1 ? `${x} == "${values[0]}"` : `${x} in (${values.map((v) => `"${v}"`).join(', ')})`;
			return values.length === 1 ? `${x} =~ ${kqlString(values[0])}` : `${x} in~ (${values.map(kqlString).join(', ')})`;
		case 'gt':
		case 'gte':
		case 'lt':
		case 'lte': {
			const op = {gt: '>', gte: '>=', lt: '<', lte: '<='}[test.modifier];
			return anyOfKql(values.map((v) => `coalesce(toint(${x}) ${op} ${v}, false)`));
		}
		case 'contains':
		case 'startswith':
		case 'endswith':
			return anyOfKql(values.map((v) => `${x} ${test.modifier} ${kqlString(v)}`));
		case 're':
			return anyOfKql(values.map((v) => regexKql(x, v)));
	}
}

/** Plain text with anchors reads better as startswith / endswith / contains / =~. */
function regexKql(x: string, pattern: string): string {
	const plain = literalRegex(pattern);
	if (plain) {
		return anyOfKql(
			plain.map((p) => {
				const v = kqlString(p.text);
				return p.atStart && p.atEnd ? `${x} =~ ${v}` : p.atStart ? `${x} startswith ${v}` : p.atEnd ? `${x} endswith ${v}` : `${x} contains ${v}`;
			}),
		);
	}
	const re2 = toRe2(pattern);
	if (!re2.ok) throw new Error(`regex ${pattern} is not portable to KQL: the target should have refused it`);
	return `${x} matches regex @"${re2.pattern.replaceAll('"', '""')}"`;
}

function anyOfKql(parts: string[]): string {
	return parts.length === 1 ? parts[0] : `(${parts.join(' or ')})`;
}

/** A KQL string literal: backslash escapes for `\` `"` and control characters. */
export function kqlString(text: string): string {
	const escaped = text.replace(/[\\"\n\r\t]/g, (c) => ({'\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t'})[c]!);
	return `"${escaped}"`;
}

/** The rules a query can name as a cause: for the causes datatable. */
export function causesIn(compiled: CompiledRules): Rule[] {
	return [...new Map([...compiled.branches.map((b) => b.rule), unclassifiedRule].map((r) => [r.id, r])).values()];
}
