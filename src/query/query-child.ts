/**
 * The process a query with a time limit runs in (timed-query.ts is the other end). It opens
 * the database read-only, formats the rows itself and sends the text in chunks that end at a
 * row's end, so whatever the parent printed before it stopped this process is whole rows. At
 * most `chunksInFlight` chunks wait for the parent's ack: a slow stdout holds the query back
 * instead of chunks piling up in either process.
 */
import {AadlogError} from '../errors.js';
import {openDatabase} from '../store/database.js';
import {startThread} from '../util/start-thread.js';
import {openQuery, writeResult} from './run-query.js';
import type {ChildMessage, ParentMessage, QueryRequest} from './timed-query.js';

/** Enough chunks ahead that formatting and writing overlap; each is about 64 KiB of text. */
const chunksInFlight = 4;

// Unref'd: it watches while the query runs, and never keeps the finished child alive.
startThread(new URL('./parent-watch.js', import.meta.url), {workerData: {parent: process.ppid}}).unref();

let unacked = 0;
let wakeOnAck: (() => void) | undefined;

function send(message: ChildMessage): Promise<void> {
	return new Promise((resolve, reject) => process.send?.(message, undefined, {}, (error) => (error ? reject(error) : resolve())));
}

async function sendText(text: string): Promise<void> {
	unacked++;
	await send({type: 'text', text});
	while (unacked >= chunksInFlight) await new Promise<void>((resolve) => (wakeOnAck = resolve));
}

async function run(request: QueryRequest): Promise<void> {
	try {
		const db = openDatabase(request.db, {readonly: true});
		try {
			await writeResult(openQuery(db, request.sql, request.params), request.format, sendText);
		} finally {
			db.close();
		}
		await send({type: 'done'});
	} catch (error) {
		const {name, message, code} = error as {name?: string; message?: string; code?: string};
		await send({type: 'error', aadlog: error instanceof AadlogError, name: name ?? 'Error', message: message ?? String(error), code});
	}
	process.disconnect();
}

process.on('message', (message: ParentMessage) => {
	if (message.type === 'ack') {
		unacked--;
		wakeOnAck?.();
		wakeOnAck = undefined;
	} else if (message.type === 'run') void run(message.request);
});
