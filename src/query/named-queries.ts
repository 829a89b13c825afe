/**
 * The questions people ask the database most, by name: `aadlog query top-causes`. Each is
 * plain SQL over the documented views and tables, printed by `aadlog query --list` so it
 * can be copied and changed. `?` takes the argument after the name.
 */
export interface NamedQuery {
	name: string;
	description: string;
	/** What the `?` stands for, when the query takes an argument. */
	argument?: string;
	sql: string;
}

export const namedQueries: readonly NamedQuery[] = [
	{
		name: 'top-causes',
		description: 'failures and interrupts per cause, most first, with who acts and a sample correlation id',
		sql: 'SELECT cause, who, events, failures, interrupts, users, apps, last_seen, sample_correlation_id, title FROM cause_summary LIMIT 20',
	},
	{name: 'by-app', description: 'failures per client app and cause', sql: 'SELECT app, cause, failures, users, last_seen FROM failures_by_app LIMIT 50'},
	{name: 'by-user', description: 'failures per user and cause', sql: 'SELECT user, cause, failures, apps, last_seen FROM failures_by_user LIMIT 50'},
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
	{name: 'codes', description: 'AADSTS codes by how many events carry them', sql: 'SELECT code, events, interrupts FROM codes_summary LIMIT 50'},
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
		sql: 'SELECT app_time, app_cause, signin_cause, signin_code, via, correlation_id, user_principal_name, app_name FROM by_correlation ORDER BY app_time DESC LIMIT 50',
	},
	{
		name: 'tokens',
		description: 'bearer tokens seen, newest first: audience, issuer, expiry, signature check',
		sql: 'SELECT fingerprint, first_seen, aud, issuer_kind, tenant_id, app_id, expires_at, signature FROM tokens ORDER BY first_seen DESC LIMIT 50',
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
];
