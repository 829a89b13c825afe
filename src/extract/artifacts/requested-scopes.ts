/**
 * The scopes or resource a token request asked for, as logs print them:
 *
 *   scope=api%3A%2F%2Fx%2F.default+offline_access     a form body or query (url-decoded)
 *   "scope":"User.Read openid"  "scopes":["a","b"]     JSON (escaped too), Python reprs
 *   scopes: [api://x/.default]  Scopes: 'User.Read'   msal-node, MSAL Python
 *   Scopes: https://graph.microsoft.com/.default      MSAL.NET's "Token Acquisition" lines (prose: leading words that look like scopes)
 *   resource=https%3A%2F%2Fmanagement.azure.com%2F    v1 requests
 *   The scope 'api://x/.default' is not valid.        AADSTS70011
 *
 * The scope parameter of an insufficient_scope challenge is what the API requires (expectations.ts), not read here.
 */
import {decoded, isHidden} from './request-values.js';

/** A scope or resource label: `scope=`, `"scopes":`, `Scopes: `, `resource=`, also url-encoded (`scope%3D`). */
const scopeLabel = /(?<![A-Za-z0-9_.-])(scopes?|resource)(\\{0,7}["'])?\s{0,8}([=:]|%3[dD])\s{0,8}/gi;
/**
 * The value after a scope label: escaped-quoted, quoted, single-quoted, a [list], or one bare
 * word. Each stops at the next quote or bracket, so a failed read ends where the next
 * label's value could start: over all labels, the text is read a bounded number of times.
 */
const scopeValue = /\\{1,7}"([^"\\\n]{1,2048})\\{1,7}"|"([^"\n]{1,2048})"|'([^'\n]{1,2048})'|\[([^[\]\n]{0,2048})\]|([^\s&"'<>\\,;)\]}{[]{1,2048})/y;
/** The next word of a prose list (`Scopes: a b`, `scopes: a, b`). */
const nextWord = /[ \t,]{1,8}([^\s&"'<>\\,;)\]}{[]{1,256})/y;
/** AADSTS70011 names the scope it refused: "The scope 'api://x/.default openid' is not valid." */
const refusedScope = /\bThe scope (?:'([^'\n]{1,1024})'|(\S{1,256})) (?:is not valid|is invalid|does not exist)/g;
/** OpenID Connect scopes have no dot, slash or underscore; every other scope has one of them. */
const oidcScopes = new Set(['openid', 'profile', 'email', 'offline_access']);
const maxScopes = 64;
/** Labels read per record: a record names what it asked for a few times, not thousands. */
const maxLabels = 256;

/** Distinct scopes in order of appearance (at most maxScopes). */
export function findScopes(text: string): string[] {
	const scopes = new Set<string>();
	if (/scope|resource/i.test(text)) {
		scopeLabel.lastIndex = 0;
		let labels = 0;
		for (let m = scopeLabel.exec(text); m !== null && scopes.size < maxScopes && labels < maxLabels; m = scopeLabel.exec(text), labels++) {
			const [, name, quote, separator] = m;
			scopeValue.lastIndex = scopeLabel.lastIndex;
			const v = scopeValue.exec(text);
			if (!v) continue;
			const [, escapedQuoted, quoted, singleQuoted, list, bare] = v;
			// `Bearer error="insufficient_scope", scope="x"` is what the API requires (expectations.ts), not what was asked.
			if (quoted !== undefined && separator === '=' && quote === undefined && inChallenge(text, m.index)) continue;
			const isResource = name.toLowerCase() === 'resource';
			let values: string[];
			if (bare !== undefined) values = isResource ? [decoded(bare)] : bareScopes(text, bare, separator, scopeValue.lastIndex);
			else if (isResource) values = list === undefined ? [escapedQuoted ?? quoted ?? singleQuoted ?? ''] : [];
			else values = list === undefined ? (escapedQuoted ?? quoted ?? singleQuoted ?? '').split(/[\s,]+/) : list.split(',');
			for (const value of values) {
				if (isHidden(value.trim())) break;
				const scope = cleanScope(value);
				if (scope === undefined || (isResource && !looksLikeResource(scope))) continue;
				scopes.add(scope);
			}
			scopeLabel.lastIndex = Math.max(scopeLabel.lastIndex, bare === undefined ? scopeValue.lastIndex : nextWord.lastIndex);
		}
	}
	if (text.includes('The scope ')) {
		refusedScope.lastIndex = 0;
		for (let m = refusedScope.exec(text); m !== null && scopes.size < maxScopes; m = refusedScope.exec(text)) {
			for (const value of (m[1] ?? m[2]).split(/\s+/)) {
				const scope = cleanScope(value);
				if (scope !== undefined) scopes.add(scope);
			}
		}
	}
	return [...scopes].slice(0, maxScopes);
}

/**
 * A bare value after `=` is one form or query value (spaces are encoded there: `+`, `%20`).
 * After `:` it is prose (`Scopes: https://graph.microsoft.com/.default openid`): the
 * leading words that look like scopes. Leaves nextWord.lastIndex after the last word read.
 */
function bareScopes(text: string, first: string, separator: string, at: number): string[] {
	nextWord.lastIndex = at;
	if (separator !== ':') return decoded(first).split(/\s+/).filter(looksLikeScope);
	if (!looksLikeScope(first)) return [];
	const scopes = [first];
	while (scopes.length < maxScopes) {
		const from = nextWord.lastIndex;
		const next = nextWord.exec(text);
		if (!next || !looksLikeScope(next[1])) {
			nextWord.lastIndex = from;
			break;
		}
		scopes.push(next[1]);
	}
	return scopes;
}

function looksLikeScope(word: string): boolean {
	return /^[A-Za-z0-9_:/.~%-]{1,256}$/.test(word) && (/[./_:]/.test(word) || oidcScopes.has(word.toLowerCase()));
}

function looksLikeResource(value: string): boolean {
	return /^(?:https?:\/\/|api:\/\/|urn:|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$)/i.test(value);
}

function cleanScope(value: string): string | undefined {
	const scope = value.trim().replace(/^\\{0,7}["']+|\\{0,7}["']+$/g, '');
	if (scope === '' || scope.length > 256 || /[\s<>"]/.test(scope) || scope === 'null' || scope === 'undefined') return undefined;
	return scope;
}

/** A `Bearer ... scope="x"` parameter: a challenge on the same line, before the label. */
function inChallenge(text: string, at: number): boolean {
	const lineStart = text.lastIndexOf('\n', at) + 1;
	const before = text.slice(Math.max(lineStart, at - 1024), at);
	return /Bearer\b/i.test(before);
}
