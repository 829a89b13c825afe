/**
 * IdentityModel prints a token it rejected (with PII shown) as its header and payload JSON,
 * not base64: `'{"alg":"RS256","kid":"abc","typ":"JWT"}.{"aud":"...","iss":"...","exp":...}'`.
 * It holds no signature, so it is no credential; its claims are the token's facts and are
 * read like a decoded JWT's (decode.ts), fingerprinted by the rendering. Values the PII
 * setting hid (`[PII is hidden]`, `[PII of type 'System.String' is hidden. ...]`) are left
 * out; where hiding broke the JSON, the plain `"key": value` pairs are read.
 */
import {matchingBrace} from '../extract/artifacts/error-body.js';
import type {TokenFacts} from '../extract/event.js';
import {cachedFacts, claimFacts, fingerprintOf} from './decode.js';

/** A JWT header's opening key (alg, usually after typ, kid or x5t), escaped once or more inside a JSON log line. */
const headerStart = /\{(\\{0,7})"(?:alg|typ|kid|x5t|cty)\\{0,7}"\s{0,4}:/g;
/** Far above any real token; bounds the work per candidate. */
const maxRenderingChars = 64 * 1024;
/** A record prints the token it rejected once or twice: past this many candidates, there is none. */
const maxTries = 8;
const hiddenValue = /^\[PII\b/;
/** A `"key": value` pair with a string, number, boolean or list-of-strings value. */
const pair =
	/"([A-Za-z_][A-Za-z0-9_.:-]{0,63})"\s{0,4}:\s{0,4}("(?:[^"\\\n]|\\.){0,4096}"|-?\d{1,20}(?:\.\d{1,20})?(?![\d.])|true|false|\[(?:\s{0,4}"(?:[^"\\\n]|\\.){0,1024}"\s{0,4},?){0,256}\s{0,4}\])/g;
const nonceKey = /"nonce"\s{0,4}:/;

interface Rendering {
	text: string;
	header: Record<string, unknown>;
	claims: Record<string, unknown>;
}

/** Adds the facts of each JSON rendering of a token in `text` to `found` (once per rendering). */
export function findJsonRenderings(text: string, found: TokenFacts[]): void {
	if (!text.includes('"alg')) return;
	const seen = new Set(found.map((f) => f.fingerprint));
	headerStart.lastIndex = 0;
	let tries = 0;
	for (let m = headerStart.exec(text); m !== null && tries < maxTries; m = headerStart.exec(text), tries++) {
		const rendering = renderingAt(text, m.index, m[1].length > 0);
		if (rendering === undefined) continue;
		const fingerprint = fingerprintOf(rendering.text);
		if (seen.has(fingerprint)) continue;
		seen.add(fingerprint);
		found.push(cachedFacts(fingerprint, () => claimFacts(fingerprint, rendering.header, rendering.claims)));
	}
}

/**
 * `header.payload` from `start`: the header object, a dot, then the payload object (or, cut or
 * hidden, what is left of it on the line). A header without `alg` is no JWT header.
 */
function renderingAt(text: string, start: number, escaped: boolean): Rendering | undefined {
	let window = text.slice(start, start + maxRenderingChars);
	// JSON inside a JSON log line: unescaped a level at a time until the header's first quote is bare.
	for (let level = 0; escaped && level < 3 && window[1] !== '"'; level++) window = window.replace(/\\(["\\/])/g, '$1');
	if (window[1] !== '"') return undefined;
	const headerEnd = matchingBrace(window, 0);
	if (headerEnd === -1 || window[headerEnd + 1] !== '.') return undefined;
	const headerText = window.slice(0, headerEnd + 1);
	const header = objectOf(headerText);
	if (typeof header.alg !== 'string') return undefined;
	if (nonceKey.test(headerText)) header.nonce ??= true; // the nonce's presence is the fact, hidden or not
	let payloadText = '';
	if (window[headerEnd + 2] === '{') {
		const payloadEnd = matchingBrace(window, headerEnd + 2);
		const lineEnd = window.indexOf('\n', headerEnd);
		payloadText = window.slice(headerEnd + 2, payloadEnd === -1 ? (lineEnd === -1 ? window.length : lineEnd) : payloadEnd + 1);
	}
	return {text: `${headerText}.${payloadText}`, header, claims: payloadText === '' ? {} : objectOf(payloadText)};
}

/** The object's fields without hidden values: parsed as JSON, or pair by pair when hiding broke the JSON. */
function objectOf(json: string): Record<string, unknown> {
	let parsed: unknown;
	try {
		parsed = JSON.parse(json);
	} catch {
		return pairsOf(json);
	}
	return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? withoutHidden(parsed as Record<string, unknown>) : {};
}

function pairsOf(json: string): Record<string, unknown> {
	const fields: Record<string, unknown> = {};
	pair.lastIndex = 0;
	for (let m = pair.exec(json); m !== null; m = pair.exec(json)) {
		if (m[1] in fields) continue;
		try {
			fields[m[1]] = JSON.parse(m[2]);
		} catch {
			// not a value after all
		}
	}
	return withoutHidden(fields);
}

function withoutHidden(fields: Record<string, unknown>): Record<string, unknown> {
	const kept: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(fields)) {
		if (typeof value === 'string' && hiddenValue.test(value)) continue;
		kept[key] = Array.isArray(value) ? value.filter((v) => !(typeof v === 'string' && hiddenValue.test(v))) : value;
	}
	return kept;
}
