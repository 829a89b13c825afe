/**
 * What the engine makes of the catalog and the rules together: how causes are ranked, which
 * code of a message decides, and the cause every catalog code gets. Events are built from
 * rule-example partials (src/classify/rule-examples.ts); the messages are written here after
 * the error texts of the seed documents (../shared/seeds), not copied from logs.
 */
import test from 'ava';
import {RulesEngine} from '../src/classify/engine.js';
import {loadKnowledge} from '../src/classify/knowledge.js';
import type {Rule, Selection} from '../src/classify/rule.js';
import {exampleEvent} from '../src/classify/rule-examples.js';

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
