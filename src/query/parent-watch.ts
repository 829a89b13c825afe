/**
 * A thread of the query child that ends the child when its parent is gone. The child's own
 * thread can be inside SQLite for as long as a query runs, deaf to the IPC channel closing;
 * a parent killed with SIGKILL cannot kill the child first, and a runaway query would run on
 * for ever. This thread runs apart: once the child has been handed to another parent, it
 * kills the whole process.
 */
import {workerData} from 'node:worker_threads';

const {parent} = workerData as {parent: number};
const checkMs = 250;

setInterval(() => {
	if (process.ppid !== parent) process.kill(process.pid, 'SIGKILL');
}, checkMs);
