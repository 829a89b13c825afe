// The benchmark's input: realistic Graph sign-ins, deterministic by seed (bench/run.js, bench/report.js).
import {createWriteStream, mkdirSync} from 'node:fs';
import {once} from 'node:events';
import path from 'node:path';

// ~30% failures over a spread of codes; deterministic (seeded), so runs compare.
export const codes = [50126, 50076, 53003, 700016, 50053, 65001, 70008, 50140, 50058, 7000215, 50105, 90094, 500011, 50173, 700082, 50011, 53000, 50079, 81012, 70043];
/** `targetMb` MB of Graph sign-ins as JSON Lines, the same bytes for the same size. */
export async function generateSignins(file, targetMb) {
	mkdirSync(path.dirname(file), {recursive: true});
	const out = createWriteStream(file);
	let seed = 42;
	const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
	let bytes = 0;
	for (let i = 0; bytes < targetMb * 1e6; i++) {
		const code = rand() < 0.3 ? codes[Math.floor(rand() * codes.length)] : 0;
		// 5000 users and 50 apps, each with one id; request and correlation ids unique per record.
		const user = Math.floor(rand() * 5000);
		const app = Math.floor(rand() * 50);
		const fixed = (n, kind) => `${n.toString(16).padStart(8, '0')}-${kind.toString(16)}-4000-8000-000000000000`;
		const g = (n) => `${(n >>> 0).toString(16).padStart(8, '0')}-0000-4000-8000-${String(i).padStart(12, '0')}`;
		const line = JSON.stringify({
			id: g(1), createdDateTime: new Date(Date.UTC(2026, 10, 1) + i * 1000).toISOString(), correlationId: g(2),
			userPrincipalName: `user${user}@contoso.com`, userId: fixed(user, 0x2222), appId: fixed(app, 0x1111), appDisplayName: `Contoso App ${app}`,
			ipAddress: `203.0.113.${Math.floor(rand() * 250)}`, clientAppUsed: 'Browser', conditionalAccessStatus: code === 53003 ? 'failure' : 'notApplied',
			isInteractive: rand() < 0.3, resourceDisplayName: 'Microsoft Graph', resourceId: '00000003-0000-0000-c000-000000000000',
			status: {errorCode: code, failureReason: code ? 'The sign-in failed.' : 'Other.', additionalDetails: null},
			deviceDetail: {deviceId: '', displayName: null, operatingSystem: 'Windows 10', browser: 'Edge 120.0.0', isCompliant: null, isManaged: null, trustType: null},
			location: {city: 'Redmond', state: 'Washington', countryOrRegion: 'US', geoCoordinates: {altitude: null, latitude: 47.68, longitude: -122.12}},
			appliedConditionalAccessPolicies: [{id: g(4), displayName: 'Require MFA for admins', enforcedGrantControls: ['Mfa'], enforcedSessionControls: [], result: 'notApplied'}],
			authenticationProcessingDetails: [{key: 'Legacy TLS (TLS 1.0, 1.1, 3DES)', value: 'False'}, {key: 'Is CAE Token', value: 'False'}],
		}) + '\n';
		bytes += line.length;
		if (!out.write(line)) await once(out, 'drain');
	}
	out.end();
	await once(out, 'finish');
}
