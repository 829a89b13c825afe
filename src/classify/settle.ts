/**
 * The classify step for one event whose correlation is settled: the rules, then the
 * pseudonyms (after the rules, which may need the real UPN, #EXT#; their evidence quotes
 * values too). An incident's evidence names the record it came from.
 */
import path from 'node:path';
import type {AuthEvent, IncidentFacts, RecordSource} from '../extract/event.js';
import type {Pseudonymizer} from '../privacy/pseudonymizer.js';
import type {CauseMatch, RulesEngine} from './engine.js';

export function classifyEvent(engine: RulesEngine, pseudonymizer: Pseudonymizer | undefined, event: AuthEvent): CauseMatch[] {
	const causes = engine.classify(event);
	const {incident} = event;
	if (incident && incident.records.length > 1) for (const cause of causes) cause.evidence = cause.evidence.map((e) => withOrigin(e, incident, event.source));
	if (pseudonymizer) {
		const userId = event.who.userId;
		pseudonymizer.event(event);
		for (const cause of causes) cause.evidence = cause.evidence.map((e) => pseudonymizer.text(e, userId)!);
	}
	return causes;
}

/** `token.aud=… (app.log:12)`: the record of the incident the evidence came from, when it is another than the event's own. */
function withOrigin(evidence: string, incident: IncidentFacts, own: RecordSource): string {
	const from = originOf(evidence, incident);
	if (!from || (from.line === own.line && from.index === own.index)) return evidence;
	return `${evidence} (${path.basename(from.file)}:${from.line})`;
}

function originOf(evidence: string, {records, origins, messages}: IncidentFacts): RecordSource | undefined {
	if (evidence.startsWith('message=')) {
		const quoted = evidence.slice('message='.length);
		const i = messages.findIndex((m) => m === quoted || quoted.startsWith(m.slice(0, 200)));
		return i < 0 ? undefined : records[i];
	}
	const field = /^[\w.]+/.exec(evidence)?.[0] ?? '';
	const value = evidence.slice(field.length + 1).split(';')[0];
	return origins[`${field}=${value}`] ?? origins[field] ?? origins[field.split('.')[0]];
}
