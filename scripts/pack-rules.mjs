#!/usr/bin/env node
// Build step (npm run build): the shipped rules and catalog, parsed once, into
// dist/rules-pack.json, so start-up reads JSON instead of parsing ~100 YAML files; and
// rules/schema.json's validators as code, into dist/schema-validators.cjs.
// The loader trusts packed data to fit rules/schema.json, so the build checks every file
// first, with the loader's own checks, and packs nothing when one is invalid.
import {readdirSync, rmSync} from 'node:fs';
import path from 'node:path';
import {checkCatalog, parseCatalogSource} from '../dist/classify/catalog.js';
import {formatProblem} from '../dist/classify/file-problems.js';
import {builtinRulesDir, checkRules, parseSource, ruleFiles} from '../dist/classify/load-rules.js';
import {writeCompiledSchema} from '../dist/classify/rule-schema.js';
import {writePack} from '../dist/classify/rules-pack.js';

// A pack left from an earlier build would vouch for files this build refuses.
rmSync(new URL('../dist/rules-pack.json', import.meta.url), {force: true});
// rules/schema.json compiled to code once here: ajv's compile would cost every start-up ~70 ms.
writeCompiledSchema();
const problems = [...checkRules([builtinRulesDir]).problems, ...checkCatalog(builtinRulesDir).problems];
if (problems.length > 0) {
	for (const problem of problems) process.stderr.write(`${formatProblem(problem)}\n`);
	process.stderr.write(`rules-pack: ${problems.length} problem(s) in the shipped rules; nothing packed\n`);
	process.exit(1);
}
const catalogDir = path.join(builtinRulesDir, 'catalog');
const catalogFiles = readdirSync(catalogDir)
	.filter((f) => /\.ya?ml$/.test(f))
	.map((f) => path.join(catalogDir, f));
const files = [...ruleFiles(builtinRulesDir), ...catalogFiles];
const count = writePack(builtinRulesDir, files, (source, file) =>
	file.startsWith(catalogDir + path.sep) ? parseCatalogSource(source, file) : parseSource(source, file),
);
process.stderr.write(`rules-pack: ${count} files\n`);
