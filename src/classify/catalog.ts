/**
 * The AADSTS catalog, the OAuth error catalog and the IdentityModel (IDX) catalog: knowledge
 * as data (rules/catalog/*.yaml). The engine uses it to tell interrupts (expected steps) from
 * failures, reports use it to name codes, `aadlog explain` to describe them.
 */
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {type FileProblem, FileProblemsError, type Finding, placeFindings} from './file-problems.js';
import {parseSource} from './parse-source.js';
import {type SchemaPart, schemaFindings} from './rule-schema.js';
import {type Pack, packedData, readPack} from './rules-pack.js';

export const categories = ['interrupt', 'user-action', 'admin-config', 'developer-error', 'transient', 'security-block', 'service-side'] as const;
export type Category = (typeof categories)[number];
export const actors = ['user', 'admin', 'developer', 'microsoft'] as const;
export type Actor = (typeof actors)[number];

/** One AADSTS code, summarised in our own words. */
export interface CodeEntry {
	code: number;
	name: string;
	summary: string;
	category: Category;
	who: Actor;
	retryable: boolean;
	/** An umbrella code: a more specific code beside it in the same message decides (primary-code.ts). */
	generic: boolean;
	/** What to do about it, where the summary does not say (catalog-causes.ts falls back to the category's advice). */
	action?: string;
}

/** One OAuth 2.0 / RFC 6750 `error` value and what a client should do about it. */
export interface OAuthEntry {
	error: string;
	summary: string;
	clientAction: string;
	httpStatus?: number;
	retryable: boolean;
	interrupt: boolean;
}

/** One IdentityModel code (IDX10214, ...) an API logs when it rejects a token, in our own words. */
export interface IdxEntry {
	idx: string;
	name: string;
	summary: string;
	category: Category;
	who: Actor;
}

export interface Catalog {
	codes: Map<number, CodeEntry>;
	oauth: Map<string, OAuthEntry>;
	/** By upper-case code: IDX10214. */
	idx: Map<string, IdxEntry>;
}

export function errorPageUrl(code: number): string {
	return `https://login.microsoftonline.com/error?code=${code}`;
}

export function loadCatalog(rulesDir: string): Catalog {
	const {catalog, problems} = checkCatalog(rulesDir);
	if (problems.length > 0) throw new FileProblemsError('ERR_CATALOG_INVALID', problems);
	return catalog;
}

/** The catalog, and every problem of its files (rules/schema.json, then duplicate entries). */
export function checkCatalog(rulesDir: string): {catalog: Catalog; problems: FileProblem[]} {
	const problems: FileProblem[] = [];
	const pack = readPack();
	const entriesOf = (file: string, part: SchemaPart, key: string): unknown[] => validEntries(pack, file, part, key, problems);
	const codes = new Map<number, CodeEntry>();
	const oauth = new Map<string, OAuthEntry>();
	for (const entry of entriesOf(path.join(rulesDir, 'catalog', 'aadsts.yaml'), 'aadstsCatalog', 'code') as Array<Partial<CodeEntry>>) {
		codes.set(entry.code!, {
			code: entry.code!,
			name: entry.name!,
			summary: entry.summary!,
			category: entry.category!,
			who: entry.who!,
			retryable: entry.retryable === true,
			generic: entry.generic === true,
			...(entry.action === undefined ? {} : {action: entry.action}),
		});
	}
	for (const entry of entriesOf(path.join(rulesDir, 'catalog', 'oauth-errors.yaml'), 'oauthCatalog', 'error') as Array<Partial<OAuthEntry>>) {
		oauth.set(entry.error!, {
			error: entry.error!,
			summary: entry.summary!,
			clientAction: entry.clientAction!,
			httpStatus: entry.httpStatus,
			retryable: entry.retryable === true,
			interrupt: entry.interrupt === true,
		});
	}
	const idx = new Map<string, IdxEntry>();
	for (const entry of entriesOf(path.join(rulesDir, 'catalog', 'idx.yaml'), 'idxCatalog', 'idx') as IdxEntry[]) {
		idx.set(entry.idx, {idx: entry.idx, name: entry.name, summary: entry.summary, category: entry.category, who: entry.who});
	}
	return {catalog: {codes, oauth, idx}, problems};
}

/** The catalog's YAML, parsed the same way at build time (rules-pack) and here. */
export function parseCatalogSource(source: string, file: string): unknown {
	return parseSource(source, file, 'ERR_CATALOG_INVALID');
}

/** The entries of one catalog file when it is valid; its problems go to `problems`. An absent file has none. */
function validEntries(pack: Pack, file: string, part: SchemaPart, key: string, problems: FileProblem[]): unknown[] {
	if (!existsSync(file)) return [];
	const source = readFileSync(file, 'utf8');
	const packed = packedData(pack, path.dirname(path.dirname(file)), file, source);
	let data: unknown;
	try {
		data = packed ?? parseCatalogSource(source, file);
	} catch (error) {
		if (!(error instanceof FileProblemsError)) throw error;
		problems.push(...error.problems);
		return [];
	}
	const findings = packed === undefined ? schemaFindings(data, part) : [];
	if (findings.length === 0) findings.push(...duplicates(data as Array<Record<string, unknown>>, key));
	problems.push(...placeFindings(file, source, findings));
	return findings.length > 0 ? [] : (data as unknown[]);
}

/** A second entry for the same code would silently replace the first. */
function duplicates(entries: ReadonlyArray<Record<string, unknown>>, key: string): Finding[] {
	const first = new Map<unknown, number>();
	const findings: Finding[] = [];
	entries.forEach((entry, i) => {
		const at = first.get(entry[key]);
		if (at === undefined) first.set(entry[key], i);
		else findings.push({path: [i, key], problem: `repeats ${String(entry[key])} of entry ${at + 1}`});
	});
	return findings;
}
