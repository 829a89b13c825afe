/**
 * Redaction of text that is kept or shown but not analyzed for tokens: sign-in free text,
 * warnings, and the excerpts of rejected records. Excerpts are cut to a bounded length,
 * which can cut a token in half, so a trailing piece of a JWT is removed too.
 */
import {redactTokens} from './find.js';
import {redactSecrets} from './secrets.js';

const cutToken = /eyJ[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*){0,4}…?$/;

/** Free text that may quote a credential: a sign-in's failure reason, a warning, an error message. */
export function redactText(text: string): string {
	return redactSecrets(redactTokens(text, []));
}

export function redactExcerpt(text: string): string {
	return redactSecrets(redactTokens(text, [])).replace(cutToken, '<jwt:cut>');
}
