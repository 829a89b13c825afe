// The nightly target: one night's new sign-ins (the 100 MB small Graph input, with ids and
// times of a later day) stored into a database that already holds ~10 million events, against
// the same file stored into a fresh one. The big database is a copy of the report database
// (bench/report-db.js), so reports keep timing exactly `events` events; the copy grows by one
// night per timed run and is copied afresh once it holds `maxNights` nights (a few % more).
import {copyFileSync, existsSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {dataDir, generate} from './generate.js';
import {aadlog, countEvents, removeDb} from './report-db.js';
import {warm} from './timing.js';

const maxNights = 6;

function nightlyCopy(reportDb, needed) {
	const file = path.join(path.dirname(reportDb), path.basename(reportDb).replace(/^report-/, 'nightly-'));
	const stateFile = `${file}.json`;
	// The copy is of this very report database (rebuilt after a schema change, it is another).
	const {size, mtimeMs} = statSync(reportDb);
	const source = `${reportDb} ${size} ${mtimeMs}`;
	const state = existsSync(file) && existsSync(stateFile) ? JSON.parse(readFileSync(stateFile, 'utf8')) : null;
	if (state && state.source === source && state.nights + needed <= maxNights) return {file, stateFile, state};
	process.stderr.write(`copying ${reportDb} to ${file} ...\n`);
	removeDb(file);
	copyFileSync(reportDb, file);
	const fresh = {source, nights: 0};
	writeFileSync(stateFile, JSON.stringify(fresh));
	return {file, stateFile, state: fresh};
}

/**
 * `runs` alternating pairs: the night's file into a fresh database, then into the big copy.
 * Returns {fresh, big}: each the runs' seconds and peak RSS, and the big copy's events before.
 */
export async function timeNightly(report, {mb, runs}) {
	const copy = nightlyCopy(report.file, runs);
	const before = countEvents(copy.file);
	const fresh = [];
	const big = [];
	const freshDb = path.join(dataDir, 'nightly-fresh.db');
	for (let round = 0; round < runs; round++) {
		const night = copy.state.nights + 1;
		const input = await generate({shape: 'graph', profile: 'small', mb, night});
		removeDb(freshDb);
		warm(input);
		fresh.push(aadlog(['analyze', '-q', '--json', '--db', freshDb, input]));
		warm(input);
		big.push(aadlog(['analyze', '-q', '--json', '--db', copy.file, input]));
		copy.state.nights = night;
		writeFileSync(copy.stateFile, JSON.stringify(copy.state));
	}
	removeDb(freshDb);
	return {fresh, big, eventsBefore: before};
}
