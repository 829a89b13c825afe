/** Generated inputs: large enough for a run to last a few seconds (kill, concurrency and progress tests), or with tokens and broken records. */

import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {tempDir} from './helpers.js';
import {accessClaims, newSigner} from './token-fixtures.js';

const codes = [0, 0, 0, 50126, 50076, 53003, 700016, 50058, 65001, 7000215];

/** A JSON Lines file of `count` Graph sign-ins (about 430 bytes each), ids from `offset`. */
export function bigSigninFile(count: number, offset = 0, dir = tempDir()): string {
	const file = path.join(dir, `signins-${offset}.jsonl`);
	const lines: string[] = [];
	for (let i = offset; i < offset + count; i++) {
		lines.push(
			JSON.stringify({
				id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
				createdDateTime: new Date(Date.UTC(2026, 10, 20) + i * 1000).toISOString(),
				userPrincipalName: `user${i % 500}@contoso.com`,
				appId: `app-${i % 12}`,
				appDisplayName: `Contoso App ${i % 12}`,
				correlationId: `10000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
				status: {errorCode: codes[i % codes.length], failureReason: 'x'.repeat(120)},
			}),
		);
	}
	writeFileSync(file, lines.join('\n') + '\n');
	return file;
}

/** App log lines with bearer tokens (the same token twice, then an expired one) and a broken JSON record. */
export async function appLogWithTokens(dir: string): Promise<string[]> {
	const signer = await newSigner('k1');
	const iat = Date.parse('2026-11-20T10:00:00Z') / 1000;
	const [fresh, old] = [await signer.sign(accessClaims(iat)), await signer.sign(accessClaims(iat - 7200))];
	const log = path.join(dir, 'api.log');
	writeFileSync(
		log,
		[
			`2026-11-20T10:05:00Z fail: GET /orders 401 IDX10223: Lifetime validation failed. Authorization: Bearer ${old}`,
			`2026-11-20T10:06:00Z fail: GET /orders 401 IDX10214: Audience validation failed. Authorization: Bearer ${fresh}`,
			`2026-11-20T10:07:00Z fail: GET /orders 401 IDX10214: Audience validation failed. Authorization: Bearer ${fresh}`,
		].join('\n') + '\n',
	);
	const broken = path.join(dir, 'broken.jsonl');
	writeFileSync(broken, '{"id": "x", "status": {"errorCode": 50126}}\n{"id": "y", "status": \n');
	return [log, broken];
}
