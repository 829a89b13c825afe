// Measurements beside the targets (`--only extras`), for the design decisions they back:
// SQLite in the main thread, folders of 4 and 2,000 files, reader threads, and DuckDB as a
// reader projecting the sign-in fields into JavaScript.
import {once} from 'node:events';
import {createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, statSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {aadlogContender as asAadlog} from './contenders.js';
import {timedOnce} from './timing.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The JSON Lines file cut into `parts` files of whole lines, in a folder of their own. */
async function split(file, parts) {
	const dir = file.replace(/\.jsonl$/, `-${parts}-files`);
	if (existsSync(dir)) return dir;
	mkdirSync(`${dir}.partial`);
	const size = statSync(file).size;
	let part = 0;
	let written = 0;
	let out = createWriteStream(path.join(`${dir}.partial`, 'part-0.jsonl'));
	let rest = '';
	for await (const chunk of createReadStream(file, {encoding: 'utf8', highWaterMark: 1 << 20})) {
		const lines = (rest + chunk).split('\n');
		rest = lines.pop();
		for (const line of lines) {
			if (written > ((part + 1) * size) / parts && part < parts - 1) {
				out.end();
				await once(out, 'finish');
				out = createWriteStream(path.join(`${dir}.partial`, `part-${++part}.jsonl`));
			}
			written += line.length + 1;
			if (!out.write(line + '\n')) await once(out, 'drain');
		}
	}
	out.end();
	await once(out, 'finish');
	renameSync(`${dir}.partial`, dir);
	return dir;
}

/** aadlog as an extra: its own kind, so the targets' figures never read it. */
const aadlogContender = (...args) => ({...asAadlog(...args), kind: 'extra'});

/** The extra contenders for one JSON Lines file (Graph shape), to alternate with its end-to-end run. */
export async function extraContenders(file, duckDb) {
	const fourFiles = await split(file, 4);
	const list = [
		aadlogContender('aadlog analyze, SQLite in the main thread (AADLOG_WRITER_THREAD=0)', file, {env: {AADLOG_WRITER_THREAD: '0'}}),
		aadlogContender('aadlog analyze, the same JSON Lines as 4 files in a folder', fourFiles),
	];
	// A nightly folder: Azure's exports write a file an hour (or every five minutes), so a
	// folder holds thousands; what each file costs beyond its records shows here.
	list.push(aadlogContender('aadlog analyze, the same JSON Lines as 2,000 files in a folder', await split(file, 2000)));
	if (duckDb) {
		const projection = path.join(root, 'bench', 'duckdb-projection.js');
		list.push({
			label: 'DuckDB projecting 21 sign-in fields into JavaScript row objects',
			kind: 'duckdb-rows',
			input: file,
			run: () => timedOnce(process.execPath, [projection, file]),
		});
		list.push({
			label: 'DuckDB projecting the same fields, as columns (no row objects)',
			kind: 'duckdb-columns',
			input: file,
			run: () => timedOnce(process.execPath, [projection, file, '--columns']),
		});
	}
	return list;
}
