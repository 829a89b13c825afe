/**
 * The labeled incident corpus (test/incidents/cases.ts) through the whole pipeline: every case
 * is one failure, one incident, named by the right cause, with the deciding evidence naming
 * the record it came from when that is not the error's own. The share named right is printed.
 */
import {statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import Database from 'better-sqlite3';
import {loadKnowledge} from '../src/classify/knowledge.js';
import {analyze} from '../src/pipeline.js';
import {fileInput} from '../src/read/inputs.js';
import {defaultReadLimits} from '../src/read/record.js';
import {tempDir} from './helpers.js';
import {type IncidentCase, incidentCases} from './incidents/cases.js';
import {incidentTokens} from './incidents/incident-tokens.js';
import {secretParts} from './token-fixtures.js';

const knowledge = loadKnowledge();

interface Verdict {
	line: number;
	cause: string;
	evidence: string;
	fix: string;
}

async function verdicts(
	kase: IncidentCase,
	tokens: Record<string, string>,
	dir: string,
	index: number,
): Promise<{file: string; failures: Verdict[]; text: string}> {
	const text = `${kase.lines.map((line) => line.replaceAll(/\{\{(\w+)\}\}/g, (_, name: string) => tokens[name] ?? `{{${name}}}`)).join('\n')}\n`;
	const file = path.join(dir, `case-${index}.log`);
	writeFileSync(file, text);
	const db = path.join(dir, `case-${index}.db`);
	await analyze({inputs: [fileInput(file, statSync(file).size)], db, knowledge, limits: defaultReadLimits, version: 'test'});
	const sql = new Database(db, {readonly: true});
	const failures = sql
		.prepare(
			`SELECT e.line, c.cause, c.fix, ec.evidence FROM events e JOIN causes c ON c.id = e.cause_id
			 JOIN event_causes ec ON ec.event_id = e.id AND ec.rank = 1 WHERE e.outcome IN ('failure', 'interrupt') ORDER BY e.line`,
		)
		.all() as Verdict[];
	sql.close();
	return {file, failures, text};
}

test('incident corpus: every case is one failure named by its cause, evidence from its record', async (t) => {
	const tokens = await incidentTokens();
	const dir = tempDir('aadlog-incidents-');
	const wrong: string[] = [];
	let right = 0;
	for (const [i, kase] of incidentCases.entries()) {
		const {file, failures, text} = await verdicts(kase, tokens, dir, i);
		t.false(text.includes('{{'), `${kase.name}: a placeholder names no generated token`);
		const named = failures.length === 1 && failures[0].cause === kase.cause;
		// The deciding record is another than the error's own: the evidence says which, file:line.
		const base = path.basename(file);
		const cited = failures.length === 1 && new RegExp(`\\(${base.replace('.', '\\.')}:(?!${failures[0].line}\\))\\d+\\)`).test(failures[0].evidence);
		if (named && (!kase.elsewhere || cited)) right++;
		else
			wrong.push(
				`${kase.name} [${kase.format}]: expected ${kase.cause}${kase.elsewhere ? ' citing another record' : ''}, got ${JSON.stringify(failures)}`,
			);
	}
	t.log(`incident corpus: ${right}/${incidentCases.length} named right`);
	process.stderr.write(`incident corpus: ${right}/${incidentCases.length} named right\n`);
	t.deepEqual(wrong, []);
});

test('the corpus covers every format and has the deciding evidence elsewhere in at least half the cases', (t) => {
	const formats = new Set(incidentCases.map((c) => c.format));
	t.deepEqual([...formats].sort(), ['access-log', 'aspnetcore-console', 'msal-net', 'msal-node', 'python-logging', 'serilog-json']);
	t.true(incidentCases.filter((c) => c.elsewhere).length * 2 >= incidentCases.length);
});

test('no generated token of the corpus is stored', async (t) => {
	const tokens = await incidentTokens();
	const dir = tempDir('aadlog-incidents-');
	for (const [i, kase] of incidentCases.entries()) {
		if (!kase.lines.some((l) => l.includes('{{'))) continue;
		await verdicts(kase, tokens, dir, i);
		const sql = new Database(path.join(dir, `case-${i}.db`), {readonly: true});
		const stored = JSON.stringify(sql.prepare('SELECT * FROM events').all()) + JSON.stringify(sql.prepare('SELECT * FROM event_causes').all());
		sql.close();
		for (const token of Object.values(tokens))
			for (const part of secretParts(token)) t.false(stored.includes(part), `${kase.name}: a token part is stored`);
	}
});
