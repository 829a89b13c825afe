// The benchmark's inputs, generated into bench/data: sign-ins of one record profile (small or
// realistic) in one shape (Graph JSON Lines, or Azure Monitor diagnostic-settings lines),
// deterministic by seed and written as they are made (never a whole file in memory).

import {once} from 'node:events';
import {createReadStream, createWriteStream, existsSync, mkdirSync, renameSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {seeded} from './generate-common.js';
import {realisticSignin} from './generate-realistic.js';
import {smallSignin} from './generate-small.js';

export {codes} from './generate-common.js';
export const dataDir = path.join(fileURLToPath(new URL('.', import.meta.url)), 'data');
export const profiles = {small: smallSignin, realistic: realisticSignin};

const tenant = '6c1d5f2e-8a4b-4c39-9e7d-1f2a3b4c5d6e';
/** The storage-account line of Azure Monitor's diagnostic settings: envelope fields around the Graph sign-in. */
function diagnosticRecord(signin) {
	const code = signin.status.errorCode;
	return {
		time: signin.createdDateTime,
		resourceId: `/tenants/${tenant}/providers/Microsoft.aadiam`,
		operationName: 'Sign-in activity',
		operationVersion: '1.0',
		category: signin.isInteractive ? 'SignInLogs' : 'NonInteractiveUserSignInLogs',
		tenantId: tenant,
		resultType: String(code),
		resultSignature: 'None',
		...(code ? {resultDescription: signin.status.failureReason} : {}),
		durationMs: 0,
		callerIpAddress: signin.ipAddress,
		correlationId: signin.correlationId,
		identity: signin.userDisplayName ?? signin.userPrincipalName,
		Level: 4,
		location: signin.location.countryOrRegion,
		properties: signin,
	};
}
export const shapes = {graph: (signin) => signin, diagnostic: diagnosticRecord};
/** Where each shape keeps the sign-in's error code, for jq and DuckDB. */
export const codePaths = {graph: 'status.errorCode', diagnostic: 'properties.status.errorCode'};

/** bench/data/SHAPE-PROFILE-SIZEmb[-nightN].jsonl */
export function dataFile({shape, profile, mb, night = 0}) {
	return path.join(dataDir, `${shape}-${profile}-${mb}mb${night ? `-night${night}` : ''}.jsonl`);
}

/**
 * Writes `mb` MB of sign-ins as JSON Lines, unless the file is there (it is the same bytes
 * for the same options). `night` shifts ids and times, so every night's records are new.
 * Returns the file's path. Written to a partial name first: a stopped run leaves no short file.
 */
export async function generate({shape, profile, mb, night = 0}) {
	const file = dataFile({shape, profile, mb, night});
	if (existsSync(file)) return file;
	process.stderr.write(`generating ${file} ...\n`);
	mkdirSync(dataDir, {recursive: true});
	const partial = `${file}.partial`;
	const out = createWriteStream(partial);
	const rand = seeded(42 + night);
	const make = profiles[profile];
	const wrap = shapes[shape];
	let bytes = 0;
	let chunk = '';
	for (let i = 0; bytes < mb * 1e6; i++) {
		const line = JSON.stringify(wrap(make(rand, night, i))) + '\n';
		bytes += Buffer.byteLength(line);
		chunk += line;
		if (chunk.length < 1 << 20) continue;
		if (!out.write(chunk)) await once(out, 'drain');
		chunk = '';
	}
	out.end(chunk);
	await once(out, 'finish');
	renameSync(partial, file);
	return file;
}

/**
 * The same records as one JSON array (`.array.json`) or an Event Hub `{"records": [...]}`
 * document (`.records.json`), made from the JSON Lines file line by line.
 */
export async function derive(jsonl, format) {
	const [suffix, open, separator, close] = format === 'array' ? ['.array.json', '[\n', ',\n', '\n]\n'] : ['.records.json', '{"records": [', ',', ']}\n'];
	const target = jsonl.replace(/\.jsonl$/, suffix);
	if (existsSync(target)) return target;
	const partial = `${target}.partial`;
	const out = createWriteStream(partial);
	out.write(open);
	let first = true;
	let rest = '';
	for await (const chunk of createReadStream(jsonl, {encoding: 'utf8', highWaterMark: 1 << 20})) {
		const lines = (rest + chunk).split('\n');
		rest = lines.pop();
		const joined = lines.filter(Boolean).join(separator);
		if (!joined) continue;
		if (!out.write((first ? '' : separator) + joined)) await once(out, 'drain');
		first = false;
	}
	out.end(close);
	await once(out, 'finish');
	renameSync(partial, target);
	return target;
}
