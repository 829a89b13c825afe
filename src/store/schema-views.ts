/**
 * The views of a new database, as the migrations left them (a test checks they match): the
 * questions people ask most, each column commented on its line (docs/schema.md is read from
 * these comments). Change a view in a new migration, then here.
 */
export const views = `
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

CREATE VIEW codes_summary AS  -- non-zero AADSTS codes by how many events carry them
SELECT error_code,                           -- AADSTS code (without the prefix)
       count(*) AS events,                   -- events with this primary code
       sum(outcome = 'interrupt') AS interrupts -- of which expected interrupts
FROM events WHERE error_code IS NOT NULL AND error_code <> 0
GROUP BY error_code ORDER BY events DESC;

CREATE VIEW failures_by_app AS  -- failures per client app and cause, most first
SELECT e.app_name,                           -- client app display name (NULL when the log has only its id)
       e.app_id,                             -- client app id
       c.cause,                              -- rule id of the cause
       count(*) AS failures,                 -- failures
       count(DISTINCT e.user_principal_name) AS users, -- distinct users affected
       max(e.time) AS last_seen              -- latest failure, ISO 8601 UTC
FROM events e JOIN causes c ON c.id = e.cause_id
WHERE e.outcome = 'failure'
GROUP BY e.app_id, e.app_name, c.cause ORDER BY failures DESC;

CREATE VIEW failures_by_user AS  -- failures per user and cause, most first (sign-ins and joined app failures)
SELECT e.user_principal_name,                -- user principal name
       c.cause,                              -- rule id of the cause
       count(*) AS failures,                 -- failures
       count(DISTINCT e.app_id) AS apps,     -- distinct client apps
       max(e.time) AS last_seen              -- latest failure, ISO 8601 UTC
FROM events e JOIN causes c ON c.id = e.cause_id
WHERE e.outcome = 'failure' AND e.user_principal_name IS NOT NULL
GROUP BY 1, 2 ORDER BY failures DESC;

CREATE VIEW token_sign_ins AS  -- every use of a token joined to the sign-in that issued it (token uti = the sign-in's uniqueTokenIdentifier); signin_* NULL when that sign-in is not in the database
SELECT t.fingerprint,                        -- the token (SHA-256 prefix)
       t.aud,                                -- its audience
       t.app_id AS token_app_id,             -- the client it was issued to (appid / azp)
       t.expires_at,                         -- its exp, ISO 8601 UTC
       u.id AS event_id,                     -- the event that carried it
       u.time AS used_at,                    -- when it was used, ISO 8601 UTC
       u.outcome AS use_outcome,             -- outcome of that event
       et.expired_at_use,                    -- 1 when it had expired (beyond the clock skew) when used
       s.id AS signin_event_id,              -- the sign-in that issued it
       s.time AS signed_in_at,               -- when that sign-in happened
       s.user_principal_name,                -- who signed in
       s.app_name,                           -- the client app of the sign-in
       s.resource_name,                      -- the resource the token was for
       s.correlation_id AS signin_correlation_id, -- the sign-in's correlation id
       s.request_id AS signin_request_id     -- the sign-in's Request ID
FROM tokens t
JOIN event_tokens et ON et.fingerprint = t.fingerprint
JOIN events u ON u.id = et.event_id
LEFT JOIN events s ON s.kind = 'signin' AND s.uti = t.uti;

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

CREATE VIEW new_causes AS  -- causes the latest run found that no earlier run had stored
SELECT c.cause,                              -- rule id of the cause
       c.title,                              -- the cause in one line
       c.who,                                -- who must act
       count(*) AS events,                   -- events of this cause stored by the latest run
       min(e.time) AS first_seen             -- earliest of them, ISO 8601 UTC
FROM events e JOIN causes c ON c.id = e.cause_id
WHERE e.run_id = (SELECT max(id) FROM runs)
GROUP BY c.id
HAVING NOT EXISTS (SELECT 1 FROM events o WHERE o.cause_id = c.id AND o.run_id < (SELECT max(id) FROM runs))
ORDER BY events DESC;

CREATE VIEW event_counts AS  -- events per UTC day, run, kind, outcome, cause and app (several rows per group: sum them); the rollup plus events stored since its last refresh
SELECT day,                                  -- UTC day, YYYY-MM-DD ('' for events with no time)
       run_id,                               -- run that stored them
       kind,                                 -- signin | app
       outcome,                              -- success | failure | interrupt | unknown
       cause_id,                             -- most likely cause (NULL for successes)
       app_id,                               -- client application id
       app_name,                             -- client application display name
       events,                               -- how many events
       first_time,                           -- earliest of them, ISO 8601 UTC
       last_time                             -- latest of them, ISO 8601 UTC
FROM event_rollup
UNION ALL
SELECT coalesce(substr(time, 1, 10), ''), run_id, kind, outcome, cause_id, app_id, app_name, count(*), min(time), max(time)
FROM events NOT INDEXED WHERE id > (SELECT events_upto FROM rollup_state)
GROUP BY 1, 2, 3, 4, 5, 6, 7;

CREATE VIEW event_users AS  -- which users had events on which UTC day, of any kind (cause_id 0) and per cause; may repeat a row: count DISTINCT
SELECT cause_id,                             -- 0: any event; otherwise the cause of a failure or interrupt
       user_principal_name,                  -- UPN of the user
       day                                   -- UTC day, YYYY-MM-DD ('' for events with no time)
FROM rollup_users
UNION ALL
SELECT 0, user_principal_name, coalesce(substr(time, 1, 10), '')
FROM events NOT INDEXED WHERE id > (SELECT events_upto FROM rollup_state) AND user_principal_name IS NOT NULL
UNION ALL
SELECT cause_id, user_principal_name, coalesce(substr(time, 1, 10), '')
FROM events NOT INDEXED WHERE id > (SELECT events_upto FROM rollup_state) AND user_principal_name IS NOT NULL AND cause_id IS NOT NULL;

CREATE VIEW failures_by_day AS  -- failures per UTC day, cause and app
SELECT nullif(r.day, '') AS day,             -- UTC day, YYYY-MM-DD
       c.cause,                              -- rule id of the cause
       r.app_name,                           -- client app display name
       sum(r.events) AS failures             -- failures that day
FROM event_counts r JOIN causes c ON c.id = r.cause_id
WHERE r.outcome = 'failure'
GROUP BY r.day, c.cause, r.app_name;
`;
