/** The log-analytics-signin shape: Log Analytics rows (src/extract/shapes/log-analytics-signin.ts). */
import test from 'ava';
import {shapeOf} from '../../src/extract/shapes/index.js';
import {fromJson, g1, g2} from './shape-helpers.js';

test('log-analytics-signin reads PascalCase rows: ResultType, or TimeGenerated with CorrelationId', (t) => {
	t.is(shapeOf({ResultType: '0'})?.name, 'log-analytics-signin');
	t.is(shapeOf({TimeGenerated: '2026-11-19T00:00:00Z', CorrelationId: g2})?.name, 'log-analytics-signin');
	t.is(shapeOf({TimeGenerated: '2026-11-19T00:00:00Z'}), undefined);
});

test('Log Analytics row: PascalCase columns, JSON encoded as strings decoded', (t) => {
	const e = fromJson({
		TimeGenerated: '2026-11-19T08:00:00Z',
		ResultType: '50173',
		CorrelationId: g2,
		Id: g1,
		UserPrincipalName: 'c@contoso.com',
		Status: '{"errorCode":50173,"failureReason":"Fresh auth token is needed."}',
		ConditionalAccessPolicies: '[{"displayName":"P","result":"success"}]',
		AuthenticationProcessingDetails: '[{"key":"Legacy TLS","value":"False"}]',
	});
	t.deepEqual(e.codes.aadsts, [50173]);
	t.is(e.signin?.failureReason, 'Fresh auth token is needed.');
	t.deepEqual(e.signin?.caPolicies, [{name: 'P', result: 'success'}]);
	t.deepEqual(e.signin?.processingDetails, ['Legacy TLS=False']);
});

test("Conditional Access policies: Log Analytics objects with id and controls, and Graph PowerShell's PascalCase keys", (t) => {
	const la = fromJson({
		TimeGenerated: '2026-11-19T08:00:00Z',
		ResultType: '53003',
		ConditionalAccessPolicies: [
			{
				id: 'DEFB835A-EB9F-4346-A2CA-7A9184867BF1',
				displayName: 'Block: legacy; auth',
				result: 'failure',
				enforcedGrantControls: ['Block'],
				enforcedSessionControls: [],
			},
			{id: 'x', displayName: 'Off', result: 'notEnabled'},
		],
	});
	t.deepEqual(la.signin?.caPolicies, [
		{id: 'defb835a-eb9f-4346-a2ca-7a9184867bf1', name: 'Block: legacy; auth', result: 'failure', grantControls: ['Block']},
	]);
	const powerShell = fromJson({
		CreatedDateTime: '2026-11-19T08:00:00Z',
		CorrelationId: g2,
		Status: {ErrorCode: 53003},
		AppliedConditionalAccessPolicies: [
			{Id: 'a', DisplayName: 'Require MFA', Result: 'success', EnforcedGrantControls: ['Mfa']},
			{Id: 'b', DisplayName: 'Report', Result: 'ReportOnlyFailure'},
		],
	});
	t.deepEqual(powerShell.signin?.caPolicies, [
		{id: 'a', name: 'Require MFA', result: 'success', grantControls: ['Mfa']},
		{id: 'b', name: 'Report', result: 'reportOnlyFailure'},
	]);
});
