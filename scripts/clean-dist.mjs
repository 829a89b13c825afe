#!/usr/bin/env node
// Build step (npm run build), before tsc: tsc never deletes what it wrote for a source that
// is gone, and a stale dist/ file can still be imported (by a test, a worker, the CLI).
import {rmSync} from 'node:fs';

rmSync(new URL('../dist', import.meta.url), {recursive: true, force: true});
