/**
 * The questions people ask the database most, by name: `aadlog query top-causes`. Each is
 * plain SQL over the documented views and tables, printed by `aadlog query --list` so it
 * can be copied and changed. `?` takes the argument after the name; a query over events
 * takes `--since/--until` as `:since` / `:until` (NULL when not given).
 */
export interface NamedQuery {
	name: string;
	description: string;
	/** What the `?` stands for, when the query takes an argument. */
	argument?: string;
	/** It binds `:since` and `:until` on the event time, so it takes --since/--until. */
	window?: true;
	sql: string;
}

/** The window condition on an events alias, as the window queries write it. */
const inWindow = (alias: string): string => `(:since IS NULL OR ${alias}.time >= :since) AND (:until IS NULL OR ${alias}.time < :until)`;

/** Client apps that sign in with legacy authentication (no MFA, no Conditional Access grant controls), as Entra names them. */
const legacyClients = [
	'Exchange ActiveSync',
	'IMAP4',
	'IMAP',
	'POP3',
	'POP',
	'SMTP',
	'Authenticated SMTP',
	'Other clients',
	'Exchange Web Services',
	'MAPI Over HTTP',
	'Offline Address Book',
	'Outlook Anywhere (RPC over HTTP)',
	'Autodiscover',
	'Exchange Online PowerShell',
	'Reporting Web Services',
	'Universal Outlook',
]
	.map((name) => `'${name.toLowerCase()}'`)
	.join(', ');

export const namedQueries: readonly NamedQuery[] = [
	{
		name: 'top-causes',
		description: 'failures and interrupts per cause, by impact (level, users, apps, failures), with who acts and a sample correlation id',
		sql: 'SELECT cause, level, who, events, failures, interrupts, users, apps, last_seen, sample_correlation_id, title FROM cause_summary LIMIT 20',
	},
	{
		name: 'by-app',
		description: 'failures per client app and cause',
		sql: 'SELECT app_name, app_id, cause, failures, users, last_seen FROM failures_by_app LIMIT 50',
	},
	{
		name: 'by-user',
		description: 'failures per user and cause',
		sql: 'SELECT user_principal_name, cause, failures, apps, last_seen FROM failures_by_user LIMIT 50',
	},
	{
		name: 'new-causes',
		description: 'causes the latest run found that no earlier run had',
		sql: 'SELECT cause, who, events, first_seen, title FROM new_causes',
	},
	{
		name: 'by-day',
		description: 'failures per UTC day and cause',
		sql: 'SELECT day, cause, sum(failures) AS failures FROM failures_by_day GROUP BY day, cause ORDER BY day DESC, failures DESC LIMIT 100',
	},
	{name: 'codes', description: 'AADSTS codes by how many events carry them', sql: 'SELECT error_code, events, interrupts FROM codes_summary LIMIT 50'},
	{
		name: 'correlation',
		description: 'every event with this correlation id, Request ID or trace id, and what joined them',
		argument: 'id',
		sql: `SELECT e.time, e.kind, e.outcome, e.error_code, e.oauth_error, e.idx_codes, c.cause, e.user_principal_name, e.app_name, s.path || ':' || e.line AS source
FROM (WITH wanted(id) AS (SELECT lower(?)) -- looked up in each id's own index
      SELECT e.id FROM wanted w JOIN events e ON e.correlation_id = w.id
      UNION SELECT e.id FROM wanted w JOIN events e ON e.request_id = w.id
      UNION SELECT e.id FROM wanted w JOIN events e ON e.trace_id = w.id) AS hit
CROSS JOIN events e ON e.id = hit.id /* CROSS: the few hits first, not every event in time order */ JOIN sources s ON s.id = e.source_id LEFT JOIN causes c ON c.id = e.cause_id
ORDER BY e.time`,
	},
	{
		name: 'joins',
		description: 'app failures joined to the sign-ins behind them',
		sql: 'SELECT app_time, app_cause, signin_cause, signin_error_code, via, correlation_id, user_principal_name, app_name FROM by_correlation ORDER BY app_time DESC LIMIT 50',
	},
	{
		name: 'tokens',
		description: 'bearer tokens seen, newest first: audience, issuer, expiry, signature check',
		sql: 'SELECT fingerprint, first_seen, aud, issuer_kind, tenant_id, app_id, expires_at, signature FROM tokens ORDER BY first_seen DESC LIMIT 50',
	},
	{
		name: 'by-ip',
		description: 'failed sign-ins per client IP address and location, with users and causes (successes are stored without IP)',
		window: true,
		sql: `SELECT e.ip_address, e.location, count(*) AS failures, count(DISTINCT e.user_principal_name) AS users,
       group_concat(DISTINCT c.cause) AS causes, max(e.time) AS last_seen
FROM events e LEFT JOIN causes c ON c.id = e.cause_id
WHERE e.kind = 'signin' AND e.outcome = 'failure' AND e.ip_address IS NOT NULL AND ${inWindow('e')}
GROUP BY e.ip_address, e.location ORDER BY failures DESC, users DESC LIMIT 50`,
	},
	{
		name: 'mfa-loops',
		description: 'users asked for MFA more than once with no successful sign-in after the last prompt',
		window: true,
		sql: `WITH prompts AS (
  SELECT e.user_principal_name, count(*) AS interrupts, count(DISTINCT e.app_id) AS apps, min(e.time) AS first_seen, max(e.time) AS last_seen
  FROM events e JOIN causes c ON c.id = e.cause_id
  WHERE e.kind = 'signin' AND e.outcome = 'interrupt' AND c.cause IN ('mfa-required', 'mfa-registration-required')
    AND e.user_principal_name IS NOT NULL AND ${inWindow('e')}
  GROUP BY 1 HAVING count(*) > 1)
SELECT p.user_principal_name, p.interrupts, p.apps, p.first_seen, p.last_seen FROM prompts p
WHERE NOT EXISTS (SELECT 1 FROM events s WHERE s.kind = 'signin' AND s.outcome = 'success' AND s.user_principal_name = p.user_principal_name
                  AND s.time > p.last_seen AND (:until IS NULL OR s.time < :until))
ORDER BY p.interrupts DESC, p.last_seen DESC LIMIT 50`,
	},
	{
		name: 'legacy-auth',
		description:
			'sign-ins by legacy-authentication clients (IMAP, POP, SMTP, ActiveSync, ...) per client and user (successes are stored without client app)',
		window: true,
		sql: `SELECT e.client_app, e.user_principal_name, count(*) AS sign_ins, sum(e.outcome = 'failure') AS failures,
       group_concat(DISTINCT c.cause) AS causes, max(e.time) AS last_seen
FROM events e LEFT JOIN causes c ON c.id = e.cause_id
WHERE e.kind = 'signin' AND lower(e.client_app) IN (${legacyClients}) AND ${inWindow('e')}
GROUP BY 1, 2 ORDER BY sign_ins DESC LIMIT 50`,
	},
	{
		name: 'rejects',
		description: 'input that could not be read, with file and line',
		sql: 'SELECT s.path, r.line, r.reason, r.excerpt FROM rejects r JOIN sources s ON s.id = r.source_id ORDER BY r.id DESC LIMIT 50',
	},
	{
		name: 'runs',
		description: 'the runs, newest first',
		sql: 'SELECT id, started_at, finished_at, status, records, rejected, stored, duplicates, bytes, skipped, version FROM runs ORDER BY id DESC LIMIT 20',
	},
	{
		name: 'ca-policies',
		description:
			'Conditional Access policies by the sign-ins they blocked, with users and apps blocked (failed and interrupted sign-ins: successes are stored without policies)',
		window: true,
		sql: `SELECT max(p.policy_id) AS policy_id, p.name, sum(p.result = 'failure') AS failures, sum(p.result = 'reportOnlyFailure') AS report_only_failures,
       count(DISTINCT CASE WHEN p.result = 'failure' THEN e.user_principal_name END) AS users,
       count(DISTINCT CASE WHEN p.result = 'failure' THEN e.app_id END) AS apps, count(DISTINCT p.event_id) AS events, max(e.time) AS last_seen
FROM event_ca_policies p JOIN events e ON e.id = p.event_id
WHERE e.kind = 'signin' AND ${inWindow('e')}
GROUP BY p.name ORDER BY failures DESC, report_only_failures DESC, events DESC, p.name LIMIT 50`,
	},
];
