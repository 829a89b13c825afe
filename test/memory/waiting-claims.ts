/**
 * Run in a child process with a small heap (correlate-memory.test.ts): `count` app failures,
 * each with a join id and a token whose claims are `claimsBytes` of JSON of their own, go
 * through the correlator as a run hands them on. Settled events are let go, as the store does.
 * Prints how many were settled before the end of the run, then how many in all.
 */
import {Correlator, type Pending} from '../../src/correlate/correlator.js';
import {newEvent} from '../../src/extract/event.js';

const [count, claimsBytes] = process.argv.slice(2).map(Number);
const correlator = new Correlator({findSignin: () => undefined});
let settledEarly = 0;

for (let i = 0; i < count; i++) {
	const event = newEvent('app', {file: 'api.log', line: i + 1});
	event.outcome = 'failure';
	event.codes.aadsts.push(50126);
	event.ids.traceId = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
	event.message = `fail: GET /orders 401 Authorization: Bearer <jwt:${i}>`;
	// Group ids as a token with many groups carries them: distinct in every token, as distinct tokens are.
	const groups = Array.from(
		{length: Math.ceil(claimsBytes / 40)},
		(_, g) => `${String(i).padStart(8, '0')}-${String(g).padStart(4, '0')}-4000-8000-000000000000`,
	);
	event.tokens = [{fingerprint: `fp${i}`, hasNonce: false, issuerKind: 'aad-v2', claimsJson: JSON.stringify({aud: 'api://orders', groups})}];
	const pending: Pending = {event, key: BigInt(i), sourceId: 1};
	settledEarly += correlator.wait(pending).length;
}
const settled = settledEarly + correlator.joinAll().length;
process.stdout.write(`${settledEarly} ${settled}\n`);
