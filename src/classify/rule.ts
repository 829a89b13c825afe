/**
 * A rule as written in rules/*.yaml, validated. One rule = one root cause.
 *
 *   id: wrong-credentials            # stable cause id
 *   title: Wrong user name or password
 *   level: low                       # info | low | medium | high | critical
 *   confidence: 0.9                  # how sure the evidence makes us, 0..1
 *   who: user                        # user | admin | developer | microsoft
 *   fix: ...                         # what to do, in our words
 *   references: [https://...]
 *   match:                           # keys ANDed; a list value = any of; a list of maps = any map
 *     codes.aadsts: 50126
 *   unless: {...}                    # optional: the rule does not apply when this matches
 *   examples: {match: [...], no-match: [...]}   # partial events; `aadlog rules test` runs them
 */
import {actors, type Actor} from './catalog.js';
import {AadlogError} from '../errors.js';
import {linearRegex} from './linear-regex.js';

export const levels = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Level = (typeof levels)[number];

/** `field|modifier: value(s)` — the keys of a selection. */
export type Selection = Record<string, unknown>;

export interface Rule {
	id: string;
	title: string;
	level: Level;
	confidence: number;
	who: Actor;
	fix: string;
	references: string[];
	match: Selection[];
	unless: Selection[];
	examples: {match: unknown[]; noMatch: unknown[]};
	/** The file it came from, for error messages and `rules list`. */
	file: string;
}

/** Field paths a rule may test. A typo in a rule is caught at load time, not by silence. */
export const matchableFields = new Set([
	'kind', 'outcome', 'message', 'time',
	'codes.aadsts', 'codes.oauthError', 'codes.idx', 'codes.httpStatus', 'codes.bearerError', 'codes.bearerErrorDescription',
	'ids.correlationId', 'ids.requestId', 'ids.traceId', 'ids.uti',
	'who.upn', 'who.userId', 'who.tenantId', 'who.ip',
	'app.id', 'app.name', 'resource.id', 'resource.name',
	'signin.category', 'signin.clientApp', 'signin.caStatus', 'signin.caPolicies', 'signin.flow',
	'signin.credentialType', 'signin.incomingTokenType', 'signin.failureReason', 'signin.additionalDetails',
	'signin.processingDetails', 'signin.isInteractive', 'signin.deviceId', 'signin.deviceOs', 'signin.browser',
	'signin.deviceCompliant', 'signin.deviceManaged', 'signin.deviceTrustType', 'signin.location',
	'linked.via', 'linked.signinCause', 'linked.signinOutcome',
	'token.alg', 'token.kid', 'token.typ', 'token.aud', 'token.iss', 'token.tid', 'token.appid', 'token.azp',
	'token.ver', 'token.scp', 'token.roles', 'token.issuerKind', 'token.malformed', 'token.exp', 'token.nbf',
	'token.encrypted', 'token.idtyp', 'token.hasNonce', 'token.cloud', 'token.graphAudience', 'token.signature',
	'token.expiredAtUse', 'token.notYetValidAtUse', 'token.secondsPastExp', 'token.audienceMismatch', 'token.issuerMismatch',
	'token.tenantMismatch', 'token.versionMismatch', 'token.issuerFormatMismatch', 'token.authorityMismatch', 'token.missingScopes',
	'expected.audiences', 'expected.issuers', 'expected.scopes',
	'catalog.category', 'catalog.who', 'catalog.retryable',
]);

export const modifiers = ['eq', 'contains', 'startswith', 'endswith', 're', 'gt', 'gte', 'lt', 'lte', 'exists'] as const;
export type Modifier = (typeof modifiers)[number];

const allowedKeys = new Set(['id', 'title', 'level', 'confidence', 'who', 'fix', 'references', 'match', 'unless', 'examples', 'description', 'status', 'tags']);

export function validateRule(data: unknown, file: string): Rule {
	const fail = (field: string, problem: string): never => {
		throw new AadlogError('ERR_RULE_INVALID', `${file}: field '${field}' ${problem}`);
	};
	if (data === null || typeof data !== 'object' || Array.isArray(data)) return fail('(rule)', 'must be a mapping of fields');
	const r = data as Record<string, unknown>;
	for (const key of Object.keys(r)) if (!allowedKeys.has(key)) fail(key, `is not a rule field (allowed: ${[...allowedKeys].join(', ')})`);
	if (typeof r.id !== 'string' || !/^[a-z0-9][a-z0-9.-]*$/.test(r.id)) fail('id', 'must be lowercase letters, digits, dots and dashes');
	if (typeof r.title !== 'string' || r.title.trim() === '') fail('title', 'must be non-empty text');
	if (!levels.includes(r.level as Level)) fail('level', `must be one of ${levels.join(', ')}`);
	if (typeof r.confidence !== 'number' || r.confidence < 0 || r.confidence > 1) fail('confidence', 'must be a number from 0 to 1');
	if (!actors.includes(r.who as Actor)) fail('who', `must be one of ${actors.join(', ')}`);
	if (typeof r.fix !== 'string' || r.fix.trim() === '') fail('fix', 'must be non-empty text');
	const references = r.references ?? [];
	if (!Array.isArray(references) || references.some((x) => typeof x !== 'string')) fail('references', 'must be a list of URLs');
	const match = selections(r.match, 'match', fail);
	if (match.length === 0) fail('match', 'is required');
	const unless = r.unless === undefined ? [] : selections(r.unless, 'unless', fail);
	const examples = (r.examples ?? {}) as Record<string, unknown>;
	if (typeof examples !== 'object' || Array.isArray(examples)) fail('examples', 'must have match / no-match lists');
	const exampleMatch = examples.match ?? [];
	const exampleNoMatch = examples['no-match'] ?? [];
	if (!Array.isArray(exampleMatch)) fail('examples.match', 'must be a list of events');
	if (!Array.isArray(exampleNoMatch)) fail('examples.no-match', 'must be a list of events');
	return {
		id: r.id as string,
		title: (r.title as string).trim(),
		level: r.level as Level,
		confidence: r.confidence as number,
		who: r.who as Actor,
		fix: (r.fix as string).trim(),
		references: references as string[],
		match,
		unless,
		examples: {match: exampleMatch as unknown[], noMatch: exampleNoMatch as unknown[]},
		file,
	};
}

function selections(value: unknown, field: string, fail: (field: string, problem: string) => never): Selection[] {
	const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
	return list.map((selection, i) => {
		const where = Array.isArray(value) ? `${field}[${i}]` : field;
		if (selection === null || typeof selection !== 'object' || Array.isArray(selection)) fail(where, 'must be a mapping of field: value');
		const entries = Object.entries(selection as Selection);
		if (entries.length === 0) fail(where, 'must test at least one field');
		for (const [key, expected] of entries) {
			const [fieldPath, modifier = 'eq', ...rest] = key.split('|');
			if (!matchableFields.has(fieldPath)) fail(`${where}.${key}`, `names no event field (known: ${[...matchableFields].join(', ')})`);
			if (rest.length > 0 || !modifiers.includes(modifier as Modifier)) fail(`${where}.${key}`, `has an unknown modifier (known: ${modifiers.join(', ')})`);
			const values = Array.isArray(expected) ? expected : [expected];
			if (values.length === 0) fail(`${where}.${key}`, 'needs at least one value');
			for (const v of values) {
				if (v === null || (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean')) fail(`${where}.${key}`, 'values must be text, numbers or booleans');
				if (modifier === 're') {
					try {
						linearRegex(String(v));
					} catch (error) {
						// The linear-time engine refuses backreferences and lookaround: a rule can't hang a run.
						fail(`${where}.${key}`, `is not a regular expression aadlog can run in linear time (no backreferences or lookaround): ${(error as Error).message}`);
					}
				}
				if (['gt', 'gte', 'lt', 'lte'].includes(modifier) && typeof v !== 'number') fail(`${where}.${key}`, 'compares with numbers only');
				if (modifier === 'exists' && typeof v !== 'boolean') fail(`${where}.${key}`, 'takes true or false');
			}
		}
		return selection as Selection;
	});
}
