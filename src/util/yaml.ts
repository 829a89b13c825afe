/**
 * The yaml package, loaded on first use. Loading it takes about 40 ms, and most runs never
 * parse YAML: the built-in rules are read from their packed JSON (classify/rules-pack.ts),
 * and positions in a rule file are computed only on the way to an error. Only user rule
 * folders and `aadlog rules` commands need it.
 */
import {createRequire} from 'node:module';
import type * as Yaml from 'yaml';

let loaded: typeof Yaml | undefined;

export function yaml(): typeof Yaml {
	loaded ??= createRequire(import.meta.url)('yaml') as typeof Yaml;
	return loaded;
}
