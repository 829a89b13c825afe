/**
 * What went wrong opening a database, as one line that names the file and what to do:
 * the errors SQLite gives at this boundary are expected (a wrong --db, a read-only folder),
 * not bugs, so they are AadlogErrors (exit 3), never a stack trace.
 */
import path from 'node:path';
import {AadlogError} from '../errors.js';

export function dbOpenError(file: string, error: unknown, readonly: boolean): Error {
	if (error instanceof AadlogError) return error;
	const code = (error as {code?: unknown}).code;
	const message = (error as Error).message ?? String(error);
	const folder = path.dirname(path.resolve(file));
	const say = (text: string) => new AadlogError('ERR_DB', `${file}: ${text}`, {cause: error});
	if (code === 'SQLITE_NOTADB') return say('not a SQLite database; give --db an aadlog database, or a new file name to create one');
	if (typeof code === 'string' && code.startsWith('SQLITE_READONLY')) {
		return say(`the database or its folder (${folder}) is read-only; make both writable, or give --db a file in a writable folder`);
	}
	if (code === 'SQLITE_BUSY') return say('the database is busy (another program holds a lock on it for longer than 5 s); try again when it is done');
	if (code === 'SQLITE_CORRUPT') return say('the database file is damaged (SQLITE_CORRUPT); restore it from a copy or give --db a new file');
	if (code === 'SQLITE_CANTOPEN' || /directory does not exist/.test(message)) {
		if (readonly) return say('cannot open the database: no such file, or it cannot be read; check the --db path');
		return say(`cannot create or open the database: check that the folder ${folder} exists and is writable`);
	}
	return say(`cannot open database: ${message}`);
}
