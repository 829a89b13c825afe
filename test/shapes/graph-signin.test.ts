/** The graph-signin shape: Graph signIn records (src/extract/shapes/graph-signin.ts). */
import test from 'ava';
import {shapeOf} from '../../src/extract/shapes/index.js';
import {fromJson, g1, g2} from './shape-helpers.js';

test('graph-signin reads a record with createdDateTime or a status.errorCode', (t) => {
	t.is(shapeOf({createdDateTime: '2026-11-19T00:00:00Z'})?.name, 'graph-signin');
	t.is(shapeOf({status: {errorCode: 0}})?.name, 'graph-signin');
	t.is(shapeOf({status: {}}), undefined);
});

test('Graph signIn: status code, ids, user, app, CA policies that acted', (t) => {
	const e = fromJson({
		id: g1.toUpperCase(),
		createdDateTime: '2026-11-19T08:44:04.6195833Z',
		correlationId: g2,
		userPrincipalName: 'a@contoso.com',
		appId: 'app',
		appDisplayName: 'Portal',
		status: {errorCode: 53003, failureReason: 'Blocked by CA'},
		appliedConditionalAccessPolicies: [
			{displayName: 'Block legacy', result: 'failure'},
			{displayName: 'Other', result: 'notEnabled'},
		],
		signInEventTypes: ['interactiveUser'],
		authenticationProtocol: 'deviceCode',
	});
	t.is(e.kind, 'signin');
	t.is(e.outcome, 'failure');
	t.deepEqual(e.codes.aadsts, [53003]);
	t.is(e.ids.requestId, g1);
	t.is(e.time, '2026-11-19T08:44:04.619Z');
	t.deepEqual(e.signin?.caPolicies, [{name: 'Block legacy', result: 'failure'}]);
	t.is(e.signin?.category, 'interactiveUser');
	t.is(e.signin?.flow, 'deviceCode');
});

test('success is error code 0; a missing or empty status is unknown, not success', (t) => {
	t.is(fromJson({createdDateTime: '2026-11-19T00:00:00Z', status: {errorCode: 0, failureReason: 'Other.'}}).outcome, 'success');
	t.is(fromJson({createdDateTime: '2026-11-19T00:00:00Z', status: {}}).outcome, 'unknown');
	t.is(fromJson({createdDateTime: '2026-11-19T00:00:00Z'}).outcome, 'unknown');
});

test('a sign-in error code too large to be exact is no code', (t) => {
	const e = fromJson({createdDateTime: '2026-11-19T00:00:00Z', status: {errorCode: '500111111111111111111'}});
	t.deepEqual(e.codes.aadsts, []);
	t.is(e.outcome, 'unknown');
	t.deepEqual(fromJson({createdDateTime: '2026-11-19T00:00:00Z', status: {errorCode: '50126'}}).codes.aadsts, [50126]);
});
