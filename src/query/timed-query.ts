/**
 * `aadlog query --timeout`: the statement runs in a child process that is killed when the
 * time is up. SQLite runs a statement in native code without returning to JavaScript, and
 * better-sqlite3 has no sqlite3_interrupt or progress handler: a worker thread stuck in a
 * recursive CTE ignores worker.terminate(), and process.exit() then waits for it forever
 * (measured on Node 20: both hung past 10 s). A killed process always stops.
 *
 * The child sends text chunks that end at a row's end (query-child.ts), so the rows printed
 * before the stop are whole rows, and a --json array is closed after them: stdout stays
 * valid JSON holding the first rows of the result; the exit status says it is incomplete.
 */
import {type ChildProcess, fork} from 'node:child_process';
import {AadlogError, type AadlogErrorCode} from '../errors.js';
import type {QueryFormat, QueryParams, Sink} from './run-query.js';

export interface QueryRequest {
	db: string;
	sql: string;
	params: QueryParams;
	format: QueryFormat;
}

export type ParentMessage = {type: 'run'; request: QueryRequest} | {type: 'ack'};
export type ChildMessage = {type: 'text'; text: string} | {type: 'done'} | {type: 'error'; aadlog: boolean; name: string; message: string; code?: string};

export type TimedOutcome = 'done' | 'timed-out' | 'interrupted';

/** Runs the query in a child process and writes its text to `sink`; 'timed-out' when `seconds` passed first. */
export function runTimedQuery(request: QueryRequest, seconds: number, sink: Sink): Promise<TimedOutcome> {
	const child = startChild();
	// However this process ends (a closed stdout exits it from its 'error' handler), the child must not run on.
	const killChild = (): void => {
		child.kill('SIGKILL');
	};
	process.on('exit', killChild);
	let printed = false;
	let settled = false;
	let writing = Promise.resolve();
	return new Promise<TimedOutcome>((resolve, reject) => {
		const finish = (outcome: TimedOutcome | Error): void => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			process.off('SIGINT', onSignal);
			process.off('SIGTERM', onSignal);
			if (outcome !== 'done') killChild();
			// Chunks already handed to the sink are written before the array is closed or the error shown.
			writing
				.then(async () => {
					if (outcome instanceof Error) throw outcome;
					if (outcome !== 'done' && request.format === 'json') await sink(printed ? '\n]\n' : '[]\n');
					return outcome;
				})
				.then(resolve, reject)
				.finally(() => process.off('exit', killChild));
		};
		const timer = setTimeout(() => finish('timed-out'), seconds * 1000);
		const onSignal = (): void => finish('interrupted');
		process.once('SIGINT', onSignal);
		process.once('SIGTERM', onSignal);
		child.on('message', (message: ChildMessage) => {
			if (settled) return;
			if (message.type === 'text') {
				printed = true;
				writing = writing.then(async () => {
					await sink(message.text);
					// The child may have sent its last chunk and gone: an ack it cannot read is no error.
					if (child.connected) child.send({type: 'ack'} satisfies ParentMessage, () => {});
				});
				writing.catch(finish);
			} else if (message.type === 'done') finish('done');
			else finish(childError(message));
		});
		child.on('error', (error) => finish(error));
		// 'close', not 'exit': it comes after the child's last message has been read.
		child.on('close', (code, signal) => finish(new Error(`the query process ended before the query did (${signal ?? `exit status ${code}`})`)));
		child.send({type: 'run', request} satisfies ParentMessage);
	});
}

/** The compiled child next to this module; from the TypeScript sources (tests) through tsx, as the parent runs. */
function startChild(): ChildProcess {
	const fromSources = import.meta.url.endsWith('.ts');
	const file = new URL(fromSources ? './query-child.ts' : './query-child.js', import.meta.url);
	const execArgv = fromSources && !process.execArgv.some((a) => a.includes('tsx')) ? [...process.execArgv, '--import=tsx'] : process.execArgv;
	// 'advanced' serialization carries a bigint --param exactly; stdout stays the parent's alone.
	return fork(file, [], {execArgv, serialization: 'advanced', stdio: ['ignore', 'ignore', 'inherit', 'ipc']});
}

function childError(message: Extract<ChildMessage, {type: 'error'}>): Error {
	if (message.aadlog) return new AadlogError(message.code as AadlogErrorCode, message.message);
	const error = new Error(message.message) as Error & {code?: string};
	error.name = message.name;
	if (message.code) error.code = message.code;
	return error;
}
