/**
 * Diagnostic-settings records (storage blobs, Event Hub messages): an envelope with a
 * `resultType` string and the Graph fields in `properties{}`.
 */

import {realId} from '../artifacts/ids.js';
import {normalizeTime} from '../artifacts/time.js';
import type {AuthEvent, RecordSource} from '../event.js';
import {newEvent} from '../event.js';
import type {InputShape} from '../input-shape.js';
import type {JsonObject} from '../json-values.js';
import {integer, isObject, pick, text} from '../json-values.js';
import {fillFromGraphFields, lower, setOutcome} from '../signin-fields.js';

export function extractDiagnosticSignin(record: JsonObject, source: RecordSource): AuthEvent {
	const event = newEvent('signin', source);
	const properties = record.properties as JsonObject;
	fillFromGraphFields(event, properties);
	// The envelope's `time` is when the record was written, seconds to minutes after the
	// sign-in; it stands in only when the sign-in has no createdDateTime of its own.
	event.time ??= normalizeTime(pick(record, 'time'));
	event.ids.correlationId ??= realId(text(record.correlationId));
	event.who.tenantId ??= lower(text(record.tenantId));
	event.who.ip ??= text(record.callerIpAddress);
	event.signin!.category = text(record.category) ?? event.signin!.category;
	if (!event.signin!.failureReason) event.signin!.failureReason = text(record.resultDescription);
	const status = isObject(properties.status) ? properties.status.errorCode : undefined;
	setOutcome(event, integer(pick(record, 'resultType')) ?? integer(status));
	return event;
}

export const diagnosticSignin: InputShape = {
	name: 'diagnostic-signin',
	summary: 'diagnostic-settings records (SignInLogs and the other categories): resultType, properties{}',
	recognize: (record) => isObject(record.properties) && ('resultType' in record || 'operationName' in record || 'category' in record),
	extract: extractDiagnosticSignin,
};
