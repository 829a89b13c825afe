/**
 * What a failed command prints: one line saying what went wrong, naming the file where
 * there is one, and the exit status. Only a defect ("internal error") asks to be reported;
 * its stack, like any other, is shown with --debug.
 */
import {AadlogError} from '../errors.js';
import {sqliteAdvice} from '../store/db-errors.js';
import {exitCodes} from './exit-codes.js';

export interface ErrorReport {
	message: string;
	code: number;
}

const systemReasons: Record<string, string> = {
	ENOENT: 'no such file or folder',
	EACCES: 'permission denied',
	EPERM: 'permission denied',
	EISDIR: 'is a folder, not a file',
	ENOTDIR: 'a part of the path is a file, not a folder',
	EROFS: 'the file system is read-only',
	ENOSPC: 'no space left on the device',
	EMFILE: 'too many open files (raise ulimit -n)',
};

export function describeError(error: unknown): ErrorReport {
	if (error instanceof AadlogError) {
		return {message: error.message, code: error.code === 'ERR_USAGE' || error.code === 'ERR_INPUT_NOT_FOUND' ? exitCodes.usage : exitCodes.failed};
	}
	const {code, path, message} = (error ?? {}) as {code?: unknown; path?: unknown; message?: unknown};
	if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
		return {message: `${String(message)}. Run with --help for the options.`, code: exitCodes.usage};
	}
	if (typeof code === 'string' && typeof path === 'string' && code in systemReasons) {
		return {message: `${path}: ${systemReasons[code]}`, code: exitCodes.failed};
	}
	if (typeof code === 'string' && code.startsWith('SQLITE_')) {
		const hint = sqliteAdvice(code);
		return {message: `database: ${String(message)}${hint ? ` (${hint})` : ''}`, code: exitCodes.failed};
	}
	return {
		message: `internal error: ${error instanceof Error ? error.message : String(error)} (run again with --debug for the stack trace, and please report it)`,
		code: exitCodes.failed,
	};
}

/** The stack of an error and of each cause behind it. */
export function stackOf(error: unknown): string {
	const parts: string[] = [];
	for (let e: unknown = error, depth = 0; e !== undefined && depth < 5; e = (e as {cause?: unknown}).cause, depth++) {
		parts.push(e instanceof Error ? (e.stack ?? e.message) : String(e));
	}
	return parts.join('\ncaused by: ');
}
