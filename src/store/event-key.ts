/**
 * What makes two events the same to the store (events.record_key, ON CONFLICT DO NOTHING):
 * a sign-in is its id, whatever shape or file it came in (signinKey). Records without one
 * are their bytes: an app log line is the same record only in the same file (two servers
 * log identical lines).
 */
import type {AuthEvent} from '../extract/event.js';
import type {JsonRecord, TextRecord} from '../read/record.js';
import {recordKey, signinKey} from '../util/hash.js';

export function eventKey(label: string, record: JsonRecord | TextRecord, event: AuthEvent): bigint {
	const requestId = event.kind === 'signin' ? event.ids.requestId : undefined;
	if (requestId) return signinKey(requestId);
	if (record.type === 'json') return recordKey(event.kind === 'app' ? `${label}\n${record.raw}` : record.raw);
	return recordKey(`${label}\n${record.source.line}\n${record.text}`);
}
