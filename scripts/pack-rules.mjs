#!/usr/bin/env node
// Build step (npm run build): the shipped rules and catalog, parsed once, into
// dist/rules-pack.json, so start-up reads JSON instead of parsing ~100 YAML files.
import {readdirSync} from 'node:fs';
import path from 'node:path';
import {builtinRulesDir, parseSource, ruleFiles} from '../dist/classify/load-rules.js';
import {parseCatalogSource} from '../dist/classify/catalog.js';
import {writePack} from '../dist/classify/rules-pack.js';

const catalogDir = path.join(builtinRulesDir, 'catalog');
const catalogFiles = readdirSync(catalogDir).filter((f) => /\.ya?ml$/.test(f)).map((f) => path.join(catalogDir, f));
const files = [...ruleFiles(builtinRulesDir), ...catalogFiles];
const count = writePack(builtinRulesDir, files, (source, file) => (file.startsWith(catalogDir + path.sep) ? parseCatalogSource(source) : parseSource(source, file)));
process.stderr.write(`rules-pack: ${count} files\n`);
