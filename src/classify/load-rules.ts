/**
 * Loads rule files (*.yaml, *.yml, *.json) from the built-in rules folder and any user
 * folders; a later folder overrides an earlier one's rule of the same id. The catalog
 * folder holds knowledge, not rules, and is skipped.
 *
 * A folder is read for its own regular files only: a link is followed when its target lies
 * inside the folder, and refused, unread, when it leads out of it. An error quotes the
 * file it is about, so a link to /etc/shadow must not get as far as being parsed.
 */
import {type Dirent, readdirSync, readFileSync, realpathSync, statSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {AadlogError} from '../errors.js';
import {isCatalogCauseId} from './catalog-causes.js';
import {unclassifiedRule} from './engine.js';
import {type FileProblem, FileProblemsError, placeFindings} from './file-problems.js';
import {parseSource} from './parse-source.js';
import type {Rule} from './rule.js';
import {checkRule} from './rule.js';
import {packedData, readPack} from './rules-pack.js';

/** Also the build's parser for the rules pack (scripts/pack-rules.mjs). */
export {parseSource};

/** The rules shipped with aadlog: <package>/rules, found from this module's location. */
export const builtinRulesDir = fileURLToPath(new URL('../../rules/', import.meta.url));

export function loadRules(dirs: readonly string[]): Rule[] {
	const {rules, problems} = checkRules(dirs);
	if (problems.length > 0) throw new FileProblemsError('ERR_RULE_INVALID', problems);
	return rules;
}

/**
 * The rules of every folder that load, and every problem of every file that does not:
 * `aadlog rules lint` prints them all at once; loadRules refuses to run with any.
 */
export function checkRules(dirs: readonly string[]): {rules: Rule[]; problems: FileProblem[]} {
	const byId = new Map<string, Rule>();
	const problems: FileProblem[] = [];
	const pack = readPack();
	for (const dir of dirs) {
		const seen = new Map<string, string>();
		for (const file of ruleFiles(dir)) {
			const source = readFileSync(file, 'utf8');
			const packed = dir === builtinRulesDir ? packedData(pack, builtinRulesDir, file, source) : undefined;
			let data: unknown;
			try {
				data = packed ?? parseSource(source, file);
			} catch (error) {
				if (!(error instanceof FileProblemsError)) throw error;
				problems.push(...error.problems);
				continue;
			}
			const {rule, findings} = checkRule(data, {schema: packed === undefined});
			if (rule !== undefined) {
				if (dir !== builtinRulesDir && (reservedIds.has(rule.id) || isCatalogCauseId(rule.id))) {
					findings.push({path: ['id'], problem: `is '${rule.id}', which aadlog reserves for failures no rule explains; give the rule another id`});
				}
				const twin = seen.get(rule.id);
				if (twin) findings.push({path: ['id'], problem: `repeats '${rule.id}' of ${twin}`});
			}
			if (findings.length > 0 || rule === undefined) {
				problems.push(...placeFindings(file, source, findings));
				continue;
			}
			seen.set(rule.id, file);
			byId.set(rule.id, {...rule, file});
		}
	}
	return {rules: [...byId.values()], problems};
}

/** Cause ids the engine gives itself (and `aadsts-<code>`, the catalog's): a user rule taking one would pass for the engine's verdict. */
const reservedIds = new Set([unclassifiedRule.id]);

/** Every rule file under the folder (the catalog folder excepted), in a stable order; each file once. */
export function ruleFiles(dir: string): string[] {
	let root: string;
	try {
		root = realpathSync(dir);
	} catch {
		throw new AadlogError('ERR_USAGE', `${dir}: rules folder not found`);
	}
	const files: string[] = [];
	collect(dir, root, new Set([root]), files);
	return files;
}

const ruleFile = /\.(ya?ml|json)$/i;
/** rules/schema.json describes rule files; it is not one. */
const schemaName = 'schema.json';

function collect(dir: string, root: string, seen: Set<string>, files: string[]): void {
	let entries: Dirent[];
	try {
		entries = readdirSync(dir, {withFileTypes: true});
	} catch {
		throw new AadlogError('ERR_USAGE', `${dir}: rules folder not found`);
	}
	const realDir = realpathSync(dir);
	for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
		const full = path.join(dir, entry.name);
		const real = entry.isSymbolicLink() ? linkTarget(full, root) : path.join(realDir, entry.name);
		if (real === undefined || seen.has(real)) continue;
		const stats = statSync(real);
		if (stats.isDirectory()) {
			seen.add(real);
			if (entry.name !== 'catalog' && !entry.name.startsWith('.')) collect(full, root, seen, files);
		} else if (stats.isFile() && ruleFile.test(entry.name) && entry.name !== schemaName) {
			seen.add(real);
			files.push(full);
		}
	}
}

/**
 * The real path of a link that stays inside the folder. A link out of it that would be
 * read (a rule file name, or a folder) is an error naming the link only; any other link
 * out is none of the loader's business and is passed over.
 */
function linkTarget(link: string, root: string): string | undefined {
	let real: string;
	try {
		real = realpathSync(link);
	} catch {
		if (ruleFile.test(link))
			throw new AadlogError('ERR_RULE_INVALID', `${link}: a link to a file that does not exist; remove it or point it at a rule file in the folder`);
		return undefined;
	}
	if (real === root || real.startsWith(root + path.sep)) return real;
	if (ruleFile.test(link) || statSync(real).isDirectory()) {
		throw new AadlogError(
			'ERR_RULE_INVALID',
			`${link}: a link out of the rules folder; aadlog reads only the folder's own files (copy the rule file into it)`,
		);
	}
	return undefined;
}
