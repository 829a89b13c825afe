/**
 * rules/schema.json is the one description of a rule file and of the catalog files: editors
 * validate against it as people type, and the loader validates against the same file here.
 * Checks a JSON Schema cannot make (a regex must run in linear time, ids are not repeated)
 * run in code after it, in the same Finding shape.
 */
import {readFileSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {fileURLToPath} from 'node:url';
import type {Ajv as AjvClass, ErrorObject, ValidateFunction} from 'ajv';
import type {Finding} from './file-problems.js';
import {keyProblem} from './rule-fields.js';
import {sha1} from './rules-pack.js';

export const schemaFile = fileURLToPath(new URL('../../rules/schema.json', import.meta.url));
/** The build's copy of the validators as code (ajv standalone), with the hash of the schema text it came from. */
const compiledFile = fileURLToPath(new URL('../../dist/schema-validators.cjs', import.meta.url));

export type SchemaPart = 'rule' | 'aadstsCatalog' | 'oauthCatalog' | 'idxCatalog';
const parts: readonly SchemaPart[] = ['rule', 'aadstsCatalog', 'oauthCatalog', 'idxCatalog'];

type Validators = Record<SchemaPart, ValidateFunction>;
let validators: Validators | undefined;
const require = createRequire(import.meta.url);

/**
 * Compiling the schema with ajv costs ~70 ms at start-up, so the build writes the compiled
 * validators as code (see compiledSchemaSource). They are used while the schema's text still
 * has the hash they were built from; otherwise (an edited schema, AADLOG_NO_RULES_PACK=1)
 * the schema is compiled here, on first use.
 */
function validator(part: SchemaPart): ValidateFunction {
	validators ??= builtValidators() ?? compiledHere(false).validators;
	return validators[part];
}

function builtValidators(): Validators | undefined {
	if (process.env.AADLOG_NO_RULES_PACK === '1') return undefined;
	try {
		const built = require(compiledFile) as Validators & {schemaSha1: string};
		return built.schemaSha1 === sha1(readFileSync(schemaFile, 'utf8')) ? built : undefined;
	} catch {
		return undefined;
	}
}

function compiledHere(source: boolean): {ajv: AjvClass; validators: Validators; text: string} {
	const {Ajv} = require('ajv') as {Ajv: typeof AjvClass};
	const ajv = new Ajv({allErrors: true, verbose: true, strict: true, allowUnionTypes: true, allowMatchingProperties: true, code: {source}});
	const text = readFileSync(schemaFile, 'utf8');
	ajv.addSchema(JSON.parse(text) as object, 'aadlog');
	const entries = parts.map((p) => [p, ajv.getSchema(`aadlog#/definitions/${p}`)!] as const);
	return {ajv, validators: Object.fromEntries(entries) as Validators, text};
}

/** Build step: the validators of rules/schema.json as a CommonJS module, stamped with the schema's hash. */
export function compiledSchemaSource(): string {
	const {ajv, text} = compiledHere(true);
	const standalone = (require('ajv/dist/standalone') as {default: (ajv: AjvClass, refs: Record<string, string>) => string}).default;
	const code = standalone(ajv, Object.fromEntries(parts.map((p) => [p, `aadlog#/definitions/${p}`])));
	return `${code}\nexports.schemaSha1 = ${JSON.stringify(sha1(text))};\n`;
}

export function writeCompiledSchema(): void {
	writeFileSync(compiledFile, compiledSchemaSource());
}

/** Every way `data` breaks the schema part (all of them, not the first). */
export function schemaFindings(data: unknown, part: SchemaPart): Finding[] {
	const validate = validator(part);
	if (validate(data)) return [];
	const findings: Finding[] = [];
	const seen = new Set<string>();
	for (const error of validate.errors ?? []) {
		const finding = findingOf(error, data);
		if (finding === undefined) continue;
		const key = `${finding.path.join('\u0000')}\u0001${finding.problem}`;
		if (seen.has(key)) continue;
		seen.add(key);
		findings.push(finding);
	}
	return findings;
}

/** JSON pointer (`/match/0/codes.aadsts`) to path parts; list indexes become numbers where the data is a list. */
function pathOf(pointer: string, data: unknown): Array<string | number> {
	const parts: Array<string | number> = [];
	let node = data;
	for (const raw of pointer.split('/').slice(1)) {
		const part = raw.replaceAll('~1', '/').replaceAll('~0', '~');
		const index = Array.isArray(node) ? Number(part) : undefined;
		parts.push(index ?? part);
		node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
	}
	return parts;
}

const typeWords: Record<string, string> = {
	string: 'text',
	number: 'a number',
	integer: 'a whole number',
	boolean: 'true or false',
	array: 'a list',
	object: 'a mapping',
};

/** `text, a number, a boolean, or a list of them`: a value that may also be a list says what the list holds. */
function typeText(type: unknown): string {
	const types = (Array.isArray(type) ? type : [type]).map(String);
	if (types.length === 1) return typeWords[types[0]] ?? types[0];
	const single = types.filter((t) => t !== 'array').map((t) => (t === 'boolean' ? 'a boolean' : (typeWords[t] ?? t)));
	const list = types.includes('array') ? [...single, 'a list of them'] : single;
	return `${list.slice(0, -1).join(', ')} or ${list.at(-1)}`;
}

/** One ajv error in our words, placed on the field it is about; undefined for errors that only summarise others. */
function findingOf(error: ErrorObject, root: unknown): Finding | undefined {
	const data = error.data;
	const path = pathOf(error.instancePath, root);
	const params = error.params as Record<string, unknown>;
	const parent = error.parentSchema as Record<string, unknown> | undefined;
	switch (error.keyword) {
		case 'if':
		case 'propertyNames': // the pattern error under it says which name
			return undefined;
		case 'additionalProperties': {
			const allowed = Object.keys((parent?.properties as object | undefined) ?? {});
			return {path: [...path, String(params.additionalProperty)], at: 'key', problem: `is not a field here (allowed: ${allowed.join(', ')})`};
		}
		case 'required':
			return {path: [...path, String(params.missingProperty)], problem: 'is required'};
		case 'pattern':
			if (params.propertyName !== undefined || error.propertyName !== undefined) {
				const name = String(error.propertyName ?? params.propertyName);
				return {path: [...path, name], at: 'key', problem: keyProblem(name)};
			}
			return {path, problem: patternText(String(params.pattern), data)};
		case 'type':
			return {path, problem: `must be ${typeText(params.type)}`};
		case 'enum':
			return {path, problem: `must be one of ${(params.allowedValues as unknown[]).join(', ')}`};
		case 'minimum':
		case 'maximum':
			if (parent?.minimum !== undefined && parent.maximum !== undefined)
				return {path, problem: `must be a number from ${parent.minimum} to ${parent.maximum}`};
			return {path, problem: error.keyword === 'minimum' ? `must be at least ${params.limit}` : `must be at most ${params.limit}`};
		case 'minItems':
			return {path, problem: 'needs at least one item'};
		case 'minProperties':
			return {path, problem: 'must test at least one field'};
		case 'minLength':
			return {path, problem: 'must not be empty'};
		default:
			return {path, problem: error.message ?? 'is not valid'};
	}
}

function patternText(pattern: string, data: unknown): string {
	if (pattern === '\\S') return 'must be non-empty text';
	if (pattern.startsWith('^[a-z0-9]')) return `must be lowercase letters, digits, dots and dashes, not '${String(data)}'`;
	return `must match ${pattern}`;
}
