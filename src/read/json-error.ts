/**
 * Finds where a JSON text that JSON.parse refused goes wrong, for a reject message a person
 * can act on ("line 12, column 7: trailing comma"). V8's messages often give no position.
 * Runs only on the error path, so it favours clarity over speed. Iterative: deep nesting
 * cannot overflow the stack.
 */
export interface JsonErrorLocation {
	/** Offset (UTF-16 units) of the offending character. */
	offset: number;
	line: number;
	column: number;
	problem: string;
}

export function locateJsonError(text: string): JsonErrorLocation | undefined {
	let i = 0;
	const stack: Array<'{' | '['> = [];
	// What may come next: a value, an object key (or '}'), ':' , ',' or a closer.
	let expect: 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'comma-or-close' | 'end' = 'value';
	const fail = (problem: string): JsonErrorLocation => position(text, i, problem);
	const skipSpace = (): void => {
		while (i < text.length && ' \t\r\n'.includes(text[i])) i++;
	};
	while (true) {
		skipSpace();
		if (i >= text.length)
			return expect === 'end'
				? undefined
				: fail(stack.length > 0 ? `input ends inside ${stack.length} unclosed bracket(s)` : 'input ends where a value was expected');
		const c = text[i];
		switch (expect) {
			case 'end':
				return fail(`unexpected '${c}' after the end of the JSON value`);
			case 'colon':
				if (c !== ':') return fail(`expected ':' after an object key, found '${c}'`);
				i++;
				expect = 'value';
				continue;
			case 'comma-or-close': {
				const open = stack.at(-1);
				if (c === ',') {
					i++;
					skipSpace();
					if (text[i] === ']' || text[i] === '}') return fail(`trailing comma before '${text[i]}'`);
					expect = open === '{' ? 'key' : 'value';
					continue;
				}
				if ((c === '}' && open === '{') || (c === ']' && open === '[')) {
					closeBracket();
					continue;
				}
				return fail(`expected ',' or '${open === '{' ? '}' : ']'}', found '${c}'`);
			}
			case 'key':
			case 'key-or-close':
				if (c === '}' && expect === 'key-or-close') {
					closeBracket();
					continue;
				}
				if (c !== '"') return fail(`expected a quoted object key, found '${c}'`);
				if (!skipString()) return fail('unterminated string');
				expect = 'colon';
				continue;
			case 'value':
			case 'value-or-close':
				if (c === ']' && expect === 'value-or-close') {
					closeBracket();
					continue;
				}
				if (c === '{' || c === '[') {
					stack.push(c);
					i++;
					expect = c === '{' ? 'key-or-close' : 'value-or-close';
					continue;
				}
				if (c === '"') {
					if (!skipString()) return fail('unterminated string');
				} else {
					const literal = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
					if (!literal) return fail(`unexpected '${c}' where a value was expected`);
					i += literal[0].length;
				}
				expect = stack.length === 0 ? 'end' : 'comma-or-close';
				continue;
		}
	}

	function closeBracket(): void {
		i++;
		stack.pop();
		expect = stack.length === 0 ? 'end' : 'comma-or-close';
	}

	function skipString(): boolean {
		i++;
		while (i < text.length) {
			const c = text[i];
			if (c === '\\') i += 2;
			else if (c === '"') {
				i++;
				return true;
			} else if (c === '\n') return false;
			else i++;
		}
		return false;
	}
}

function position(text: string, offset: number, problem: string): JsonErrorLocation {
	let line = 1;
	let lineStart = 0;
	for (let j = 0; j < offset && j < text.length; j++) {
		if (text.charCodeAt(j) === 10) {
			line++;
			lineStart = j + 1;
		}
	}
	return {offset, line, column: offset - lineStart + 1, problem};
}

/** A reject reason for a record that JSON.parse refused, with the position within the file. */
export function invalidJsonReason(text: string, recordLine: number, parseError: unknown): string {
	const where = locateJsonError(text);
	if (!where) return `invalid JSON: ${(parseError as Error).message.split('\n')[0]}`;
	const line = recordLine + where.line - 1;
	return `invalid JSON at line ${line}, column ${where.column}: ${where.problem}`;
}
