/**
 * Writing a file the user named (`--out FILE`). The file is kept apart from the database the
 * command reads: writing a report over the database, or over its -wal or -shm, destroys it.
 * Paths are compared as the file system sees them (real paths: a symlink or ./x/../db is
 * caught), and an existing file by device and inode too (a hard link). A path that cannot be
 * written is a usage error naming it.
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
			throw new AadlogError(
				'ERR_USAGE',
				`${out}: is the database ${db}${suffix ? ` (its ${suffix.slice(1)} file)` : ''}; writing there would destroy it: choose another ${option} file`,
			);
		}
	}
}

const reasons: Record<string, (file: string) => string> = {
	ENOENT: (file) => `the folder ${path.dirname(file)} does not exist (create it, or choose another --out)`,
	ENOTDIR: (file) => `a part of ${path.dirname(file)} is a file, not a folder (choose another --out)`,
	EISDIR: () => 'it is a folder (give a file name, such as report.html)',
	EACCES: () => 'permission denied (choose a folder you can write)',
	EPERM: () => 'permission denied (choose a folder you can write)',
	EROFS: () => 'the file system is read-only (choose another --out)',
	ENOSPC: () => 'no space left on the device',
};

export function writeOutputFile(file: string, text: string): void {
	try {
		writeFileSync(file, text);
	} catch (error) {
		const reason = reasons[(error as NodeJS.ErrnoException).code ?? ''];
		if (!reason) throw error;
		throw new AadlogError('ERR_USAGE', `cannot write --out ${file}: ${reason(file)}`, {cause: error});
	}
}
