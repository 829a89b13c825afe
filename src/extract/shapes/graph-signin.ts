/** Graph `signIn` (v1.0 and beta; also the Entra admin center JSON download). */
import type {AuthEvent, RecordSource} from '../event.js';
import {newEvent} from '../event.js';
import type {InputShape} from '../input-shape.js';
import type {JsonObject} from '../json-values.js';
import {integer, isObject} from '../json-values.js';
import {fillFromGraphFields, setOutcome} from '../signin-fields.js';

export function extractGraphSignin(record: JsonObject, source: RecordSource): AuthEvent {
	const event = newEvent('signin', source);
	fillFromGraphFields(event, record);
	setOutcome(event, integer(isObject(record.status) ? record.status.errorCode : undefined));
	return event;
}

export const graphSignin: InputShape = {
	name: 'graph-signin',
	summary: 'Graph signIn records (v1.0, beta, the admin center JSON download): camelCase fields, status.errorCode',
	recognize: (record) => 'createdDateTime' in record || (isObject(record.status) && 'errorCode' in record.status),
	extract: extractGraphSignin,
};
