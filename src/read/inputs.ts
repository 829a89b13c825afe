/**
 * Turns the command line's input arguments into byte streams: standard input (`-` or
 * nothing), files, and directories walked recursively in a stable (sorted) order.
 */
import {createReadStream} from 'node:fs';
import {readdir, stat} from 'node:fs/promises';
import path from 'node:path';
import {AadlogError} from '../errors.js';

/** One input to read: a file or standard input. */
export interface InputSpec {
	/** The path as the user will recognise it, or `-` for standard input. */
	label: string;
	/** Size in bytes when known (files), for progress and the sources table. */
	size?: number;
	mtimeMs?: number;
	/** Files only: the path a reader thread opens it by. */
	path?: string;
	/** The bytes, from `start` (a resumed read of a grown file) or from the beginning. */
	open(start?: number): AsyncIterable<Buffer>;
}

/** 1 MiB reads: 2.5x faster than the 64 KiB default on this machine (TOOLCHAIN.md). */
const readChunkBytes = 1024 * 1024;

export function stdinInput(stdin: NodeJS.ReadableStream = process.stdin): InputSpec {
	return {label: '-', open: () => stdin as AsyncIterable<Buffer>};
}

export function fileInput(file: string, size: number, mtimeMs?: number): InputSpec {
	return {label: file, size, mtimeMs, path: file, open: (start = 0) => createReadStream(file, {start, highWaterMark: readChunkBytes})};
}

/** Expands arguments into inputs. Missing paths are a usage error, found before anything is read. */
export async function resolveInputs(args: readonly string[]): Promise<InputSpec[]> {
	if (args.length === 0) return [stdinInput()];
	const inputs: InputSpec[] = [];
	for (const arg of args) {
		if (arg === '-') {
			inputs.push(stdinInput());
			continue;
		}
		let info;
		try {
			info = await stat(arg);
		} catch {
			throw new AadlogError('ERR_INPUT_NOT_FOUND', `${arg}: no such file or directory`);
		}
		if (info.isDirectory()) {
			for (const file of await walk(arg)) inputs.push(file);
		} else {
			inputs.push(fileInput(arg, info.size, info.mtimeMs));
		}
	}
	return inputs;
}

/**
 * Files in a folder that are certainly not logs: docs beside an export (a README), images,
 * archives aadlog cannot read, and SQLite files (aadlog's own database may sit there).
 * A file named on the command line is always read, whatever its name.
 */
const notLogs = /\.(md|markdown|rst|html?|pdf|png|jpe?g|gif|svg|zip|7z|tar|db|db-wal|db-shm|db-journal|sqlite3?)$/i;

async function walk(dir: string): Promise<InputSpec[]> {
	const entries = await readdir(dir, {withFileTypes: true});
	entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	const found: InputSpec[] = [];
	for (const entry of entries) {
		if (entry.name.startsWith('.')) continue; // editor swap files, .git, .DS_Store
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) {
			found.push(...(await walk(full)));
		} else if (entry.isFile() && !notLogs.test(entry.name)) {
			const info = await stat(full);
			found.push(fileInput(full, info.size, info.mtimeMs));
		}
	}
	return found;
}
