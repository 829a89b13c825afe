/**
 * What the engine makes of the catalog and the rules together: how causes are ranked, which
 * code of a message decides, and the cause every catalog code gets. Events are built from
 * rule-example partials (src/classify/rule-examples.ts); the messages are written here after
 * the error texts of the seed documents (../shared/seeds), not copied from logs.
 */
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import Database from 'better-sqlite3';
import {catalogCauseConfidence} from '../src/classify/catalog-causes.js';
import {RulesEngine} from '../src/classify/engine.js';
import {FileProblemsError} from '../src/classify/file-problems.js';
import {loadKnowledge} from '../src/classify/knowledge.js';
import {loadRules} from '../src/classify/load-rules.js';
import type {Rule, Selection} from '../src/classify/rule.js';
import {exampleEvent} from '../src/classify/rule-examples.js';
import {analyze} from '../src/pipeline.js';
import {defaultReadLimits} from '../src/read/record.js';
import {memoryInput, tempDir} from './helpers.js';

const knowledge = loadKnowledge();
const {catalog} = knowledge;

function rule(id: string, confidence: number, ...match: Selection[]): Rule {
	return {
		id,
		title: id,
		level: 'low',
		confidence,
		who: 'developer',
		fix: 'f',
		references: [],
		match,
		unless: [],
		examples: {match: [], noMatch: []},
		file: 'test',
	};
}

const causeIds = (engine: RulesEngine, partial: unknown): string[] => engine.classify(exampleEvent(partial)).map((c) => c.rule.id);

test('ranking: the selection that needed more evidence first, then confidence, then id', (t) => {
	const engine = new RulesEngine(
		[
			rule('code-only-sure', 0.9, {'codes.aadsts': 50000}),
			rule('code-and-message', 0.5, {'codes.aadsts': 50000, 'message|contains': 'symmetric'}),
			rule('code-and-message-b', 0.5, {'codes.aadsts': 50000, 'message|contains': 'signing key'}),
			rule('code-and-message-a', 0.5, {'codes.aadsts': 50000, 'message|contains': 'key'}),
			rule('code-only-unsure', 0.2, {'codes.aadsts': 50000}),
		],
		catalog,
	);
	const message = 'AADSTS50000: There was an error issuing a token: the app has a symmetric signing key.';
	t.deepEqual(causeIds(engine, {kind: 'app', codes: {aadsts: [50000]}, message}), [
		'code-and-message',
		'code-and-message-a',
		'code-and-message-b',
		'code-only-sure',
		'code-only-unsure',
	]);
	// Only the code: confidence decides.
	t.deepEqual(causeIds(engine, {kind: 'app', codes: {aadsts: [50000]}, message: 'AADSTS50000'}), ['code-only-sure', 'code-only-unsure']);
});

test('ranking, shipped rules: an HS256 token beside AADSTS50000 is the symmetric-signing-key cause, not the generic token check', (t) => {
	// Issue 20: "an HS256 client assertion logged just after an AADSTS50000: not the symmetric-signing-key cause".
	const causes = causeIds(knowledge.engine, {kind: 'app', codes: {aadsts: [50000]}, token: {alg: 'HS256', issuerKind: 'aad-v2'}});
	t.is(causes[0], 'token-issuance-symmetric-signing-key');
	t.true(causes.indexOf('api-token-symmetric-alg') > 0);
	t.true(causes.indexOf('token-issuance-error') > causes.indexOf('api-token-symmetric-alg'));
});

test('ranking, shipped rules: a bare 401 status does not outrank what the token says', (t) => {
	// An access-log 401 with a decoded Graph token: the status alone is the weakest evidence.
	const causes = causeIds(knowledge.engine, {
		kind: 'app',
		codes: {httpStatus: 401},
		token: {aud: 'https://graph.microsoft.com', graphAudience: true, signature: 'invalid', hasNonce: true},
	});
	t.is(causes[0], 'graph-token-sent-to-api');
	t.is(causes.at(-1), 'api-401-without-detail');
});

test('ranking, shipped rules: a kid the key sets lack, checked by aadlog, beats the guess at an app-specific SAML key', (t) => {
	const causes = causeIds(knowledge.engine, {
		kind: 'app',
		codes: {idx: ['IDX10501']},
		token: {signature: 'kid-unknown', issuerKind: 'aad-v2', kid: 'Zx9abc'},
	});
	t.is(causes[0], 'api-token-kid-unknown');
	t.true(causes.includes('api-signing-key-app-specific-saml'));
});

/** One app log through the whole pipeline; each event's stored line, primary code, code list and most likely cause. */
async function analyzeLog(log: string): Promise<Array<{line: number; code: number | null; codes: string | null; cause: string | null}>> {
	const file = path.join(tempDir(), 'k.db');
	await analyze({inputs: [memoryInput('app.log', log)], db: file, knowledge, limits: defaultReadLimits, version: 'test'});
	const db = new Database(file, {readonly: true});
	try {
		return db
			.prepare(
				"SELECT e.line, e.error_code AS code, e.aadsts_codes AS codes, c.cause FROM events e LEFT JOIN causes c ON c.id = e.cause_id WHERE e.kind = 'app' ORDER BY e.line",
			)
			.all() as Array<{line: number; code: number | null; codes: string | null; cause: string | null}>;
	} finally {
		db.close();
	}
}

test('several codes in one message: the specific code after a generic one is the primary code', async (t) => {
	// The classic confidential-client failure text, as MSAL / ADAL print it; then the same umbrella before a
	// Conditional Access code; then two specific codes, whose order is kept.
	const log = [
		'2026-11-20T10:00:00Z ERROR MsalServiceException: AADSTS70002: Error validating credentials. AADSTS50012: Invalid client secret is provided.',
		'2026-11-20T10:00:01Z ERROR token request failed: AADSTS50000: There was an error issuing a token. AADSTS53003: Access has been blocked by Conditional Access policies.',
		'2026-11-20T10:00:02Z ERROR token request failed: AADSTS50126: Error validating credentials due to invalid username or password. AADSTS50053: locked.',
		'2026-11-20T10:00:03Z ERROR token request failed: AADSTS70002: Error validating credentials. AADSTS9999999: a code nobody knows.',
	].join('\n');
	const rows = await analyzeLog(`${log}\n`);
	t.deepEqual(
		rows.map((r) => [r.code, r.codes, r.cause]),
		[
			[50012, '50012 70002', 'client-secret-invalid'],
			[53003, '53003 50000', 'conditional-access-block'],
			[50126, '50126 50053', 'wrong-credentials'],
			// an unknown code is not more specific for all anyone knows: the umbrella stays primary
			[70002, '70002 9999999', 'client-secret-invalid'],
		],
	);
});

test('several codes: catalog.* rule fields describe the settled primary code', (t) => {
	const engine = new RulesEngine([rule('catalog-security-block', 0.5, {'catalog.category': 'security-block'})], catalog);
	const event = exampleEvent({kind: 'app', codes: {aadsts: [50000, 53003]}, message: 'AADSTS50000: ... AADSTS53003: ...'});
	t.deepEqual(
		engine.classify(event).map((c) => c.rule.id),
		['catalog-security-block'],
	);
	t.deepEqual(event.codes.aadsts, [53003, 50000]);
	// and the interrupt decision is made on it too: an MFA prompt wrapped in a token issuance error is an expected step
	const wrapped = exampleEvent({kind: 'app', codes: {aadsts: [50000, 50076]}});
	engine.classify(wrapped);
	t.is(wrapped.outcome, 'interrupt');
});

test('every known code has a cause: a catalog code no rule explains gets its catalog cause, an unknown code stays unclassified', (t) => {
	const engine = new RulesEngine([], catalog);
	const [cause] = engine.classify(exampleEvent({codes: {aadsts: [50012]}}));
	const entry = catalog.codes.get(50012)!;
	t.is(cause.rule.id, 'aadsts-50012');
	t.is(cause.rule.confidence, catalogCauseConfidence);
	t.is(cause.rule.who, entry.who);
	t.true(cause.rule.title.includes('AuthenticationFailed'), cause.rule.title);
	t.true(cause.rule.fix.includes(entry.summary) && cause.rule.fix.includes('https://login.microsoftonline.com/error?code=50012'), cause.rule.fix);
	t.deepEqual(cause.evidence, ['codes.aadsts=50012']);
	t.deepEqual(causeIds(engine, {codes: {aadsts: [9999999]}}), ['unclassified']);
	t.deepEqual(causeIds(engine, {kind: 'app', codes: {aadsts: [], oauthError: 'invalid_grant'}}), ['unclassified']);
	// an interrupt no rule explains has no cause at all, as before
	t.deepEqual(causeIds(engine, {codes: {aadsts: [50076]}}), []);
	// a rule that fits wins over the catalog cause, which is not listed beside it
	t.deepEqual(causeIds(knowledge.engine, {codes: {aadsts: [50126]}}), ['wrong-credentials']);
});

test('no catalog code is unclassified with the shipped rules, as a sign-in or in an app log', (t) => {
	const unclassified: string[] = [];
	for (const entry of catalog.codes.values()) {
		for (const kind of ['signin', 'app'] as const) {
			const causes = causeIds(knowledge.engine, {kind, codes: {aadsts: [entry.code]}, message: `AADSTS${entry.code}: failed`});
			if (entry.category !== 'interrupt' && (causes.length === 0 || causes.includes('unclassified'))) unclassified.push(`${kind} AADSTS${entry.code}`);
		}
	}
	t.deepEqual(unclassified, []);
});

test('catalog causes are rows of the causes table: every stored failure points at a cause with its text', async (t) => {
	const log = [
		"2026-11-20T10:00:00Z ERROR AADSTS50012: The certificate chain isn't valid.",
		'2026-11-20T10:00:01Z ERROR AADSTS9999999: a code nobody knows',
		'2026-11-20T10:00:02Z ERROR AADSTS50126: Error validating credentials due to invalid username or password.',
	].join('\n');
	const file = path.join(tempDir(), 'k.db');
	await analyze({inputs: [memoryInput('app.log', `${log}\n`)], db: file, knowledge, limits: defaultReadLimits, version: 'test'});
	const db = new Database(file, {readonly: true});
	const rows = db
		.prepare(
			`SELECT e.error_code AS code, e.cause_id AS causeId, c.cause, c.who, c.confidence, c.fix FROM events e LEFT JOIN causes c ON c.id = e.cause_id
			WHERE e.outcome = 'failure' ORDER BY e.line`,
		)
		.all() as Array<{code: number; causeId: number | null; cause: string | null; who: string; confidence: number; fix: string}>;
	t.deepEqual(
		rows.map((r) => [r.code, r.cause]),
		[
			[50012, 'aadsts-50012'],
			[9999999, 'unclassified'],
			[50126, 'wrong-credentials'],
		],
	);
	t.is(rows[0].who, catalog.codes.get(50012)!.who);
	t.is(rows[0].confidence, catalogCauseConfidence);
	t.regex(rows[0].fix, /error\?code=50012/);
	const dangling = db.prepare('SELECT count(*) FROM event_causes ec LEFT JOIN causes c ON c.id = ec.cause_id WHERE c.id IS NULL').pluck().get();
	t.is(dangling, 0);
	// the causes table knows every catalog cause the engine can give, before any event needs one
	const registered = new Set(db.prepare('SELECT cause FROM causes').pluck().all() as string[]);
	t.deepEqual(
		knowledge.engine.catalogCauses().filter((c) => !registered.has(c.id)),
		[],
	);
	db.close();
});

test('a user rule cannot take a catalog cause id', (t) => {
	const dir = tempDir();
	writeFileSync(
		path.join(dir, 'mine.yaml'),
		'id: aadsts-50012\ntitle: mine\nlevel: low\nconfidence: 0.5\nwho: developer\nfix: f\nmatch:\n  codes.aadsts: 50012\n',
	);
	const error = t.throws(() => loadRules([dir]), {instanceOf: FileProblemsError});
	t.regex(error.message, /reserves/);
});
