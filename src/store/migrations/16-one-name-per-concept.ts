/**
 * Schema migration 16: one name per concept across the views. A column that shows a user, an
 * app or a code is called what the events table calls it (user_principal_name, app_name and
 * app_id, error_code, aadsts_codes), alone or after a prefix saying whose it is, so a column
 * copied from one view works against events and the next view.
 * History: never edit a migration that has shipped; a new one goes in a new file, listed in index.ts.
 */
export const oneNamePerConcept: readonly string[] = [
	/* 16: codes_summary.error_code, failures_by_app.app_name + app_id, failures_by_user.user_principal_name,
	   by_correlation.app_aadsts_codes + signin_error_code. */ `
DROP VIEW codes_summary;
CREATE VIEW codes_summary AS  -- non-zero AADSTS codes by how many events carry them
SELECT error_code,                           -- AADSTS code (without the prefix)
       count(*) AS events,                   -- events with this primary code
       sum(outcome = 'interrupt') AS interrupts -- of which expected interrupts
FROM events WHERE error_code IS NOT NULL AND error_code <> 0
GROUP BY error_code ORDER BY events DESC;
DROP VIEW failures_by_app;
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
DROP VIEW failures_by_user;
CREATE VIEW failures_by_user AS  -- failures per user and cause, most first (sign-ins and joined app failures)
SELECT e.user_principal_name,                -- user principal name
       c.cause,                              -- rule id of the cause
       count(*) AS failures,                 -- failures
       count(DISTINCT e.app_id) AS apps,     -- distinct client apps
       max(e.time) AS last_seen              -- latest failure, ISO 8601 UTC
FROM events e JOIN causes c ON c.id = e.cause_id
WHERE e.outcome = 'failure' AND e.user_principal_name IS NOT NULL
GROUP BY 1, 2 ORDER BY failures DESC;
DROP VIEW by_correlation;
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
       s.ca_policies,                        -- Conditional Access policies that acted
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
`,
];
