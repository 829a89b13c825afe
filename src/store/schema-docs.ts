/**
 * The database documents itself: every column of every table carries a comment in its
 * CREATE TABLE text (`-- ...`, or `/* ... *\/` for columns added by ALTER TABLE), and every
 * view column a `--` comment on its line. This reads them back from sqlite_master, for
 * `aadlog schema` and docs/schema.md, and says which are missing (a test fails on any).
 */
import type {Db} from './database.js';

export interface ColumnDoc {
	name: string;
	type: string;
	description: string;
}

export interface ObjectDoc {
	name: string;
	type: 'table' | 'view';
	description: string;
	columns: ColumnDoc[];
}

/** Tables were created without a comment of their own; what each holds, in one line. */
const tableDescriptions: Record<string, string> = {
	runs: 'one row per `aadlog analyze` run: when, which inputs, what it read and stored',
	sources: 'one row per input read by a run: path, format, bytes, records, and what a nightly run needs to skip or resume it',
	causes: 'the root causes (one per rule), with who must act and the fix',
	events: 'one row per record read (sign-ins and app log records, successes included), with its most likely cause. A successful sign-in is stored slim: time, outcome, code, the ids joins use (Request ID, correlation id, uti), user, tenant, app, resource, source and line; its other columns are NULL. Failures, interrupts and app events keep every column',
	event_causes: 'every cause that fits an event, ranked, with the evidence that made the rule fit',
	rejects: 'input that could not be read as a record: kept with file, line, reason and a redacted excerpt',
	tokens: 'bearer tokens seen in logs: the fingerprint, header and claims (never the token or its signature)',
	event_tokens: 'which events carried which token, and whether it had expired when used',
	event_ca_policies:
		"the Conditional Access policies of each stored sign-in failure and interrupt (successful sign-ins are stored slim, without them) and of the app events joined to one: a row per policy that acted or would have (report-only), in the record's order",
	correlations: 'app events joined to the sign-ins behind them, with the id that joined them',
	reclassifications: 'each `aadlog reclassify`: when, with which rules, and how many stored sign-ins changed cause',
	event_rollup:
		'events counted per UTC day, run, kind, outcome, cause and app, for reports (read the event_counts view: it adds events stored since the last refresh)',
	rollup_users: 'which users had events on which UTC day, of any kind and per cause, so reports count distinct users exactly (read the event_users view)',
	rollup_state: 'one row: up to which event id the rollup tables are refreshed',
};

export function describeSchema(db: Db): ObjectDoc[] {
	const objects = db
		.prepare("SELECT name, type, sql FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY type, name")
		.all() as Array<{name: string; type: 'table' | 'view'; sql: string}>;
	return objects.map(({name, type, sql}) => {
		const columns = db.prepare(`SELECT name, type FROM pragma_table_info(?)`).all(name) as Array<{name: string; type: string}>;
		if (type === 'table') {
			return {
				name,
				type,
				description: tableDescriptions[name] ?? '',
				columns: columns.map((c) => ({...c, description: tableColumnComment(sql, c.name)})),
			};
		}
		const comments = viewColumnComments(sql);
		return {
			name,
			type,
			description: /CREATE VIEW \w+ AS\s+--\s*(.*)/.exec(sql)?.[1].trim() ?? '',
			columns: columns.map((c) => ({...c, description: comments.get(c.name) ?? ''})),
		};
	});
}

/** Objects or columns without a description, as `table.column`: must be none. */
export function undocumented(objects: readonly ObjectDoc[]): string[] {
	const missing: string[] = [];
	for (const o of objects) {
		if (!o.description) missing.push(o.name);
		for (const c of o.columns) if (!c.description) missing.push(`${o.name}.${c.name}`);
	}
	return missing;
}

function tableColumnComment(sql: string, column: string): string {
	const match = new RegExp(`(?:^|[\\s,(])${column}\\s+(?:INTEGER|TEXT|REAL)\\b`, 'm').exec(sql);
	if (!match) return '';
	const start = match.index + match[0].length;
	const lineEnd = sql.indexOf('\n', start);
	const rest = sql.slice(start, lineEnd === -1 ? sql.length : lineEnd);
	const block = /\/\*\s*(.*?)\s*\*\//.exec(rest);
	const dash = /--\s*(.*)$/.exec(rest);
	if (block && (!dash || block.index < dash.index)) return block[1];
	return dash ? dash[1].trim() : '';
}

/** `expression AS name, -- comment` (or `t.name`, or `name`) on one line: name → comment. */
function viewColumnComments(sql: string): Map<string, string> {
	const comments = new Map<string, string>();
	for (const line of sql.split('\n')) {
		const at = line.indexOf('--');
		if (at === -1 || /CREATE VIEW/.test(line)) continue;
		const name = /([A-Za-z_][A-Za-z0-9_]*)\s*,?\s*$/.exec(line.slice(0, at))?.[1];
		if (name) comments.set(name, line.slice(at + 2).trim());
	}
	return comments;
}

export function schemaMarkdown(objects: readonly ObjectDoc[], version: string): string {
	const out: string[] = [
		'# The aadlog database',
		'',
		`Generated by \`aadlog schema\` (aadlog ${version}) from the comments in the schema itself (\`src/store/schema.ts\`, the events columns from \`src/store/event-fields.ts\`);`,
		'`npm test` fails when a table, view or column has none, or when this file is stale.',
		'Plain SQLite: INTEGER, TEXT and REAL columns, times as ISO 8601 UTC text, no custom functions or',
		'collations, so any SQLite reader can open it (the tests read it with the sqlite3 shell).',
		'Ask it questions with `aadlog query` (read-only); `aadlog query --list` shows the named queries.',
		'',
	];
	for (const kind of ['table', 'view'] as const) {
		out.push(`## ${kind === 'table' ? 'Tables' : 'Views'}`, '');
		for (const o of objects.filter((x) => x.type === kind)) {
			out.push(`### \`${o.name}\``, '', o.description, '', '| column | type | meaning |', '| --- | --- | --- |');
			for (const c of o.columns) out.push(`| \`${c.name}\` | ${c.type || '(computed)'} | ${c.description.replace(/\|/g, '\\|')} |`);
			out.push('');
		}
	}
	return out.join('\n');
}
