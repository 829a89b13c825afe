/**
 * The file a command writes its output to (report --out), kept apart from the database it
 * reads: writing a report over the database, or over its -wal or -shm, destroys it. Paths are
 * compared as the file system sees them (real paths: a symlink or ./x/../db is caught), and an
 * existing file by device and inode too (a hard link).
 */
import {realpathSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {AadlogError} from '../errors.js';

/** The path as the file system resolves it; for a file that does not exist yet, its folder's real path and its name. */
function realPath(file: string): string {
	const absolute = path.resolve(file);
	try {
		return realpathSync(absolute);
	} catch {
		try {
			return path.join(realpathSync(path.dirname(absolute)), path.basename(absolute));
		} catch {
			return absolute;
		}
	}
}

function sameFile(a: string, b: string): boolean {
	try {
		const x = statSync(a);
		const y = statSync(b);
		return x.dev === y.dev && x.ino === y.ino;
	} catch {
		return false; // one of them does not exist: not the same file
	}
}

/** Throws a usage error when `out` is the database `db` or one of its WAL files, under whatever name. */
export function checkOutputPath(out: string, db: string, option = '--out'): void {
	if (db === ':memory:' || db === '') return;
	const target = realPath(out);
	const dbReal = realPath(db);
	for (const suffix of ['', '-wal', '-shm', '-journal']) {
		if (target === dbReal + suffix || sameFile(out, db + suffix)) {
			throw new AadlogError('ERR_USAGE', `${out}: is the database ${db}${suffix ? ` (its ${suffix.slice(1)} file)` : ''}; writing there would destroy it: choose another ${option} file`);
		}
	}
}

/** Writes `text` to `out` (after checkOutputPath); a missing folder or a file that cannot be written is one line naming it. */
export function writeOutputFile(out: string, text: string, option = '--out'): void {
	try {
		writeFileSync(out, text);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const folder = path.dirname(path.resolve(out));
		if (code === 'ENOENT') throw new AadlogError('ERR_USAGE', `${out}: cannot write ${option}: the folder ${folder} does not exist; create it or choose another ${option}`, {cause: error});
		if (code === 'EISDIR') throw new AadlogError('ERR_USAGE', `${out}: cannot write ${option}: it is a folder; give a file name`, {cause: error});
		if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw new AadlogError('ERR_USAGE', `${out}: cannot write ${option}: permission denied (${code}); choose a writable place`, {cause: error});
		throw new AadlogError('ERR_USAGE', `${out}: cannot write ${option}: ${(error as Error).message}`, {cause: error});
	}
}
