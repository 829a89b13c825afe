/**
 * Inputs that cannot seek, named as files: a FIFO (`mkfifo`, process substitution `<(...)`,
 * `/dev/stdin` on a pipe), a character device (`/dev/zero`), a Unix socket. They are read
 * as streams from their start, never with positioned reads (ESPIPE), and a signal must be
 * able to stop a run that waits on one.
 */
import {constants, createReadStream, fstatSync, openSync, type Stats} from 'node:fs';
import net from 'node:net';
import type {Readable} from 'node:stream';
import type {InputSpec} from './inputs.js';

/** 1 MiB reads, for files and streams: 2.5x faster than the 64 KiB default on this machine (TOOLCHAIN.md). */
export const readChunkBytes = 1024 * 1024;

/** True for the kinds of file that are read as a stream. */
export function isStreamKind(info: Stats): boolean {
	return info.isFIFO() || info.isCharacterDevice() || info.isSocket();
}

/** The same file as this process's standard input (`/dev/stdin`, `/dev/fd/0`, `/proc/self/fd/0`). */
export function isStandardInput(info: Stats): boolean {
	try {
		const stdin = fstatSync(0);
		return stdin.dev === info.dev && stdin.ino === info.ino;
	} catch {
		return false; // no standard input at all
	}
}

export function streamInput(file: string, info: Stats): InputSpec {
	let stream: Readable | undefined;
	return {
		label: file,
		open() {
			stream = openStream(file, info);
			return stream;
		},
		close() {
			stream?.destroy();
		},
	};
}

function openStream(file: string, info: Stats): Readable {
	if (info.isSocket()) return net.connect({path: file}).end();
	if (info.isFIFO()) {
		// A blocking open waits, in a thread of the pool, for a writer that may never come, and no
		// signal can stop it. Opened non-blocking, the FIFO is read through the event loop like a
		// pipe: it waits for a writer's data, ends when the writer closes, and close() stops it.
		const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
		return new net.Socket({fd, readable: true, writable: false});
	}
	return createReadStream(file, {highWaterMark: readChunkBytes});
}
