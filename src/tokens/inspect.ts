/**
 * The token step of the spine, between extract and classify: settle the signature checks
 * started while the raw tokens existed (only with --jwks), then assess each token at the
 * event's time and against what the validator expected.
 */
import type {JSONWebKeySet} from 'jose';
import type {AuthEvent} from '../extract/event.js';
import {assessTokens, defaultClockSkewSeconds} from './assess.js';
import type {OnToken} from './find.js';
import {SignatureChecker} from './key-sets.js';

export interface TokenOptions {
	/** Keys to check signatures with (--jwks); none: signatures are not checked. */
	keySet?: JSONWebKeySet;
	clockSkewSeconds?: number;
}

export class TokenInspector {
	/** Given to the extractors: starts a signature check per new token. */
	readonly onToken?: OnToken;
	private readonly checker?: SignatureChecker;
	private readonly clockSkewSeconds: number;

	constructor(options: TokenOptions = {}) {
		this.clockSkewSeconds = options.clockSkewSeconds ?? defaultClockSkewSeconds;
		if (options.keySet) {
			const checker = new SignatureChecker(options.keySet);
			this.checker = checker;
			this.onToken = (token, facts) => checker.start(token, facts);
		}
	}

	async inspect(event: AuthEvent): Promise<void> {
		if (!event.tokens || event.tokens.length === 0) return;
		const signatures = this.checker ? await this.checker.settle(event.tokens) : undefined;
		assessTokens(event, {clockSkewSeconds: this.clockSkewSeconds});
		// On the event's own copies: the decoded facts are shared by every run in the process.
		if (signatures) event.tokens = event.tokens!.map((t, i) => (signatures[i] === undefined ? t : {...t, signature: signatures[i]}));
	}

	/** Again, for an incident: its tokens against the expectations and time another of its records logged. */
	reassess(event: AuthEvent): void {
		assessTokens(event, {clockSkewSeconds: this.clockSkewSeconds});
	}
}
