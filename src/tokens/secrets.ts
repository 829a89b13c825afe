/**
 * Secrets other than bearer tokens, in URLs, form bodies, JSON, Python reprs, environment
 * dumps, XML and connection strings: the value after a secret-bearing name is replaced by
 * `<redacted>`. A JWT already replaced by its placeholder is kept, so the event still links
 * to the token's facts. Every quantifier is bounded, so a hostile line costs linear time.
 */

/** A name is secret-bearing when it ends with one of these (AZURE_CLIENT_SECRET, db_password, refreshToken). */
const secretSuffixes =
	/(?:secret|secrettext|secretvalue|password|passwd|pwd|token|device_code|devicecode|assertion|verifier|accountkey|sharedaccesskey|apikey|api_key|api-key|functions-key|subscription-key|cookie|cookies|session|sessionid|estsauth|estsauthpersistent|estsauthlight|samlresponse|samlrequest|samlart|wresult)$/i;
/** Names that are secret in a URL query or with a long value: `?code=0.AXEA...` is an authorization code, `"code": 50126` is not. */
const longValueNames = new Set(['code', 'sig', 'signature']);
/**
 * A device code flow's user code, as prompts and CLIs print it after `token:` ("enter the code
 * GH7K4QZ2A ... token: E7QK2L9PX"): 8 to 10 upper-case letters and digits, typed by a person
 * and worthless without the device code, which is long and redacted. No credential is that short.
 */
const userCode = /^(?=[0-9]*[A-Z])[A-Z0-9]{8,10}$/;
/** Names ending in `token` that hold no credential. */
const harmless = new Set(['grant_type', 'token_type', 'tokentype', 'incomingtokentype', 'requested_token_use', 'requested_token_type', 'subject_token_type']);

/**
 * A name, then `=` or `:` (quotes and escaped quotes around the name allowed), also
 * URL-encoded inside another URL or form value (`%26client_secret%3D...`).
 */
const label = /(?:(?<![A-Za-z0-9_-])|(?<=%[0-9A-Fa-f]{2}))([A-Za-z][A-Za-z0-9_-]{0,63})((?:\\{0,7}["'])?\s{0,8}(?:[=:]|%3[dDaA])\s{0,8})/g;
/**
 * The value right after a label: a double-quoted string (escapes included), an
 * escaped-quoted one (JSON in JSON, escaped once or deeper), a single-quoted one, or a bare run up to a separator
 * (a comma is no separator here: passwords contain commas; redacting a little more is safe).
 */
const valueAt =
	/\\{2,7}"[^"\\\n]{0,4096}(?:\\{1,7}"|$)|\\"(?:[^"\\\n]|\\[^"\n]){0,4096}\\"|"(?:[^"\\\n]|\\.){0,4096}"|'[^'\n]{0,4096}'|[^&\s"'\\;}<>]{1,4096}/y;
/** `<client_secret>value</client_secret>` */
const xmlElement = /<([A-Za-z][A-Za-z0-9_:-]{0,63})>([^<\n]{1,4096})<\/\1>/g;
/** Entra refresh tokens and authorization codes look like `0.AXEA...` / `1.AR8A...` wherever they are. */
const entraOpaque = /(?<![A-Za-z0-9_.-])[01]\.A[A-Za-z0-9_-]{40,4096}/g;
const mentionsSecret = /secret|passw|pwd|token|assertion|verifier|key|code|sig|cookie|session|estsauth|saml|wresult|[01]\.A/i;

export function redactSecrets(text: string): string {
	if (!mentionsSecret.test(text)) return text;
	let out = replaceSecretValues(text);
	if (out.includes('</')) out = out.replace(xmlElement, (all, name: string) => (secretSuffixes.test(name) ? `<${name}><redacted></${name}>` : all));
	if (out.includes('.A')) out = out.replace(entraOpaque, '<redacted>');
	return out;
}

/**
 * The first 20 characters of a value, quoted or bare (the same alternatives as valueAt): a
 * `code` or `sig` outside a URL query is a secret only when its value is that long. A probe
 * of bounded length, so a label that is no secret costs a few steps, never a read of its value.
 */
const longValueProbe = /\\{2,7}"[^"\\\n]{20}|\\"(?:[^"\\\n]|\\[^"\n]){20}|"(?:[^"\\\n]|\\.){20}|'[^'\n]{20}|[^&\s"'\\;}<>]{20}/y;
/** `?code=50126` (Microsoft's error page links) is an error code; an authorization code is long and not all digits. */
const errorCodeProbe = /\d{1,8}(?![^&\s"'\\;}<>])/y;
/**
 * `"code":"InvalidAuthenticationToken"`, `Code: Authorization_RequestDenied`: an API's error
 * name, letters and underscores only. Authorization codes are random base64url, with digits.
 */
const errorNameProbe = /(?:\\{1,7}"|["'])?[A-Za-z]{1,64}(?:_[A-Za-z]{1,64}){0,8}(?![A-Za-z0-9_.~+/%-])/y;

/**
 * Walks the labels left to right; only a secret-bearing label's value is consumed and
 * replaced, so `https://app/cb?code=...` still finds `code` after the non-secret `https:`.
 * A label is judged by its name (and a bounded probe) before its value is read, and only a
 * secret's value is read, then consumed: each character is looked at a bounded number of times.
 */
function replaceSecretValues(text: string): string {
	let out = '';
	let copied = 0;
	label.lastIndex = 0;
	for (let m = label.exec(text); m !== null; m = label.exec(text)) {
		const [, name, separator] = m;
		const lower = name.toLowerCase();
		const named = secretSuffixes.test(lower) && !harmless.has(lower);
		if (!named && !longValueNames.has(lower)) continue;
		const at = label.lastIndex;
		if (!named) {
			const equals = separator === '=' || /^%3d$/i.test(separator);
			const inQuery = equals && (/[?&#;]/.test(text[m.index - 1] ?? '') || /%(?:26|3f|23)$/i.test(text.slice(Math.max(0, m.index - 3), m.index)));
			const probe = inQuery ? undefined : longValueProbe;
			if (inQuery && lower === 'code' && matchesAt(errorCodeProbe, text, at)) continue;
			if (!inQuery && lower === 'code' && matchesAt(errorNameProbe, text, at)) continue;
			if (probe && !matchesAt(probe, text, at)) continue;
		}
		valueAt.lastIndex = at;
		const value = valueAt.exec(text)?.[0];
		if (value === undefined) continue;
		if (lower === 'token' && userCode.test(unquoted(value))) continue;
		out += text.slice(copied, at) + redactedValue(value);
		copied = label.lastIndex = valueAt.lastIndex;
	}
	return copied === 0 ? text : out + text.slice(copied);
}

function matchesAt(sticky: RegExp, text: string, at: number): boolean {
	sticky.lastIndex = at;
	return sticky.test(text);
}

/** The quotes stay, so JSON stays JSON; a token placeholder stays, so the event keeps its link. */
function redactedValue(value: string): string {
	const inner = unquoted(value);
	if (inner.startsWith('<jwt:') || inner.startsWith('<bearer:') || inner === '<redacted>') return value;
	const escapedQuote = /^\\+"/.exec(value)?.[0];
	if (escapedQuote) return `${escapedQuote}<redacted>${escapedQuote}`;
	if (value.startsWith('"')) return '"<redacted>"';
	if (value.startsWith("'")) return "'<redacted>'";
	return '<redacted>';
}

function unquoted(value: string): string {
	const escapedQuote = /^\\+"/.exec(value)?.[0];
	if (escapedQuote) return value.slice(escapedQuote.length).replace(/\\*"$/, '');
	if (value.startsWith('"') || value.startsWith("'")) return value.slice(1, -1);
	return value;
}
