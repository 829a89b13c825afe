/**
 * Graph PowerShell's sign-ins (`Get-MgAuditLogSignIn | ConvertTo-Json`) spell the nested
 * objects in PascalCase too (`DeviceDetail.OperatingSystem`, `Location.City`, `IPAddress`):
 * they are read as fully as a Graph record's camelCase ones.
 */

import test from 'ava';
import type {RecordSource} from '../src/extract/event.js';
import {extractRecord} from '../src/extract/extract-record.js';

const source: RecordSource = {file: 'signins.json', line: 1};

const powershell = {
	Id: '5b1d3c2a-9e8f-4a7b-8c6d-2e1f0a9b8c7d',
	CreatedDateTime: '2026-11-19T13:42:36Z',
	UserPrincipalName: 'a@contoso.com',
	CorrelationId: '0b1c6a96-b1f5-4ab2-8f4a-a46764e29b71',
	AppId: 'a0c73c16-a7e3-4564-9a95-2bdf47383716',
	AppDisplayName: 'Contoso Expenses Web',
	IPAddress: '192.0.2.10',
	ClientAppUsed: 'Browser',
	IsInteractive: true,
	ConditionalAccessStatus: 'failure',
	DeviceDetail: {
		Browser: 'Edge 131.0.0',
		DeviceId: 'c4a5b6d7-e8f9-4a0b-9c1d-2e3f4a5b6c7d',
		DisplayName: 'LAPTOP-7',
		IsCompliant: false,
		IsManaged: true,
		OperatingSystem: 'Windows10',
		TrustType: 'Hybrid Azure AD joined',
	},
	Location: {City: 'Oslo', State: 'Oslo', CountryOrRegion: 'NO', GeoCoordinates: {Latitude: 59.9, Longitude: 10.7}},
	Status: {ErrorCode: 53000, FailureReason: 'Device is not in required device state: compliant.'},
};

test('PowerShell sign-ins: device and location sub-keys in PascalCase are read', (t) => {
	const result = extractRecord({type: 'json', value: powershell, raw: '', source});
	t.true(result.ok);
	if (!result.ok) return;
	const {signin, who} = result.event;
	t.is(who.ip, '192.0.2.10');
	t.is(signin?.deviceOs, 'Windows10');
	t.is(signin?.browser, 'Edge 131.0.0');
	t.is(signin?.deviceId, 'c4a5b6d7-e8f9-4a0b-9c1d-2e3f4a5b6c7d');
	t.is(signin?.deviceCompliant, false);
	t.is(signin?.deviceManaged, true);
	t.is(signin?.deviceTrustType, 'Microsoft Entra hybrid joined');
	t.is(signin?.location, 'Oslo, Oslo, NO');
});

test('a Graph record keeps reading its camelCase sub-keys', (t) => {
	const result = extractRecord({
		type: 'json',
		value: {
			id: 'g-1',
			createdDateTime: '2026-11-19T13:42:36Z',
			status: {errorCode: 53000},
			deviceDetail: {operatingSystem: 'iOS 18', isCompliant: true, trustType: 'Azure AD registered'},
			location: {city: 'Bergen', countryOrRegion: 'NO'},
		},
		raw: '',
		source,
	});
	t.true(result.ok);
	if (!result.ok) return;
	t.is(result.event.signin?.deviceOs, 'iOS 18');
	t.is(result.event.signin?.deviceCompliant, true);
	t.is(result.event.signin?.deviceTrustType, 'Microsoft Entra registered');
	t.is(result.event.signin?.location, 'Bergen, NO');
});
