import test from 'ava';
import {describeError, stackOf} from '../src/cli/describe-error.js';
import {AadlogError} from '../src/errors.js';

test('a system error names its path and says why, exit 3', (t) => {
	const error = Object.assign(new Error("EACCES: permission denied, open '/data/in.jsonl'"), {code: 'EACCES', path: '/data/in.jsonl'});
	t.deepEqual(describeError(error), {message: '/data/in.jsonl: permission denied', code: 3});
});

test('an SQLite error says what to do with --db', (t) => {
	const error = Object.assign(new Error('attempt to write a readonly database'), {code: 'SQLITE_READONLY_DBMOVED'});
	const {message, code} = describeError(error);
	t.is(code, 3);
	t.regex(message, /^database: attempt to write a readonly database \(the --db file or its folder is read-only/);
});

test('a defect is one line asking for --debug; usage errors exit 1', (t) => {
	const {message, code} = describeError(new TypeError('x is undefined'));
	t.is(code, 3);
	t.is(message, 'internal error: x is undefined (run again with --debug for the stack trace, and please report it)');
	t.is(describeError(new AadlogError('ERR_USAGE', 'give one id')).code, 1);
});

test('the stack of each cause is kept for --debug', (t) => {
	const stack = stackOf(new AadlogError('ERR_DB', 'outer', {cause: new Error('inner')}));
	t.regex(stack, /AadlogError: outer[\s\S]*caused by: Error: inner/);
});
