/** What the readers of request facts (request.ts, requested-scopes.ts, www-authenticate.ts) share. */

/** IdentityModel's `[PII is hidden]` (or a value cut to `[PII`): nothing of it is a value. */
export function isHidden(value: string): boolean {
	return /^\[?PII\b/.test(value);
}

/** Form and query values: `+` is a space, `%XX` a byte; a value that is no valid encoding stays as it is. */
export function decoded(value: string): string {
	if (!value.includes('%') && !value.includes('+')) return value;
	try {
		return decodeURIComponent(value.replace(/\+/g, ' '));
	} catch {
		return value;
	}
}
