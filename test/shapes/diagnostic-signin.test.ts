/** The diagnostic-signin shape: diagnostic-settings records (src/extract/shapes/diagnostic-signin.ts). */
import test from 'ava';
import {shapeOf} from '../../src/extract/shapes/index.js';
import {fromJson, g1, g2} from './shape-helpers.js';

test('diagnostic-signin reads a properties{} envelope, before the Graph fields inside it', (t) => {
	t.is(shapeOf({time: '2026-11-19T00:00:00Z', category: 'SignInLogs', properties: {createdDateTime: '2026-11-19T00:00:00Z'}})?.name, 'diagnostic-signin');
	t.is(shapeOf({resultType: '0', properties: {}})?.name, 'diagnostic-signin');
	t.not(shapeOf({resultType: '0', properties: 'text'})?.name, 'diagnostic-signin');
});

test('diagnostic-settings record: resultType string, envelope fields, drift in Level and time', (t) => {
	const e = fromJson({
		time: '11/19/2026 1:45:17 PM',
		resultType: '50126',
		category: 'NonInteractiveUserSignInLogs',
		Level: 'Informational',
		correlationId: g2,
		tenantId: 'T1',
		callerIpAddress: '203.0.113.9',
		durationMs: '0',
		properties: {id: g1, status: {errorCode: 50126}, userPrincipalName: 'b@contoso.com'},
	});
	t.is(e.outcome, 'failure');
	t.deepEqual(e.codes.aadsts, [50126]);
	t.is(e.time, '2026-11-19T13:45:17.000Z');
	t.is(e.signin?.category, 'nonInteractiveUser');
	t.is(e.who.tenantId, 't1');
	t.is(e.who.ip, '203.0.113.9');
	t.is(fromJson({resultType: '0', properties: {}}).outcome, 'success');
	t.is(fromJson({resultType: '', properties: {}, category: 'SignInLogs'}).outcome, 'unknown');
});
