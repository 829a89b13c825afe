import {appliedPolicies} from './src/extract/ca-policies.js';
import {policyRows} from './src/store/policy-rows.js';
const raw = [
	{id: 'A3F1C2D4-5e6f-4a7b-8c9d-0e1f2a3b4c5d', displayName: 'CA001: Require MFA for admins', enforcedGrantControls: ['Mfa'], enforcedSessionControls: [], result: 'success'},
	{id: 'b4a2d3e5-6f7a-4b8c-9d0e-1f2a3b4c5d6e', displayName: 'CA002: Block legacy', enforcedGrantControls: ['Block'], enforcedSessionControls: [], result: 'failure'},
];
const evs = Array.from({length: 20000}, () => ({kind: 'signin', outcome: 'failure', signin: {caPolicies: appliedPolicies(JSON.parse(JSON.stringify(raw)))}}));
for (let round = 0; round < 3; round++) {
	const t = performance.now();
	let k = 0;
	for (let j = 0; j < 10; j++) for (const e of evs) k += policyRows(e as never).length;
	if (round === 2) console.log('policyRows', (((performance.now() - t) / 200000) * 1e6).toFixed(0), 'ns/event', k);
}
