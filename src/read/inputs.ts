/**
 * Turns the command line's input arguments into byte streams: standard input (`-` or
 * nothing), files, pipes and devices, and directories walked recursively in a stable
 * (sorted) order, following links.
 */
import {closeSync, createReadStream, openSync, readSync, type Stats} from 'node:fs';
import {readdir, stat} from 'node:fs/promises';
import path from 'node:path';
import {AadlogError} from '../errors.js';
import {type SkippedFiles, SkipTally} from './skip-tally.js';
import {isStandardInput, isStreamKind, readChunkBytes, streamInput} from './stream-input.js';

/** One input to read: a file or standard input. */
export interface InputSpec {
	/** The path as the user will recognise it, or `-` for standard input. */
	label: string;
	/** Size in bytes when known (files), for progress and the sources table. */
	size?: number;
	mtimeMs?: number;
	/** The bytes, from `start` (a resumed read of a grown file) or from the beginning. */
	open(start?: number): AsyncIterable<Buffer>;
	/** Streams only: lets go of one still open (a signal stopped the run while it waited, or reading stopped early). */
	close?(): void;
}

/** The smallest read, for a small file (it may have grown since it was listed). */
const smallestChunkBytes = 16 * 1024;

/**
 * A read allocates a buffer of the whole chunk whatever the file holds: a folder of 2,000
 * one-record files allocated 4 GB of them, and collecting them took a third of the run.
 */
function chunkBytesFor(size: number): number {
	return Math.min(readChunkBytes, Math.max(smallestChunkBytes, size + 1));
}

/**
 * A file of less than a chunk is read in this thread, without a stream: a stream's open,
 * reads and close each wait for a thread of the pool, and a folder of many small files
 * (an export of one file an hour) spent more time waiting than reading. Read to the end,
 * whatever its size when listed: it may have grown.
 */
async function* readSmallFile(file: string, start: number, size: number): AsyncGenerator<Buffer> {
	const fd = openSync(file, 'r');
	try {
		for (let position = start; ; ) {
			const buffer = Buffer.allocUnsafe(chunkBytesFor(size - position));
			const bytes = readSync(fd, buffer, 0, buffer.length, position);
			if (bytes === 0) return;
			position += bytes;
			yield bytes === buffer.length ? buffer : buffer.subarray(0, bytes);
		}
	} finally {
		closeSync(fd);
	}
}

export function stdinInput(stdin: NodeJS.ReadableStream = process.stdin, label = '-'): InputSpec {
	return {label, open: () => stdin as AsyncIterable<Buffer>};
}

export function fileInput(file: string, size: number, mtimeMs?: number): InputSpec {
	return {
		label: file,
		size,
		mtimeMs,
		open: (start = 0) =>
			size - start < readChunkBytes ? readSmallFile(file, start, size) : createReadStream(file, {start, highWaterMark: readChunkBytes}),
	};
}

/**
 * Expands arguments into inputs. Missing paths are a usage error, found before anything is
 * read. `onSkipped` is told, per folder argument, what its listing left out and why. A zip
 * archive named on the command line is a usage error that says to unzip it: read as bytes,
 * it would be one reject and an empty summary.
 */
export async function resolveInputs(args: readonly string[], onSkipped?: (message: string, skipped: SkippedFiles) => void): Promise<InputSpec[]> {
	if (args.length === 0) return [stdinInput()];
	const inputs: InputSpec[] = [];
	const listed = new Set<string>(); // dev:inode of folders and files walked: links cannot loop or list a file twice
	for (const arg of args) {
		if (arg === '-') {
			inputs.push(stdinInput());
			continue;
		}
		let info: Stats;
		try {
			info = await stat(arg);
		} catch {
			throw new AadlogError('ERR_INPUT_NOT_FOUND', `${arg}: no such file or directory`);
		}
		if (info.isDirectory()) {
			const skipped = new SkipTally();
			listed.add(inode(info));
			inputs.push(...(await walk(arg, listed, skipped)));
			const message = skipped.message(arg);
			const summary = skipped.summary(arg);
			if (message && summary) onSkipped?.(message, summary);
		} else if (isStandardInput(info)) {
			inputs.push(stdinInput(process.stdin, arg));
		} else if (isStreamKind(info)) {
			inputs.push(streamInput(arg, info));
		} else {
			if (isZipArchive(arg)) {
				throw new AadlogError(
					'ERR_USAGE',
					`${arg} is a zip archive, which aadlog does not read: unzip it and give the folder (unzip ${arg} -d logs && aadlog analyze logs)`,
				);
			}
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

/** Archives may hold the logs: said apart, with what to do (unpack them first). */
const archives = /\.(zip|7z|tar)$/i;

/** Zip files open with `PK\x03\x04` (an empty one with `PK\x05\x06`), whatever their name. */
function isZipArchive(file: string): boolean {
	if (/\.zip$/i.test(file)) return true;
	const head = Buffer.alloc(4);
	let fd: number | undefined;
	try {
		fd = openSync(file, 'r');
		const bytes = readSync(fd, head, 0, 4, 0);
		return bytes === 4 && head[0] === 0x50 && head[1] === 0x4b && ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6));
	} catch {
		return false; // unreadable: the read itself reports it
	} finally {
		if (fd !== undefined) closeSync(fd);
	}
}

/** Skipped without a word: documents and databases expected beside an export. */
const expectedBeside = /\.(md|markdown|rst|html?|db|db-wal|db-shm|db-journal|sqlite3?)$/i;

function inode(info: Stats): string {
	return `${info.dev}:${info.ino}`;
}

async function walk(dir: string, listed: Set<string>, skipped: SkipTally): Promise<InputSpec[]> {
	const entries = await readdir(dir, {withFileTypes: true});
	entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	const found: InputSpec[] = [];
	for (const entry of entries) {
		if (entry.name.startsWith('.')) continue; // editor swap files, .git, .DS_Store
		const full = path.join(dir, entry.name);
		let info: Stats;
		try {
			// Follows links: Kubernetes' /var/log/containers holds nothing else.
			info = await stat(full);
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			skipped.add(code === 'ELOOP' ? 'link loop' : entry.isSymbolicLink() ? 'broken link' : `unreadable (${code})`, entry.name);
			continue;
		}
		if (info.isDirectory()) {
			if (listed.has(inode(info))) {
				skipped.add('folder listed already', entry.name);
				continue;
			}
			listed.add(inode(info));
			found.push(...(await walk(full, listed, skipped)));
		} else if (!info.isFile()) {
			// A FIFO in a folder could block the run forever; named on the command line, it is read.
			skipped.add('not a regular file', entry.name);
		} else if (notLogs.test(entry.name)) {
			// A README or a database beside an export is expected; an archive may hold the logs and an image may be
			// what the user meant to read: said by name.
			if (archives.test(entry.name)) skipped.add('to unpack first', entry.name);
			else if (!expectedBeside.test(entry.name)) skipped.add('not logs', entry.name);
		} else if (listed.has(inode(info))) {
			skipped.add('file listed already', entry.name);
		} else {
			listed.add(inode(info));
			found.push(fileInput(full, info.size, info.mtimeMs));
		}
	}
	return found;
}

/** The bytes to read when every input is a file; standard input has no size. */
export function totalSize(inputs: readonly InputSpec[]): number | undefined {
	let total = 0;
	for (const input of inputs) {
		if (input.size === undefined) return undefined;
		total += input.size;
	}
	return total;
}
