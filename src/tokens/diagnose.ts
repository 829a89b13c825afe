/**
 * `aadlog token`: one token, diagnosed the way the pipeline would diagnose a token found in
 * an API's failure log, with "now" being --at (default: the current time) and the
 * validator's expectations given on the command line. The same rules decide.
 */
import {decodeProtectedHeader, type JSONWebKeySet} from 'jose';
import type {RulesEngine} from '../classify/engine.js';
import {unclassifiedRule} from '../classify/engine.js';
import type {AuthEvent, TokenAtUse, TokenFacts} from '../extract/event.js';
import {newEvent} from '../extract/event.js';
import {redactTokens} from './find.js';
import {idTokenEvidence, idTokenRuleId} from './id-token.js';
import {TokenInspector} from './inspect.js';
import {guidFromUti} from './uti.js';

export interface DiagnoseOptions {
	engine: RulesEngine;
	/** "Now" for exp/nbf: ISO 8601 time. */
	at: string;
	expectAudiences?: string[];
	expectIssuers?: string[];
	keySet?: JSONWebKeySet;
	clockSkewSeconds?: number;
}

export interface Diagnosis {
	rule: string;
	title: string;
	who: string;
	confidence: number;
	fix: string;
	evidence: string[];
}

export interface TokenReport {
	fingerprint: string;
	at: string;
	header?: Record<string, unknown>;
	/** Decoded claims; the signature is never part of a report. */
	claims?: Record<string, unknown>;
	facts: TokenAtUse;
	/** The Request ID of the sign-in that issued the token, from its uti. */
	issuedBySignin?: string;
	notes: string[];
	diagnoses: Diagnosis[];
}

/** Every JWT in `text`, diagnosed. The raw tokens do not outlive this call. */
export async function diagnoseTokens(text: string, options: DiagnoseOptions): Promise<TokenReport[]> {
	// The pipeline's own token step: signature checks (with --jwks) and the assessment at --at.
	const inspector = new TokenInspector({keySet: options.keySet, clockSkewSeconds: options.clockSkewSeconds});
	const raw = new Map<string, string>();
	const found: TokenFacts[] = [];
	redactTokens(text, found, (token, facts) => {
		raw.set(facts.fingerprint, token);
		inspector.onToken?.(token, facts);
	});
	const reports: TokenReport[] = [];
	for (const facts of found) reports.push(await diagnoseOne(raw.get(facts.fingerprint)!, facts, inspector, options));
	return reports;
}

async function diagnoseOne(token: string, facts: TokenFacts, inspector: TokenInspector, options: DiagnoseOptions): Promise<TokenReport> {
	const event: AuthEvent = newEvent('app', {file: '-', line: 1});
	event.outcome = 'failure'; // a token brought here is one that failed somewhere: show every cause that fits
	event.time = options.at;
	event.tokens = [facts];
	if (options.expectAudiences?.length || options.expectIssuers?.length) {
		event.expected = {audiences: options.expectAudiences, issuers: options.expectIssuers};
	}
	await inspector.inspect(event);
	const used = event.tokens[0];
	// The redacted claims: a claim can hold another token or a secret.
	const claims = facts.claimsJson === undefined ? undefined : safely(() => JSON.parse(facts.claimsJson!) as Record<string, unknown>);
	const diagnoses: Diagnosis[] = options.engine
		.classify(event)
		.filter((m) => m.rule !== unclassifiedRule)
		.map((m) => ({rule: m.rule.id, title: m.rule.title, who: m.rule.who, confidence: m.rule.confidence, fix: m.rule.fix, evidence: m.evidence}));
	// An ID token is a client-side mistake no log field records: first, with the claims that tell it.
	const idToken = diagnoses.findIndex((d) => d.rule === idTokenRuleId);
	if (idToken >= 0) {
		const [d] = diagnoses.splice(idToken, 1);
		diagnoses.unshift({...d, evidence: idTokenEvidence(claims) ?? d.evidence});
	}
	return {
		fingerprint: facts.fingerprint,
		at: options.at,
		header: safely(() => decodeProtectedHeader(token) as Record<string, unknown>),
		claims,
		facts: used,
		issuedBySignin: used.uti ? guidFromUti(used.uti) : undefined,
		notes: notesFor(used, options),
		diagnoses,
	};
}

/** What is worth knowing even when nothing is wrong. */
function notesFor(t: TokenAtUse, options: DiagnoseOptions): string[] {
	const notes: string[] = [];
	if (t.malformed) notes.push('not a decodable JWT: cut short, or not a token at all');
	if (t.encrypted) notes.push(`encrypted (JWE, enc ${t.enc ?? '?'}): only its header can be read; the API it is for holds the decryption key`);
	if (t.graphAudience) notes.push('a Microsoft Graph token: only Graph can validate it (its header carries a nonce); no other API should accept it');
	if (t.signature === undefined && !t.malformed && !t.encrypted) notes.push('signature not checked: pass --jwks with the key set the API uses');
	if (!options.expectAudiences?.length && !t.malformed && !t.encrypted) notes.push('audience not compared: pass --expect-aud with what the API accepts');
	if (t.scp === undefined && t.roles !== undefined) notes.push('app-only token (roles, no scp)');
	return notes;
}

function safely<T>(read: () => T): T | undefined {
	try {
		return read();
	} catch {
		return undefined;
	}
}
