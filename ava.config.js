import {fileURLToPath} from 'node:url';
import {ensureFreshBuild} from './test/setup/fresh-build.js';

// Loaded once per `ava` command, in AVA's main process, before any test file starts.
ensureFreshBuild(fileURLToPath(new URL('.', import.meta.url)));

export default {
	files: ['test/**/*.test.ts'],
	extensions: {ts: 'module'},
	// Test files run the TypeScript sources through tsx; it loads only in child processes, not worker threads.
	nodeArguments: ['--import=tsx'],
	workerThreads: false,
	timeout: '2m',
};
