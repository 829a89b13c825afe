/** Stable error codes, so scripts and tests can tell failures apart without parsing messages. */
export type AadlogErrorCode = 'ERR_USAGE' | 'ERR_INPUT_NOT_FOUND' | 'ERR_INPUT_FORMAT' | 'ERR_RULE_INVALID' | 'ERR_CATALOG_INVALID' | 'ERR_DB';

/** The one error class aadlog throws on purpose: a stable `code` and, where there is one, the cause. */
export class AadlogError extends Error {
	readonly code: AadlogErrorCode;

	constructor(code: AadlogErrorCode, message: string, options?: {cause?: unknown}) {
		super(message, options);
		this.name = 'AadlogError';
		this.code = code;
	}
}
