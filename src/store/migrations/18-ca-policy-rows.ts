/**
 * Schema migration 18: Conditional Access policies as rows of event_ca_policies (event ×
 * policy: id, name, result, controls) instead of events.ca_policies, one text that joined
 * "name:result" with '; ' so a name holding either separator could not be read back.
 * The packed text is split as well as it can be: an item ends at ":success; " or
 * ":failure; " (the only results it kept), so a name holding "; " or ":" survives (one
 * holding ":failure; " itself is cut there); ids and controls were never kept, so those
 * rows have none. by_correlation names the column, so it
 * is recreated without it (join event_ca_policies on signin_event_id for the policies).
 * History: never edit a migration that has shipped; a new one goes in a new file, listed in index.ts.
 */
export const caPolicyRows: readonly string[] = [
	/* 18: event_ca_policies, ca_policy_summary; events.ca_policies dropped. */ `
CREATE TABLE event_ca_policies (
  event_id     INTEGER NOT NULL REFERENCES events(id), -- the sign-in (a failure or interrupt: a successful sign-in is stored slim, without policies), or an app event joined to it, which carries its policies
  position     INTEGER NOT NULL,    -- 1-based place in the record's list of policies
  policy_id    TEXT,                -- the policy's object id, lower case; NULL in rows migrated from the packed text of older databases (migration 18)
  name         TEXT NOT NULL,       -- its display name
  result       TEXT NOT NULL,       -- success | failure | reportOnlySuccess | reportOnlyFailure | reportOnlyInterrupted (notApplied and notEnabled are not kept)
  grant_controls TEXT,              -- enforcedGrantControls as a JSON array (json_each reads it), e.g. ["Mfa"]; NULL when none
  session_controls TEXT,            -- enforcedSessionControls as a JSON array, e.g. ["SignInFrequency"]; NULL when none
  PRIMARY KEY (event_id, position)
) WITHOUT ROWID;
INSERT INTO event_ca_policies (event_id, position, policy_id, name, result)
WITH RECURSIVE items(event_id, position, item, rest, cut) AS (  -- cut: where rest's first ":success; " or ":failure; " starts (0: none left)
  SELECT id, 0, NULL, ca_policies || '; ', instr(replace(ca_policies || '; ', ':failure; ', ':success; '), ':success; ')
  FROM events WHERE ca_policies IS NOT NULL AND ca_policies <> ''
  UNION ALL
  SELECT event_id, position + 1, substr(rest, 1, cut + 7), substr(rest, cut + 10),
         instr(replace(substr(rest, cut + 10), ':failure; ', ':success; '), ':success; ')
  FROM items WHERE cut > 0
)
SELECT event_id, position, NULL, substr(item, 1, length(item) - 8), substr(item, -7)
FROM items WHERE position > 0;
DROP VIEW by_correlation;
ALTER TABLE events DROP COLUMN ca_policies;
CREATE VIEW by_correlation AS  -- one row per joined app event and sign-in: the two halves of the story side by side
SELECT co.via,                               -- what joined them: trace_id | request_id | correlation_id | uti
       a.id AS app_event_id,                 -- the app event
       a.time AS app_time,                   -- when the app logged it
       a.outcome AS app_outcome,             -- its outcome
       ac.cause AS app_cause,                -- its most likely cause
       a.aadsts_codes AS app_aadsts_codes,   -- AADSTS codes the app logged
       a.oauth_error,                        -- OAuth error the app logged
       a.idx_codes,                          -- IdentityModel codes the app logged
       a.http_status,                        -- HTTP status the app logged
       s.id AS signin_event_id,              -- the sign-in
       s.time AS signin_time,                -- when it happened
       s.outcome AS signin_outcome,          -- its outcome
       sc.cause AS signin_cause,             -- its most likely cause
       s.error_code AS signin_error_code,    -- its AADSTS code (0 = success)
       s.correlation_id,                     -- its correlation id
       s.request_id AS signin_request_id,    -- its Request ID
       s.user_principal_name,                -- who signed in
       s.app_name,                           -- client app
       s.resource_name,                      -- resource
       s.client_app,                         -- client app type (Browser, Mobile Apps and Desktop clients, ...)
       s.ca_status,                          -- Conditional Access result
       s.device_os,                          -- device operating system
       s.device_compliant,                   -- 1 compliant, 0 not, NULL unknown
       s.device_trust_type,                  -- device join type
       s.location,                           -- City, State, country code
       s.failure_reason                      -- Entra's failure reason
FROM correlations co
JOIN events a ON a.id = co.app_event_id
JOIN events s ON s.id = co.signin_event_id
LEFT JOIN causes ac ON ac.id = a.cause_id
LEFT JOIN causes sc ON sc.id = s.cause_id;

CREATE VIEW ca_policy_summary AS  -- Conditional Access policies by the sign-ins they blocked, most first; over stored sign-in failures and interrupts (successful sign-ins are stored without policies; app events carry their joined sign-in's and are not counted again)
SELECT max(p.policy_id) AS policy_id,       -- the policy's object id (NULL when only rows migrated from the packed text of older databases, which kept no id, name it)
       p.name,                               -- its display name: policies are told apart by name, so a migrated row counts with the newer ones
       sum(p.result = 'failure') AS failures, -- sign-ins it blocked (result failure)
       sum(p.result = 'reportOnlyFailure') AS report_only_failures, -- sign-ins it would have blocked, were it on (report-only)
       count(DISTINCT CASE WHEN p.result = 'failure' THEN e.user_principal_name END) AS users, -- distinct users it blocked
       count(DISTINCT CASE WHEN p.result = 'failure' THEN e.app_id END) AS apps, -- distinct client apps it blocked
       count(DISTINCT p.event_id) AS events, -- stored sign-ins it acted on or would have (any kept result)
       max(e.time) AS last_seen              -- latest of them, ISO 8601 UTC
FROM event_ca_policies p JOIN events e ON e.id = p.event_id
WHERE e.kind = 'signin'
GROUP BY p.name
ORDER BY failures DESC, report_only_failures DESC, events DESC, p.name;
`,
];
