/** `aadlog token`: decode and diagnose a bearer token offline. */
import {readFileSync} from 'node:fs';
import {parseArgs} from 'node:util';
import {loadKnowledge} from '../classify/knowledge.js';
import {AadlogError} from '../errors.js';
import {normalizeTime} from '../extract/artifacts/time.js';
import {tokenTerminal} from '../report/token-terminal.js';
import {diagnoseTokens, type TokenReport} from '../tokens/diagnose.js';
import {exitCodes} from './exit-codes.js';
import {writeJson, writeOut} from './output.js';
import {tokenOptionSpecs, tokenOptionsFrom, tokenOptionsHelp} from './token-options.js';

export const tokenHelp = `Usage: aadlog token [JWT | -] [options]

Decodes a bearer token offline (nothing is sent anywhere) and says what is wrong with
it: expired or not yet valid at --at, a Microsoft Graph token sent to another API,
audience or issuer not what the API expects (v1 vs v2, wrong tenant, B2C vs Entra),
alg none or HS*, signing key not in the API's key set. Reads the token from standard
input by default, so it stays out of your shell history; any text holding JWTs works
("Authorization: Bearer ..." lines, log lines). The token and its signature are never
printed: only a fingerprint, the header and the claims.

Options:
  --expect-aud AUD        audience the API accepts (repeatable)
  --expect-iss ISS        issuer the API accepts (repeatable)
  --at TIME               judge exp/nbf at this time: ISO 8601 or Unix seconds (default: now)
${tokenOptionsHelp}
  --rules DIR             extra rule folder (repeatable)
  --json                  print a JSON array, one object per token
  -h, --help              show this help

Exit status: 0 no problem found, 1 usage error (no token in the input),
2 at least one problem found.

Examples:
  pbpaste | aadlog token --expect-aud api://orders
  aadlog token --jwks keys.json --expect-iss https://login.microsoftonline.com/<tid>/v2.0 < token.txt
`;

export async function tokenCommand(argv: string[]): Promise<number> {
	const {values, positionals} = parseArgs({
		args: argv,
		allowPositionals: true,
		options: {
			'expect-aud': {type: 'string', multiple: true, default: []},
			'expect-iss': {type: 'string', multiple: true, default: []},
			at: {type: 'string'},
			rules: {type: 'string', multiple: true, default: []},
			json: {type: 'boolean', default: false},
			help: {type: 'boolean', short: 'h', default: false},
			...tokenOptionSpecs,
		},
	});
	if (values.help) {
		writeOut(tokenHelp);
		return exitCodes.ok;
	}
	if (positionals.length > 1) throw new AadlogError('ERR_USAGE', 'give one token (or - for standard input)');
	const {keySet, clockSkewSeconds} = tokenOptionsFrom(values);
	const text = positionals.length === 0 || positionals[0] === '-' ? readFileSync(0, 'utf8') : positionals[0];
	const reports = await diagnoseTokens(text, {
		engine: loadKnowledge(values.rules).engine,
		at: timeOf(values.at),
		expectAudiences: values['expect-aud'],
		expectIssuers: values['expect-iss'],
		keySet,
		clockSkewSeconds,
	});
	if (reports.length === 0) throw new AadlogError('ERR_USAGE', 'no JWT found in the input (a JWT starts with eyJ and has two dots)');
	if (values.json) writeJson(reports.map(forJson));
	else writeOut(tokenTerminal(reports));
	return reports.some((r) => r.diagnoses.length > 0) ? exitCodes.rejected : exitCodes.ok;
}

function timeOf(at: string | undefined): string {
	if (at === undefined) return new Date().toISOString();
	const iso = /^\d{1,12}$/.test(at) ? normalizeTime(Number(at)) : normalizeTime(at);
	if (iso === undefined) throw new AadlogError('ERR_USAGE', `--at: not a time: ${at} (ISO 8601, or Unix seconds)`);
	return iso;
}

/** The facts without the claims JSON string (the claims are there already, as an object). */
function forJson(r: TokenReport): unknown {
	const {claimsJson: _claims, ...facts} = r.facts;
	return {...r, facts};
}
