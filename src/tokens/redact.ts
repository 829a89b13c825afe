/**
 * Redaction of text that is kept but not analyzed: the excerpts of rejected records. They
 * are cut to a bounded length, which can cut a token in half, so a trailing piece of a JWT
 * (no longer matching the whole-token pattern) is removed too.
 */
import {redactTokens} from './find.js';
import {redactSecrets} from './secrets.js';

const cutToken = /eyJ[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*){0,4}…?$/;

export function redactExcerpt(text: string): string {
	return redactSecrets(redactTokens(text, [])).replace(cutToken, '<jwt:cut>');
}
