/**
 * Parsing ~100 YAML files took half of every start-up (0.25 s of 0.5 s). `npm run build`
 * therefore packs the shipped rules and catalog, already parsed, into dist/rules-pack.json,
 * each with the SHA-1 of its text. A file whose text still has that hash is taken from the
 * pack; an edited file is parsed as usual. User rule folders are always parsed.
 */
import {createHash} from 'node:crypto';
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

// <package>/dist/rules-pack.json, whether this module runs from dist/ or (in tests) from src/.
const packFile = fileURLToPath(new URL('../../dist/rules-pack.json', import.meta.url));

export interface Pack {
	[relativePath: string]: {sha1: string; data: unknown};
}

export function sha1(text: string): string {
	return createHash('sha1').update(text).digest('hex');
}

/** Read fresh on each load: callers get their own objects. An absent or broken pack is no pack. */
export function readPack(): Pack {
	if (process.env.AADLOG_NO_RULES_PACK === '1') return {};
	try {
		return JSON.parse(readFileSync(packFile, 'utf8')) as Pack;
	} catch {
		return {};
	}
}

/** The parsed data of `file` from the pack when its text is unchanged; else `parse(source)`. */
export function fromPack(pack: Pack, root: string, file: string, source: string, parse: (source: string) => unknown): unknown {
	return packedData(pack, root, file, source) ?? parse(source);
}

/** The packed data of `file` when its text is unchanged (the build packs only files that pass the schema); else undefined. */
export function packedData(pack: Pack, root: string, file: string, source: string): unknown {
	const entry = pack[path.relative(root, file)];
	return entry && entry.sha1 === sha1(source) ? entry.data : undefined;
}

/** Build step: every file under `root` with its parsed data. */
export function writePack(root: string, files: readonly string[], parse: (source: string, file: string) => unknown): number {
	const pack: Pack = {};
	for (const file of files) {
		const source = readFileSync(file, 'utf8');
		pack[path.relative(root, file)] = {sha1: sha1(source), data: parse(source, file)};
	}
	writeFileSync(packFile, JSON.stringify(pack));
	return files.length;
}
