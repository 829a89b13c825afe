/** The token options `analyze` and `token` share: --jwks FILE... and --clock-skew SECONDS. */
import {AadlogError} from '../errors.js';
import {defaultClockSkewSeconds} from '../tokens/assess.js';
import type {TokenOptions} from '../tokens/inspect.js';
import {loadKeySets} from '../tokens/key-sets.js';

export const tokenOptionSpecs = {
	jwks: {type: 'string', multiple: true, default: [] as string[]},
	'clock-skew': {type: 'string'},
} as const;

export const tokenOptionsHelp = `  --jwks FILE             check token signatures offline against a JSON Web Key Set
                          (the API's jwks_uri saved to a file; repeatable)
  --clock-skew SECONDS    allowed clock difference for exp/nbf (default ${defaultClockSkewSeconds})`;

export function tokenOptionsFrom(values: {jwks?: string[]; 'clock-skew'?: string}): TokenOptions {
	const skew = values['clock-skew'] === undefined ? defaultClockSkewSeconds : Number(values['clock-skew']);
	if (!Number.isInteger(skew) || skew < 0) throw new AadlogError('ERR_USAGE', '--clock-skew must be a whole number of seconds, 0 or more');
	const files = values.jwks ?? [];
	return {clockSkewSeconds: skew, keySet: files.length > 0 ? loadKeySets(files) : undefined};
}
