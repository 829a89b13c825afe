/**
 * Schema migration 15: cause_summary names each cause's level and lists causes in the order
 * the reports rank them (src/report/impact.ts): failing causes before expected steps, then
 * level, users, apps and failures.
 * History: never edit a migration that has shipped; a new one goes in a new file, listed in index.ts.
 */
export const causeSummaryByImpact: readonly string[] = [
	/* 15: cause_summary with level, ranked by impact. */ `
DROP VIEW cause_summary;
CREATE VIEW cause_summary AS  -- failures and interrupts per most likely cause, by impact: causes with failures first, then level, users, apps, failures
SELECT c.cause,                              -- rule id of the cause
       c.title,                              -- the cause in one line
       c.level,                              -- how bad: critical | high | medium | low | info
       c.who,                                -- who must act: user | admin | developer | microsoft
       count(*) AS events,                   -- failures and interrupts with this cause
       sum(e.outcome = 'failure') AS failures, -- of which failures
       sum(e.outcome = 'interrupt') AS interrupts, -- of which expected interrupts
       count(DISTINCT e.user_principal_name) AS users, -- distinct users affected
       count(DISTINCT e.app_id) AS apps,     -- distinct client apps affected
       min(e.time) AS first_seen,            -- earliest event, ISO 8601 UTC
       max(e.time) AS last_seen,             -- latest event, ISO 8601 UTC
       max(e.correlation_id) AS sample_correlation_id, -- one correlation id to quote in a support case
       c.fix                                 -- what to do
FROM events e JOIN causes c ON c.id = e.cause_id
GROUP BY c.id
ORDER BY failures = 0, CASE c.level WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 WHEN 'info' THEN 4 ELSE 5 END,
         users DESC, apps DESC, failures DESC, c.cause;
`,
];
