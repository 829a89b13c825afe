/**
 * Rule and catalog files are plain data. A problem in the text (bad YAML or JSON) is told
 * like a schema problem: file, line and column.
 */
import type {AadlogErrorCode} from '../errors.js';
import {yaml} from '../util/yaml.js';
import {FileProblemsError} from './file-problems.js';

/**
 * A rule file is plain data: YAML tags (`!!js/function`, custom `!tags`) are refused rather
 * than read as strings, and alias expansion is capped (no "billion laughs").
 */
export function parseSource(source: string, file: string, code: AadlogErrorCode = 'ERR_RULE_INVALID'): unknown {
	if (file.endsWith('.json')) {
		try {
			return JSON.parse(source);
		} catch (error) {
			// V8 gives an offset ("at position 11"); an editor wants a line and a column.
			const offset = /at position (\d+)/.exec((error as Error).message)?.[1];
			const at = offset === undefined ? {} : lineAndColumn(source, Number(offset));
			const problem = {file, ...at, field: '', problem: `not valid JSON: ${(error as Error).message}`};
			throw new FileProblemsError(code, [problem], {cause: error});
		}
	}
	const {LineCounter, parseDocument} = yaml();
	const lineCounter = new LineCounter();
	const doc = parseDocument(source, {lineCounter});
	const problems = [...doc.errors, ...doc.warnings].map((problem) => {
		const {line, col} = lineCounter.linePos(problem.pos[0]);
		const message =
			problem.code === 'TAG_RESOLVE_FAILED'
				? `${problem.message} (rule files are plain data: tags are not allowed)`
				: problem.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
		return {file, line, column: col, field: '', problem: `not valid YAML: ${message}`};
	});
	if (problems.length > 0) throw new FileProblemsError(code, problems);
	try {
		return doc.toJS({maxAliasCount: 100});
	} catch (error) {
		throw new FileProblemsError(code, [{file, field: '', problem: `not valid YAML: ${(error as Error).message}`}], {cause: error});
	}
}

function lineAndColumn(source: string, offset: number): {line: number; column: number} {
	const {LineCounter} = yaml();
	const lineCounter = new LineCounter();
	lineCounter.addNewLine(0);
	for (let i = source.indexOf('\n'); i !== -1 && i < offset; i = source.indexOf('\n', i + 1)) lineCounter.addNewLine(i + 1);
	const {line, col} = lineCounter.linePos(offset);
	return {line, column: col};
}
