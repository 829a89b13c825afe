/**
 * The intermediate form as SQLite SQL over aadlog's `events` table: one CASE, arms in the
 * engine's rank order, over the sign-ins the engine classifies (failures and interrupts).
 * NULL is "not known" in SQL but "absent" in the engine, which fails every test but
 * `exists: false`: each negation is written `(...) IS NOT TRUE`, so a NULL inside it counts
 * as a failed test, never as an unknown one.
 */
import type {Catalog} from '../classify/catalog.js';
import {catalogCauses, entriesWithCause} from '../classify/catalog-causes.js';
import {unclassifiedRule} from '../classify/engine.js';
import type {Rule} from '../classify/rule.js';
import {enforcedResults} from '../extract/ca-policies.js';
import type {CompiledRules} from './compile-rules.js';
import type {Condition} from './condition.js';
import {literalRegex} from './literal-regex.js';
import {policiesField, sqlColumns} from './sql-target.js';

export interface SqlRenderOptions {
	/** See SqlTargetOptions.regexpFunction: must be the same name. */
	regexpFunction?: string;
}

/** `WITH signins AS (...), classified AS (...)`: every classified sign-in with its `cause` (NULL: an interrupt no rule explains). */
export function sqlClassifiedCte(compiled: CompiledRules, catalog: Catalog, options: SqlRenderOptions = {}): string {
	const interrupts = [...catalog.codes.values()].filter((e) => e.category === 'interrupt').map((e) => e.code);
	const plain = Object.entries(sqlColumns)
		.filter(([field]) => field !== 'outcome' && field !== 'codes.aadsts')
		.map(([, column]) => `e.${column}`);
	const arms = compiled.branches.map(
		(b) => `    WHEN ${sqlCondition(b.when, options)}\n      THEN ${literal(b.rule.id)} -- ${b.rule.confidence.toFixed(2)}, evidence ${b.evidence}`,
	);
	return `WITH signins AS ( -- the sign-ins the engine classifies; outcome refined by the catalog's interrupt codes, as the engine does
  SELECT e.id, ${plain.join(', ')},
         NULLIF(e.error_code, 0) AS code,
         CASE WHEN e.outcome = 'failure' AND e.error_code IN (${interrupts.join(', ')}) THEN 'interrupt' ELSE e.outcome END AS outcome
  FROM events e
  WHERE e.kind = 'signin' AND e.outcome IN ('failure', 'interrupt')
),
classified AS (
  SELECT s.*, CASE
${arms.join('\n')}
    WHEN outcome = 'failure' AND code IN (${entriesWithCause(catalog)
		.map((e) => e.code)
		.join(', ')}) THEN 'aadsts-' || code -- no rule fits: the catalog's cause of the code
    WHEN outcome = 'failure' THEN ${literal(unclassifiedRule.id)}
  END AS cause
  FROM signins s
)`;
}

/** Event id, refined outcome and cause (NULL: an interrupt no rule explains) of every classified sign-in: what `aadlog reclassify` writes back. */
export function sqlClassifyQuery(compiled: CompiledRules, catalog: Catalog, options: SqlRenderOptions = {}): string {
	return `${sqlClassifiedCte(compiled, catalog, options)}\nSELECT id AS event_id, outcome, cause FROM classified ORDER BY id;\n`;
}

/** Causes × apps, like the KQL export: counts, users, first and last seen, a sample correlation id, title, who and fix. */
export function sqlSummaryQuery(compiled: CompiledRules, catalog: Catalog, options: SqlRenderOptions = {}): string {
	const rules = uniqueRules([...compiled.branches.map((b) => b.rule), ...catalogCauses(catalog), unclassifiedRule]);
	const rows = rules.map((r) => `    (${literal(r.id)}, ${literal(r.title)}, ${literal(r.who)}, ${literal(r.fix)})`);
	return `${sqlClassifiedCte(compiled, catalog, options)},
cause_text(cause, title, who, fix) AS (VALUES
${rows.join(',\n')}
)
SELECT c.cause, t.title, t.who, coalesce(c.app_name, c.app_id) AS app,
       sum(c.outcome = 'failure') AS failures, sum(c.outcome = 'interrupt') AS interrupts,
       count(DISTINCT c.user_principal_name) AS users, min(c.time) AS first_seen, max(c.time) AS last_seen,
       max(c.correlation_id) AS sample_correlation_id, t.fix
FROM classified c JOIN cause_text t ON t.cause = c.cause
GROUP BY c.cause, app
ORDER BY failures DESC, c.cause, app;
`;
}

function uniqueRules(rules: Rule[]): Rule[] {
	return [...new Map(rules.map((r) => [r.id, r])).values()];
}

export function sqlCondition(condition: Condition, options: SqlRenderOptions): string {
	const inner = (c: Condition): string => (c.kind === 'all' || c.kind === 'any' ? `(${sqlCondition(c, options)})` : sqlCondition(c, options));
	switch (condition.kind) {
		case 'const':
			return condition.value ? '1' : '0';
		case 'all':
			return condition.of.map(inner).join(' AND ');
		case 'any':
			return condition.of.map(inner).join(' OR ');
		case 'not':
			if (condition.of.kind === 'present' && condition.of.field === policiesField) return `NOT ${policiesExist('1')}`;
			if (condition.of.kind === 'present') return `${column(condition.of.field)} IS NULL`;
			return `(${sqlCondition(condition.of, options)}) IS NOT TRUE`;
		case 'present':
			if (condition.field === policiesField) return policiesExist('1');
			return `${column(condition.field)} IS NOT NULL`;
		case 'flag':
			return `${column(condition.field)} = ${condition.value ? 1 : 0}`;
		case 'code-in':
			return condition.negated ? `(code IS NULL OR code NOT IN (${condition.codes.join(', ')}))` : `code IN (${condition.codes.join(', ')})`;
		case 'test':
			return testSql(condition, options);
	}
}

/** The policy results the engine counts as enforced, as an SQL list. */
const enforcedResultsSql = [...enforcedResults].map(literal).join(', ');

/**
 * A policy test holds when one of the sign-in's enforced policies passes it, each read as
 * the engine reads it, "name:result" (src/extract/ca-policies.ts): names may hold any text.
 */
function policiesExist(test: string): string {
	return `EXISTS (SELECT 1 FROM event_ca_policies p WHERE p.event_id = s.id AND p.result IN (${enforcedResultsSql}) AND ${test})`;
}

function testSql(test: Extract<Condition, {kind: 'test'}>, options: SqlRenderOptions): string {
	if (test.field === policiesField) return policiesExist(valueTestSql(test, options, "(p.name || ':' || p.result)"));
	return valueTestSql(test, options, column(test.field));
}

function valueTestSql(test: Extract<Condition, {kind: 'test'}>, options: SqlRenderOptions, col: string): string {
	if (test.type === 'number' && ['eq', 'gt', 'gte', 'lt', 'lte'].includes(test.modifier)) {
		if (test.modifier === 'eq') return test.values.length === 1 ? `${col} = ${test.values[0]}` : `${col} IN (${test.values.join(', ')})`;
		const op = {gt: '>', gte: '>=', lt: '<', lte: '<='}[test.modifier as 'gt' | 'gte' | 'lt' | 'lte'];
		return anyOfSql(test.values.map((v) => `${col} ${op} ${v}`));
	}
	// The engine lower-cases both sides; numbers are tested on their decimal text.
	const text = test.type === 'number' ? `CAST(${col} AS TEXT)` : `lower(${col})`;
	const raw = test.type === 'number' ? `CAST(${col} AS TEXT)` : col;
	const values = test.values.map((v) => String(v).toLowerCase());
	switch (test.modifier) {
		case 'eq':
			return values.length === 1 ? `${text} = ${literal(values[0])}` : `${text} IN (${values.map(literal).join(', ')})`;
		case 'contains':
			return anyOfSql(values.map((v) => `instr(${text}, ${literal(v)}) > 0`));
		case 'startswith':
			return anyOfSql(values.map((v) => `instr(${text}, ${literal(v)}) = 1`));
		case 'endswith':
			return anyOfSql(values.map((v) => endsWith(text, v)));
		case 're':
			return anyOfSql(test.values.map((v) => regexSql(raw, text, String(v), options)));
		default:
			throw new Error(`unreachable: ${test.modifier} on text`);
	}
}

function regexSql(raw: string, lowered: string, pattern: string, options: SqlRenderOptions): string {
	const literalParts = literalRegex(pattern);
	if (literalParts) {
		return anyOfSql(
			literalParts.map((p) => {
				const lower = p.text.toLowerCase();
				const v = literal(lower);
				if (p.atStart && p.atEnd) return `${lowered} = ${v}`;
				if (p.atStart) return `instr(${lowered}, ${v}) = 1`;
				if (p.atEnd) return endsWith(lowered, lower);
				return `instr(${lowered}, ${v}) > 0`;
			}),
		);
	}
	if (!options.regexpFunction) throw new Error(`regex ${pattern} needs a regexp function: the target should have refused it`);
	return `${options.regexpFunction}(${literal(pattern)}, ${raw})`;
}

function endsWith(text: string, value: string): string {
	return `substr(${text}, -length(${literal(value)})) = ${literal(value)}`;
}

function anyOfSql(parts: string[]): string {
	return parts.length === 1 ? parts[0] : `(${parts.join(' OR ')})`;
}

function column(field: string): string {
	const name = sqlColumns[field];
	if (!name) throw new Error(`no events column for ${field}`);
	return name;
}

/** An SQL text literal. */
export function literal(text: string): string {
	return `'${text.replaceAll("'", "''")}'`;
}
