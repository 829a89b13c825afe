/**
 * `aadlog trace` on a terminal: one timeline, newest evidence first. Each event says where
 * it was read (file:line), what failed, and its most likely cause; each cause's fix is
 * printed once, after the timeline, so the story stays readable.
 */
import {paint} from '../cli/colors.js';
import type {CaPolicy} from '../extract/event.js';
import type {Story, StoryEvent} from '../trace/story.js';

export function traceTerminal(story: Story): string {
	const out: string[] = [];
	if (story.events.length === 0) return `nothing in the database carries ${story.id}\n`;
	const signins = story.events.filter((e) => e.kind === 'signin').length;
	out.push(
		`${paint.bold('trace')} ${story.id} · ${story.events.length} events (${signins} sign-ins, ${story.events.length - signins} app) · newest first`,
		'',
	);
	for (const e of story.events) out.push(...eventLines(e), '');
	for (const t of story.tokens)
		out.push(
			paint.dim(
				`token ${t.fingerprint}: aud ${t.aud ?? '?'}, iss ${t.iss ?? '?'}, expires ${t.expires_at ?? '?'}${t.signature ? `, signature ${t.signature}` : ''}`,
			),
		);
	const fixes = new Map<string, StoryEvent>();
	for (const e of story.events) if (e.cause && e.fix && e.cause !== 'unclassified' && !fixes.has(e.cause)) fixes.set(e.cause, e);
	if (fixes.size > 0) {
		out.push(paint.bold('What to do'));
		for (const [cause, e] of fixes) out.push(`  ${paint.cyan(cause)} ${paint.dim(`(${e.who})`)} ${e.fix!.replace(/\s+/g, ' ')}`);
	}
	return out.join('\n').trimEnd() + '\n';
}

function eventLines(e: StoryEvent): string[] {
	const failed = e.outcome === 'failure';
	const outcome = failed
		? paint.red(e.outcome)
		: e.outcome === 'interrupt'
			? paint.yellow(e.outcome)
			: e.outcome === 'success'
				? paint.green(e.outcome)
				: paint.dim(e.outcome);
	const what = [
		e.aadsts_codes
			? e.aadsts_codes
					.split(' ')
					.map((c) => `AADSTS${c}`)
					.join(' ')
			: undefined,
		e.oauth_error ?? undefined,
		e.idx_codes ?? undefined,
		e.bearer_error ?? undefined,
		e.http_status ? `HTTP ${e.http_status}` : undefined,
	]
		.filter(Boolean)
		.join(' · ');
	const lines = [
		`${paint.bold(e.time ?? '(no time)')}  ${e.kind === 'signin' ? 'sign-in' : 'app    '}  ${outcome}${what ? `  ${what}` : ''}  ${paint.dim(`${e.source}:${e.line ?? '?'}`)}`,
	];
	const who = [e.user_principal_name, e.app_name ?? e.app_id, e.resource_name ? `→ ${e.resource_name}` : undefined].filter(Boolean).join('  ');
	if (who) lines.push(`    ${who}`);
	if (e.kind === 'signin') {
		const context = [
			e.client_app,
			e.ca_status ? `CA ${e.ca_status}` : undefined,
			e.device_os
				? `device ${[e.device_os, e.browser, e.device_trust_type, e.device_compliant === null ? undefined : e.device_compliant ? 'compliant' : 'not compliant'].filter(Boolean).join(', ')}`
				: undefined,
			e.location,
		]
			.filter(Boolean)
			.join(' · ');
		if (context) lines.push(paint.dim(`    ${context}`));
		for (const p of e.ca_policies) lines.push(paint.dim(`    ${policyLine(p)}`));
		if (e.failure_reason && e.outcome !== 'success') lines.push(paint.dim(`    ${e.failure_reason}`));
	} else if (e.message) {
		lines.push(paint.dim(`    ${firstLines(e.message)}`));
	}
	const ids = [
		e.correlation_id ? `correlation ${e.correlation_id}` : undefined,
		e.request_id ? `request ${e.request_id}` : undefined,
		e.trace_id ? `trace ${e.trace_id}` : undefined,
	]
		.filter(Boolean)
		.join(' · ');
	if (ids) lines.push(paint.dim(`    ${ids}${e.joined_via && e.joined_via !== 'the id' ? ` · found by ${e.joined_via}` : ''}`));
	if (e.cause) lines.push(`    ${paint.cyan(e.cause)}: ${e.cause_title}${e.evidence ? paint.dim(` (because ${e.evidence})`) : ''}`);
	return lines;
}

/**
 * One line per policy: its name quoted (a name may hold any punctuation), what it did and
 * the controls it enforced.
 */
function policyLine(p: CaPolicy): string {
	const controls = [...(p.grantControls ?? []), ...(p.sessionControls ?? [])];
	return `CA policy ${JSON.stringify(p.name)}: ${p.result}${controls.length > 0 ? ` (${controls.join(', ')})` : ''}`;
}

/** The first lines of an app log record, enough to recognise it. */
function firstLines(message: string): string {
	const lines = message
		.split('\n')
		.map((l) => l.trim())
		.filter(Boolean)
		.slice(0, 3);
	const text = lines.join(' ⏎ ');
	return text.length > 300 ? text.slice(0, 300) + '…' : text;
}
