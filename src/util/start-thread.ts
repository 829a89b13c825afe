/**
 * Starts a worker thread from a compiled sibling module. Tests run the TypeScript sources
 * through tsx, whose loader a worker does not inherit on Node 20: there the worker
 * registers it first, then loads the .ts file.
 */
import {Worker, type WorkerOptions} from 'node:worker_threads';

export function startThread(compiled: URL, options: WorkerOptions): Worker {
	if (!import.meta.url.endsWith('.ts')) return new Worker(compiled, options);
	const source = compiled.href.replace(/\.js$/, '.ts');
	return new Worker(`import('tsx/esm/api').then(({register}) => { register(); return import(${JSON.stringify(source)}); })`, {...options, eval: true});
}
