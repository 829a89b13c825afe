/**
 * What to do about an SQLite error, as one line: the errors SQLite gives at the database's
 * boundary are expected (a wrong --db, a read-only folder), not bugs, so they are
 * AadlogErrors (exit 3), never a stack trace. One table of advice serves the open, which
 * names the file and its folder, and the CLI's last resort (cli/describe-error.ts), which
 * knows only the error.
 */
import path from 'node:path';
import {AadlogError} from '../errors.js';

/** Advice by primary result code (`SQLITE_READONLY_DBMOVED` is `SQLITE_READONLY`); `folder` where it is known. */
export function sqliteAdvice(code: string, folder?: string, readonly = false): string | undefined {
	switch (code.replace(/^(SQLITE_[A-Z]+).*$/, '$1')) {
		case 'SQLITE_NOTADB':
			return 'not a SQLite database; give --db an aadlog database, or a new file name to create one';
		case 'SQLITE_READONLY':
			return `the --db file or its folder is read-only${folder ? ` (${folder})` : ''}; make both writable, or give --db a file in a writable folder`;
		case 'SQLITE_BUSY':
			return 'the database is busy (another program holds a lock on it for longer than 5 s); try again when it is done';
		case 'SQLITE_CORRUPT':
			return 'the database file is damaged (SQLITE_CORRUPT); restore it from a copy or give --db a new file';
		case 'SQLITE_FULL':
			return 'the disk holding the --db file is full';
		case 'SQLITE_CANTOPEN':
			if (readonly) return 'cannot open the database: no such file, or it cannot be read; check the --db path';
			return `cannot create or open the database: check that the folder ${folder ?? 'of the --db file'} exists and is writable`;
		default:
			return undefined;
	}
}

export function dbOpenError(file: string, error: unknown, readonly: boolean): Error {
	if (error instanceof AadlogError) return error;
	const code = (error as {code?: unknown}).code;
	const message = (error as Error).message ?? String(error);
	const folder = path.dirname(path.resolve(file));
	// better-sqlite3 says a missing folder in words, without a code.
	const advice =
		(typeof code === 'string' ? sqliteAdvice(code, folder, readonly) : undefined) ??
		(/directory does not exist/.test(message) ? sqliteAdvice('SQLITE_CANTOPEN', folder, readonly) : undefined);
	return new AadlogError('ERR_DB', `${file}: ${advice ?? `cannot open database: ${message}`}`, {cause: error});
}
