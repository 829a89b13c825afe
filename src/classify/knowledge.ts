/** Everything aadlog knows, loaded and compiled once per process: catalog, rules, engine. */
import {type Catalog, loadCatalog} from './catalog.js';
import {RulesEngine} from './engine.js';
import {builtinRulesDir, loadRules} from './load-rules.js';
import type {Rule} from './rule.js';

export interface Knowledge {
	catalog: Catalog;
	rules: Rule[];
	engine: RulesEngine;
}

/** User rule folders add to and override the built-in rules by id. */
export function loadKnowledge(userRuleDirs: readonly string[] = []): Knowledge {
	const catalog = loadCatalog(builtinRulesDir);
	const rules = loadRules([builtinRulesDir, ...userRuleDirs]);
	return {catalog, rules, engine: new RulesEngine(rules, catalog)};
}
