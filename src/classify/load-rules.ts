/**
 * Loads rule files (*.yaml, *.yml, *.json) from the built-in rules folder and any user
 * folders; a later folder overrides an earlier one's rule of the same id. The catalog
 * folder holds knowledge, not rules, and is skipped.
 */
import {readdirSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseDocument} from 'yaml';
import {AadlogError} from '../errors.js';
import type {Rule} from './rule.js';
import {validateRule} from './rule.js';
import {fromPack, readPack} from './rules-pack.js';

/** The rules shipped with aadlog: <package>/rules, found from this module's location. */
export const builtinRulesDir = fileURLToPath(new URL('../../rules/', import.meta.url));

export function loadRules(dirs: readonly string[]): Rule[] {
	const byId = new Map<string, Rule>();
	const pack = readPack();
	for (const dir of dirs) {
		const seen = new Map<string, string>();
		for (const file of ruleFiles(dir)) {
			const source = readFileSync(file, 'utf8');
			const data = dir === builtinRulesDir ? fromPack(pack, builtinRulesDir, file, source, (s) => parseSource(s, file)) : parseSource(source, file);
			const rule = validateRule(data, file);
			const twin = seen.get(rule.id);
			if (twin) throw new AadlogError('ERR_RULE_INVALID', `${file}: field 'id' repeats '${rule.id}' of ${twin}`);
			seen.set(rule.id, file);
			byId.set(rule.id, rule);
		}
	}
	return [...byId.values()];
}

/** Every rule file under the folder (the catalog folder excepted), in a stable order. */
export function ruleFiles(dir: string): string[] {
	let entries;
	try {
		entries = readdirSync(dir, {withFileTypes: true});
	} catch {
		throw new AadlogError('ERR_USAGE', `${dir}: rules folder not found`);
	}
	const files: string[] = [];
	for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) {
			if (entry.name !== 'catalog' && !entry.name.startsWith('.')) files.push(...ruleFiles(full));
		} else if (/\.(ya?ml|json)$/i.test(entry.name) && statSync(full).isFile()) {
			files.push(full);
		}
	}
	return files;
}

/**
 * A rule file is plain data: YAML tags (`!!js/function`, custom `!tags`) are refused rather
 * than read as strings, and alias expansion is capped (no "billion laughs").
 */
export function parseSource(source: string, file: string): unknown {
	try {
		if (file.endsWith('.json')) return JSON.parse(source);
		const doc = parseDocument(source);
		const problem = doc.errors[0] ?? doc.warnings[0];
		if (problem) throw new Error(problem.code === 'TAG_RESOLVE_FAILED' ? `${problem.message} (rule files are plain data: tags are not allowed)` : problem.message);
		return doc.toJS({maxAliasCount: 100});
	} catch (error) {
		throw new AadlogError('ERR_RULE_INVALID', `${file}: not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message}`, {cause: error});
	}
}
