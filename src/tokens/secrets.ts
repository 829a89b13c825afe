/**
 * Secrets other than bearer tokens, in URLs, form bodies, JSON and connection strings:
 * the value after the name is replaced by `<redacted>`. A JWT already replaced by its
 * placeholder is kept, so the event still links to the token's facts.
 */

/** Names whose value is a credential wherever they appear. */
const secretNames = [
	'client_secret', 'clientsecret', 'client-secret', 'refresh_token', 'refreshtoken', 'password', 'passwd', 'pwd',
	'client_assertion', 'assertion', 'access_token', 'accesstoken', 'id_token', 'idtoken', 'code_verifier',
	'accountkey', 'sharedaccesskey', 'x-functions-key', 'subscription-key', 'ocp-apim-subscription-key',
];
const named = new RegExp(
	`(?<![A-Za-z0-9_-])((?:${secretNames.join('|')})\\\\?"?\\s*[=:]\\s*\\\\?"?)([^&\\s"\\\\,;}]+)`,
	'gi',
);
/** Only as URL query parameters: `code` (authorization code) and `sig` (SAS signature). */
const queryOnly = /([?&](?:code|sig)=)([^&\s"\\,;}#]+)/gi;

export function redactSecrets(text: string): string {
	const keep = (label: string, value: string): string => (value.startsWith('<jwt:') || value.startsWith('<bearer:') ? label + value : `${label}<redacted>`);
	let out = text.replace(named, (_all, label: string, value: string) => keep(label, value));
	if (out.includes('code=') || out.includes('sig=')) out = out.replace(queryOnly, (_all, label: string, value: string) => keep(label, value));
	return out;
}
