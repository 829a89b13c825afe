/**
 * A short fingerprint of the rules in force (their content, not their files' paths), kept
 * with each run and each reclassification: which rules gave a stored event its cause.
 */
import {createHash} from 'node:crypto';
import type {Rule} from './rule.js';

export function rulesVersion(rules: readonly Rule[]): string {
	const hash = createHash('sha256');
	for (const rule of [...rules].sort((a, b) => (a.id < b.id ? -1 : 1))) {
		const {file: _file, ...content} = rule;
		hash.update(JSON.stringify(content));
		hash.update('\n');
	}
	return hash.digest('hex').slice(0, 16);
}
