/**
 * The AADSTS catalog and the OAuth error catalog: knowledge as data (rules/catalog/*.yaml).
 * The engine uses it to tell interrupts (expected steps) from failures, and reports use it
 * to name codes.
 */
import {readFileSync, existsSync} from 'node:fs';
import path from 'node:path';
import {parse} from 'yaml';
import {fromPack, readPack} from './rules-pack.js';
import {AadlogError} from '../errors.js';

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

export interface Catalog {
	codes: Map<number, CodeEntry>;
	oauth: Map<string, OAuthEntry>;
}

export function errorPageUrl(code: number): string {
	return `https://login.microsoftonline.com/error?code=${code}`;
}

export function loadCatalog(rulesDir: string): Catalog {
	const codes = new Map<number, CodeEntry>();
	const oauth = new Map<string, OAuthEntry>();
	const codesFile = path.join(rulesDir, 'catalog', 'aadsts.yaml');
	for (const [i, item] of listOf(codesFile).entries()) {
		const entry = item as Partial<CodeEntry>;
		const where = `${codesFile}: entry ${i + 1}`;
		if (!Number.isInteger(entry.code)) throw invalid(where, 'code', 'must be an integer');
		if (typeof entry.name !== 'string' || typeof entry.summary !== 'string') throw invalid(where, 'name/summary', 'must be text');
		if (!categories.includes(entry.category as Category)) throw invalid(where, 'category', `must be one of ${categories.join(', ')}`);
		if (!actors.includes(entry.who as Actor)) throw invalid(where, 'who', `must be one of ${actors.join(', ')}`);
		codes.set(entry.code!, {code: entry.code!, name: entry.name, summary: entry.summary, category: entry.category!, who: entry.who!, retryable: entry.retryable === true});
	}
	const oauthFile = path.join(rulesDir, 'catalog', 'oauth-errors.yaml');
	for (const [i, item] of listOf(oauthFile).entries()) {
		const entry = item as Partial<OAuthEntry>;
		if (typeof entry.error !== 'string') throw invalid(`${oauthFile}: entry ${i + 1}`, 'error', 'must be text');
		oauth.set(entry.error, {
			error: entry.error,
			summary: String(entry.summary ?? ''),
			clientAction: String(entry.clientAction ?? ''),
			httpStatus: typeof entry.httpStatus === 'number' ? entry.httpStatus : undefined,
			retryable: entry.retryable === true,
			interrupt: entry.interrupt === true,
		});
	}
	return {codes, oauth};
}

/** The catalog's YAML, parsed the same way at build time (rules-pack) and here. */
export function parseCatalogSource(source: string): unknown {
	return parse(source);
}

function listOf(file: string): unknown[] {
	if (!existsSync(file)) return [];
	let data: unknown;
	try {
		const rulesRoot = path.dirname(path.dirname(file));
		data = fromPack(readPack(), rulesRoot, file, readFileSync(file, 'utf8'), parseCatalogSource);
	} catch (error) {
		throw new AadlogError('ERR_CATALOG_INVALID', `${file}: not valid YAML: ${(error as Error).message}`, {cause: error});
	}
	if (!Array.isArray(data)) throw new AadlogError('ERR_CATALOG_INVALID', `${file}: must be a YAML list`);
	return data;
}

function invalid(where: string, field: string, problem: string): AadlogError {
	return new AadlogError('ERR_CATALOG_INVALID', `${where}: field '${field}' ${problem}`);
}
