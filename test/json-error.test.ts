import test from 'ava';
import {locateJsonError} from '../src/read/json-error.js';

test('valid JSON has no error', (t) => {
	for (const text of ['{}', '[]', '{"a":[1,2,{"b":null}],"c":"x\\"]"}', ' 12.5e3 ', '"s"']) t.is(locateJsonError(text), undefined, text);
});

test('each kind of mistake is located by line and column', (t) => {
	const cases: Array<[string, number, number, RegExp]> = [
		['{"a": 1,\n}', 2, 1, /trailing comma before '}'/],
		['[1, 2,]', 1, 7, /trailing comma before ']'/],
		['{"a" 1}', 1, 6, /expected ':'/],
		['{"a": 1 "b": 2}', 1, 9, /expected ',' or '}'/],
		['{"a": tru}', 1, 7, /where a value was expected/],
		['{"a": "open', 1, 12, /unterminated string/],
		['[{"a": 1}', 1, 10, /unclosed/],
		['{a: 1}', 1, 2, /quoted object key/],
		['{} x', 1, 4, /after the end/],
	];
	for (const [text, line, column, problem] of cases) {
		const found = locateJsonError(text);
		t.truthy(found, text);
		t.deepEqual([found!.line, found!.column], [line, column], text);
		t.regex(found!.problem, problem, text);
	}
});

test('deep nesting does not overflow the stack', (t) => {
	t.is(locateJsonError('['.repeat(100_000) + ']'.repeat(100_000)), undefined);
	t.truthy(locateJsonError('['.repeat(100_000)));
});
