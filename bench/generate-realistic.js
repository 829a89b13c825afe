// The realistic record profile (4-8 KB, mean 4.7 KB): a Graph beta sign-in as tenants export it, with
// 10-30 Conditional Access policies evaluated, authentication steps, device, location and
// named networks. Field names as in Microsoft's signIn resource (see docs/FORMATS).
import {drawBasics, fixedId, pick, recordId, recordTime} from './generate-common.js';

const tenant = '6c1d5f2e-8a4b-4c39-9e7d-1f2a3b4c5d6e';
const policyNames = [
	'Require MFA for admins',
	'Block legacy authentication',
	'Require compliant device',
	'Require MFA for Azure management',
	'Block access from untrusted countries',
	'Require app protection policy',
	'Sign-in frequency for unmanaged devices',
	'Require MFA for guests',
	'Block high-risk sign-ins',
	'Require password change for high-risk users',
	'Require hybrid joined device',
	'Terms of use for partners',
	'Require MFA off the corporate network',
	'Block device code flow',
	'Session lifetime for browsers',
	'Require phishing-resistant MFA for admins',
];
// Forty policies per tenant, each with a fixed id; a sign-in is evaluated against 10-30 of them.
const policies = Array.from({length: 40}, (_, n) => ({
	id: fixedId(n, 0x3333),
	displayName: `CA${String(n + 1).padStart(3, '0')}: ${policyNames[n % policyNames.length]}`,
}));
const grants = [['Mfa'], [], ['RequireCompliantDevice'], ['Mfa', 'RequireCompliantDevice'], ['Block']];
const results = ['success', 'notApplied', 'notApplied', 'notApplied', 'notEnabled', 'reportOnlyNotApplied'];
const places = [
	['Redmond', 'Washington', 'US', 47.674, -122.1215],
	['Dublin', 'Dublin', 'IE', 53.3498, -6.2603],
	['Munich', 'Bavaria', 'DE', 48.1351, 11.582],
	['Singapore', 'Singapore', 'SG', 1.3521, 103.8198],
];
const devices = [
	['Windows 10', 'Edge 130.0.0', 'Azure AD joined'],
	['Windows 11', 'Chrome 130.0.0', 'Hybrid Azure AD joined'],
	['MacOs', 'Safari 17.6', null],
	['Ios', 'Mobile Safari 17.6', null],
];
const agents = [
	'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0',
	'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15',
];

function appliedPolicies(rand, code) {
	// Skewed toward fewer (a mean of 13): most sign-ins meet 10-12 policies, a few up to 30.
	const count = 10 + Math.floor(rand() ** 6 * 21);
	const start = Math.floor(rand() * policies.length);
	return Array.from({length: count}, (_, k) => {
		const policy = policies[(start + k) % policies.length];
		const result = code === 53003 && k === 0 ? 'failure' : pick(rand, results);
		const enforced = result === 'success' || result === 'failure';
		return {...policy, enforcedGrantControls: enforced ? pick(rand, grants) : [], enforcedSessionControls: [], result};
	});
}

function authenticationSteps(time, code, multiFactor) {
	const password = {
		authenticationStepDateTime: time,
		authenticationMethod: 'Password',
		authenticationMethodDetail: 'Password Hash Sync',
		succeeded: code !== 50126,
		authenticationStepResultDetail: code === 50126 ? 'Invalid username or password or Invalid on-premise username or password.' : 'Correct password',
		authenticationStepRequirement: 'Primary authentication',
	};
	if (code === 50126 || !multiFactor) return [password];
	return [
		password,
		{
			authenticationStepDateTime: time,
			authenticationMethod: 'Mobile app notification',
			authenticationMethodDetail: null,
			succeeded: code !== 50074 && code !== 50076,
			authenticationStepResultDetail: code ? 'MFA required in Azure AD' : 'MFA successfully completed',
			authenticationStepRequirement: 'Multi-factor authentication',
		},
	];
}

/** Sign-in `i` of night `night` as a Graph beta `signIn` object. */
export function realisticSignin(rand, night, i) {
	const {code, user, app} = drawBasics(rand);
	const time = recordTime(night, i);
	const [city, state, countryOrRegion, latitude, longitude] = pick(rand, places);
	const [operatingSystem, browser, trustType] = pick(rand, devices);
	const interactive = rand() < 0.3;
	const multiFactor = code === 50074 || code === 50076 || rand() < 0.2;
	return {
		id: recordId(1, night, i),
		createdDateTime: time,
		userDisplayName: `User ${user}`,
		userPrincipalName: `user${user}@contoso.com`,
		userId: fixedId(user, 0x2222),
		appId: fixedId(app, 0x1111),
		appDisplayName: `Contoso App ${app}`,
		ipAddress: `203.0.113.${Math.floor(rand() * 250)}`,
		status: {errorCode: code, failureReason: code ? 'The sign-in failed.' : 'Other.', additionalDetails: null},
		clientAppUsed: interactive ? 'Browser' : 'Mobile Apps and Desktop clients',
		userAgent: pick(rand, agents),
		correlationId: recordId(2, night, i),
		conditionalAccessStatus: code === 53003 ? 'failure' : 'success',
		isInteractive: interactive,
		tokenIssuerType: 'AzureAD',
		processingTimeInMilliseconds: Math.floor(rand() * 400),
		riskDetail: 'none',
		riskLevelDuringSignIn: 'none',
		riskState: 'none',
		riskEventTypes: [],
		resourceDisplayName: 'Microsoft Graph',
		resourceId: '00000003-0000-0000-c000-000000000000',
		homeTenantId: tenant,
		authenticationRequirement: multiFactor ? 'multiFactorAuthentication' : 'singleFactorAuthentication',
		signInEventTypes: [interactive ? 'interactiveUser' : 'nonInteractiveUser'],
		servicePrincipalId: '',
		crossTenantAccessType: 'none',
		uniqueTokenIdentifier: `${recordId(5, night, i).replace(/-/g, '').slice(0, 22)}`,
		incomingTokenType: 'none',
		authenticationProtocol: 'none',
		sessionId: recordId(3, night, Math.floor(i / 8)),
		userType: 'Member',
		autonomousSystemNumber: 8075,
		deviceDetail: {deviceId: fixedId(user, 0x4444), operatingSystem, browser, isCompliant: trustType !== null, isManaged: trustType !== null, trustType},
		location: {city, state, countryOrRegion, geoCoordinates: {altitude: null, latitude, longitude}},
		appliedConditionalAccessPolicies: appliedPolicies(rand, code),
		authenticationDetails: authenticationSteps(time, code, multiFactor),
		authenticationProcessingDetails: [
			{key: 'Legacy TLS (TLS 1.0, 1.1, 3DES)', value: 'False'},
			{key: 'Is CAE Token', value: 'False'},
		],
		networkLocationDetails: [
			{networkType: 'namedNetwork', networkNames: [`Corp ${city}`]},
			{networkType: 'trustedNamedLocation', networkNames: ['Trusted IPs']},
		],
	};
}
