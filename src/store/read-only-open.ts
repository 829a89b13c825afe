/**
 * Where a read-only open (query, report, trace) points SQLite. A WAL database needs its -shm
 * file to be read, and SQLite creates it when it is missing: in a folder that is not writable
 * (an archive, a read-only mount) that open fails. No writer can be running there (a writer
 * must create the -wal and -shm), so when no -wal holds changes the file is read as it is,
 * `immutable=1`. When a -wal does hold changes, reading without it would show an older
 * database: the error says so and what to do, rather than report stale numbers.
 */
import {accessSync, constants, existsSync, statSync} from 'node:fs';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {AadlogError} from '../errors.js';

// better-sqlite3 reads this once, when it opens its first database: URI file names
// (file:...?immutable=1) work only if it is set before. database.ts imports this module
// before it opens anything; it turns a --db that itself starts with file: into a plain path.
process.env.SQLITE_USE_URI = '1';

/** This process may write the file or folder (root may write anything on a writable file system). */
export function writable(target: string): boolean {
	try {
		accessSync(target, constants.W_OK);
		return true;
	} catch {
		return false;
	}
}

export function readOnlyTarget(file: string): string {
	const folder = path.dirname(path.resolve(file));
	if (!existsSync(file) || writable(folder) || existsSync(`${file}-shm`)) return file;
	const wal = `${file}-wal`;
	if (existsSync(wal) && statSync(wal).size > 0) {
		throw new AadlogError(
			'ERR_DB',
			`${file}: its changes in ${path.basename(wal)} cannot be read in a read-only folder without its -shm file (SQLite must create one); copy ${path.basename(file)} and ${path.basename(wal)} into a writable folder and use the copy`,
		);
	}
	return `${pathToFileURL(path.resolve(file)).href}?immutable=1`;
}
