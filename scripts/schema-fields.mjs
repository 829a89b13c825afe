#!/usr/bin/env node
// Writes the generated part of rules/schema.json (the field names and modifiers a rule may
// use, from src/classify/rule-fields.ts) after `npm run build`. test/rule-schema.test.ts
// fails while the committed schema is behind the code's list.
import {readFileSync, writeFileSync} from 'node:fs';
import {schemaText, withRuleFields} from '../dist/classify/rule-fields.js';
import {schemaFile} from '../dist/classify/rule-schema.js';

const before = readFileSync(schemaFile, 'utf8');
const after = schemaText(withRuleFields(JSON.parse(before)));
if (after === before) process.stderr.write('rules/schema.json is up to date\n');
else {
	writeFileSync(schemaFile, after);
	process.stderr.write('rules/schema.json: field names and modifiers written from the code\n');
}
