/** Generated inputs large enough for a run to last a few seconds (kill, concurrency and progress tests). */
import path from 'node:path';
import {writeFileSync} from 'node:fs';
import {tempDir} from './helpers.js';

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
