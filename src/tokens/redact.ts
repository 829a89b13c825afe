/**
 * Redaction of text that is kept or shown but not analyzed for tokens: sign-in free text,
 * warnings, and the excerpts of rejected records. Excerpts are cut to a bounded length,
 * which can cut a token in half, so a trailing piece of a JWT is removed too.
 */
import {redactTokens} from './find.js';
import {redactSecrets} from './secrets.js';

const cutToken = /eyJ[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*){0,4}…?$/;

/** Failure reasons repeat (a few hundred distinct texts over millions of sign-ins): remembered. */
const remembered = new Map<string, string>();

/** Free text that may quote a credential: a sign-in's failure reason, a warning, an error message. */
export function redactText(text: string): string {
	if (text.length > 2048) return redactSecrets(redactTokens(text, []));
	let redacted = remembered.get(text);
	if (redacted === undefined) {
		redacted = redactSecrets(redactTokens(text, []));
		if (remembered.size >= 4096) remembered.clear();
		remembered.set(text, redacted);
	}
	return redacted;
}

export function redactExcerpt(text: string): string {
	return redactSecrets(redactTokens(text, [])).replace(cutToken, '<jwt:cut>');
}
