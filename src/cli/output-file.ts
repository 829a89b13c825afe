/** Writing a file the user named (`--out FILE`): a path that cannot be written is a usage error naming it. */
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {AadlogError} from '../errors.js';

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
