/**
 * Conformance on real tokens and key sets from Entra test data (../shared/corpus/tokens),
 * read in place. The expectations come from the file's own labels and from the key sets'
 * kid lists, not from aadlog's output.
 */

import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {loadKnowledge} from '../src/classify/knowledge.js';
import {diagnoseTokens} from '../src/tokens/diagnose.js';
import {loadKeySets} from '../src/tokens/key-sets.js';
import {sharedDir} from './helpers.js';

const dir = path.join(sharedDir, 'corpus', 'tokens');
const present = existsSync(path.join(dir, 'real-jwts.txt'));
const engine = loadKnowledge().engine;

interface Entry {
	label: string;
	header: Record<string, unknown>;
	claims: string;
	token: string;
}

function entries(): Entry[] {
	const text = readFileSync(path.join(dir, 'real-jwts.txt'), 'utf8');
	return text
		.split(/\n\s*\n/)
		.filter((block) => /^eyJ/m.test(block))
		.map((block) => ({
			label: /^# class: (.*)$/m.exec(block)![1],
			header: JSON.parse(/^# header: (.*)$/m.exec(block)![1]) as Record<string, unknown>,
			claims: /^# claims: (.*)$/m.exec(block)![1],
			token: /^(eyJ\S+)$/m.exec(block)![1],
		}));
}

const keyFiles = [
	'aad-common-v1-keys.identitymodel-OpenIdConfigData.json',
	'aad-common-v2-keys.identitymodel-OpenIdConfigData.json',
	'entra-common-v2-keys.panva-wellknown.json',
	'JsonWebKeySet.identitymodel-test.json',
].map((f) => path.join(dir, f));

(present ? test : test.skip)('real Entra test tokens: issuer kind, Graph audience, HS256 and expiry as their labels say', async (t) => {
	const list = entries();
	t.is(list.length, 33);
	for (const entry of list) {
		const [report] = await diagnoseTokens(entry.token, {engine, at: '2026-11-22T00:00:00Z'});
		const rules = report.diagnoses.map((d) => d.rule);
		t.is(report.facts.alg, entry.header.alg as string, entry.label);
		if (entry.label.startsWith('Azure AD B2C')) t.is(report.facts.issuerKind, 'b2c', entry.claims);
		if (/"iss":"https:\/\/sts\.windows\.net\//.test(entry.claims)) t.is(report.facts.issuerKind, 'aad-v1');
		if (entry.header.alg === 'HS256') t.true(rules.includes('api-token-symmetric-alg'), entry.label);
		const graph = /"aud":"(https:\/\/graph\.microsoft\.com|00000003-0000-0000-c000-000000000000)"/.test(entry.claims);
		t.is(report.facts.graphAudience, graph, entry.claims);
		t.is('nonce' in entry.header, report.facts.hasNonce);
		t.true(rules.includes('api-token-expired'), `every corpus token is long expired: ${entry.claims}`);
	}
});

(present ? test : test.skip)('real key sets: a token whose kid is in a set is verified with it; otherwise the kid is unknown', async (t) => {
	const keySet = loadKeySets(keyFiles);
	const kids = new Set(keySet.keys.map((k) => k.kid));
	t.true(kids.size >= 10);
	let verified = 0;
	for (const entry of entries()) {
		const [report] = await diagnoseTokens(entry.token, {engine, at: '2026-11-22T00:00:00Z', keySet});
		const kid = (entry.header.kid ?? entry.header.x5t) as string | undefined;
		if (entry.header.alg === 'HS256') t.is(report.facts.signature, 'symmetric');
		else if (kid !== undefined && kids.has(kid)) {
			// Entra signed these with the published key (jose verifies them with that key alone, too).
			t.is(report.facts.signature, 'valid', `${kid}: ${entry.claims}`);
			t.false(report.diagnoses.some((d) => d.rule === 'api-token-signature-invalid' || d.rule === 'api-token-kid-unknown'));
			verified++;
		} else t.is(report.facts.signature, 'kid-unknown', entry.label);
		if (report.facts.graphAudience && report.facts.signature !== 'valid') t.true(report.diagnoses.some((d) => d.rule === 'graph-token-sent-to-api'));
	}
	t.is(verified, 2, 'two corpus tokens (x5t kriMPdm...) are signed by a key in the corpus sets');
});
