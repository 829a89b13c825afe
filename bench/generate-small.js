// The small record profile (~0.9 KB): a Graph sign-in with the fields aadlog reads and one
// Conditional Access policy. Per-record cost dominates here, as in non-interactive logs.
import {drawBasics, fixedId, recordId, recordTime} from './generate-common.js';

/** Sign-in `i` of night `night` as a Graph `signIn` object. */
export function smallSignin(rand, night, i) {
	const {code, user, app} = drawBasics(rand);
	return {
		id: recordId(1, night, i),
		createdDateTime: recordTime(night, i),
		correlationId: recordId(2, night, i),
		userPrincipalName: `user${user}@contoso.com`,
		userId: fixedId(user, 0x2222),
		appId: fixedId(app, 0x1111),
		appDisplayName: `Contoso App ${app}`,
		ipAddress: `203.0.113.${Math.floor(rand() * 250)}`,
		clientAppUsed: 'Browser',
		conditionalAccessStatus: code === 53003 ? 'failure' : 'notApplied',
		isInteractive: rand() < 0.3,
		resourceDisplayName: 'Microsoft Graph',
		resourceId: '00000003-0000-0000-c000-000000000000',
		status: {errorCode: code, failureReason: code ? 'The sign-in failed.' : 'Other.', additionalDetails: null},
		deviceDetail: {deviceId: '', operatingSystem: 'Windows 10', browser: 'Edge 120.0.0'},
		location: {city: 'Redmond', countryOrRegion: 'US'},
		appliedConditionalAccessPolicies: [
			{
				id: recordId(4, night, i),
				displayName: 'Require MFA for admins',
				enforcedGrantControls: ['Mfa'],
				enforcedSessionControls: [],
				result: 'notApplied',
			},
		],
	};
}
