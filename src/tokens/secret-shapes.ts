/**
 * Credentials recognised by their shape rather than by the name before them: a password in
 * a URL, NTLM / Negotiate / Kerberos blobs, PEM private keys, SAML assertions, and secrets
 * handed to a command line (`-p`, `--client-secret`, `ConvertTo-SecureString`). Each shape
 * has a cheap prefilter, so text without it costs one test; every quantifier is bounded
 * and every pattern is anchored on a literal, so a hostile line costs linear time.
 */

/** `scheme://user:password@host`: the user stays (it says which account), the password goes. */
const urlPassword = /(\b[A-Za-z][A-Za-z0-9+.-]{0,15}:\/\/[^\s/@:"'<>]{0,256}:)([^\s/@"'<>]{1,256})@/g;
/** Windows integrated authentication: the blob after the scheme is a credential exchange. */
const integratedAuth = /\b(NTLM|Negotiate|Kerberos)(\s{1,8})([A-Za-z0-9+/_-]{12,8192}={0,2})/gi;
/** The body of a PEM private key, to its END line or, cut, to the end of the text. */
const pemKey = /(-----BEGIN [A-Z0-9 ]{0,32}PRIVATE KEY-----)[^-]{0,65536}(-----END [A-Z0-9 ]{0,32}PRIVATE KEY-----)?/g;
/** A SAML assertion (or WS-Trust response) is a bearer credential: its whole element goes. */
const samlOpen = /<((?:[A-Za-z][A-Za-z0-9]{0,15}:)?(?:Assertion|EncryptedAssertion|RequestedSecurityToken|RequestSecurityTokenResponse))\b[^>]{0,4096}>/g;
/**
 * A secret given as a command-line option: `-p x`, `--password=x`, `-ClientSecret 'x'`.
 * The value is quoted (escaped quotes too) or runs to the next space.
 */
const cliSecret =
	/(?<![A-Za-z0-9_-])(-p|--?(?:password|passwd|pass|pwd|client-secret|clientsecret|secret|api-key|apikey|token|sas-token|account-key|certificate-password)|-(?:ClientSecret|Password|Secret|ApiKey|AccountKey))(\s{1,8}|=)(\\{0,7}"[^"\\\n]{0,4096}\\{0,7}"|'[^'\n]{0,4096}'|[^\s"'\\]{1,4096})/gi;
/** PowerShell's plain-text secure string: `ConvertTo-SecureString 'x' -AsPlainText` (or `-String "x"`). */
const secureString = /(ConvertTo-SecureString\s{1,8}(?:-String\s{1,8})?)(\\{0,7}"[^"\\\n]{0,4096}\\{0,7}"|'[^'\n]{0,4096}'|[^\s"'\\-][^\s"'\\]{0,4095})/gi;

const mentionsShape = /:\/\/|ntlm|negotiate|kerberos|PRIVATE KEY|Assertion|SecurityToken|(?:^|\s)--?[A-Za-z]|SecureString/i;

export function redactShapes(text: string): string {
	if (!mentionsShape.test(text)) return text;
	let out = text;
	if (out.includes('://')) out = out.replace(urlPassword, '$1<redacted>@');
	if (/ntlm|negotiate|kerberos/i.test(out))
		out = out.replace(integratedAuth, (all, scheme: string, space: string, blob: string) => (looksEncoded(blob) ? `${scheme}${space}<redacted>` : all));
	if (out.includes('PRIVATE KEY')) out = out.replace(pemKey, (_, begin: string, end: string | undefined) => `${begin}<redacted>${end ?? ''}`);
	if (/Assertion|SecurityToken/.test(out)) out = redactSamlElements(out);
	if (out.includes('-'))
		out = out.replace(cliSecret, (all, flag: string, space: string, value: string) =>
			flag === '-p' && !/[^0-9]/.test(value) && value.length <= 5 ? all : `${flag}${space}${quoted(value)}`,
		);
	if (/SecureString/i.test(out)) out = out.replace(secureString, (_, head: string, value: string) => `${head}${quoted(value)}`);
	return out;
}

/** Prose ("Negotiate authentication failed") is no blob: a blob mixes cases, with a digit or base64 punctuation or at a length no word has. */
function looksEncoded(blob: string): boolean {
	return /[A-Z]/.test(blob) && /[a-z]/.test(blob) && (blob.length >= 24 || /[0-9+/=_-]/.test(blob));
}

/**
 * Each opening tag's element up to its closing tag, or to the end of the text when the
 * closing tag is missing (an excerpt cut inside it). One indexOf per opening tag, from
 * where the last one ended: linear.
 */
function redactSamlElements(text: string): string {
	let out = '';
	let copied = 0;
	samlOpen.lastIndex = 0;
	for (let m = samlOpen.exec(text); m !== null; m = samlOpen.exec(text)) {
		const name = m[1];
		const close = text.indexOf(`</${name}>`, samlOpen.lastIndex);
		const end = close === -1 ? text.length : close + name.length + 3;
		out += `${text.slice(copied, m.index)}<${name}><redacted></${name}>`;
		copied = samlOpen.lastIndex = end;
		if (close === -1) break;
	}
	return copied === 0 ? text : out + text.slice(copied);
}

/** The quotes stay, so JSON stays JSON. */
function quoted(value: string): string {
	const escapedQuote = /^\\+"/.exec(value)?.[0];
	if (escapedQuote) return `${escapedQuote}<redacted>${escapedQuote}`;
	if (value.startsWith('"')) return '"<redacted>"';
	if (value.startsWith("'")) return "'<redacted>'";
	return '<redacted>';
}
