/**
 * The database schema, as migrations. SQLite keeps each CREATE statement's text, comments
 * included, so `.schema` in sqlite3 documents every column. Types are plain (INTEGER, TEXT),
 * times are ISO 8601 UTC text: the file opens in sqlite3, Datasette or DuckDB as it is.
 * Append a migration to change the schema; never edit one that has shipped.
 * Run them on a connection that has registerMigrationFunctions: some call into aadlog.
 */
import type Database from 'better-sqlite3';
import {signinKey} from '../util/hash.js';

/** SQL functions the migrations call: aadlog_signin_key (12) keys stored sign-ins as new ones are keyed. */
export function registerMigrationFunctions(db: Database.Database): void {
	db.function('aadlog_signin_key', {deterministic: true}, (id) => signinKey(String(id)));
}
export const migrations: readonly string[] = [
	/* 1: the spine */ `
CREATE TABLE runs (
  id          INTEGER PRIMARY KEY,  -- run number, in order
  started_at  TEXT NOT NULL,        -- ISO 8601 UTC
  finished_at TEXT,                 -- ISO 8601 UTC; NULL while running or when the run was killed
  status      TEXT NOT NULL,        -- running | complete | interrupted | failed
  version     TEXT NOT NULL,        -- aadlog version that wrote it
  inputs      TEXT NOT NULL,        -- JSON array of the inputs as given (- = standard input)
  records     INTEGER NOT NULL DEFAULT 0, -- records read (JSON records and text log records)
  rejected    INTEGER NOT NULL DEFAULT 0, -- malformed records, kept in rejects
  stored      INTEGER NOT NULL DEFAULT 0, -- events new to this database
  duplicates  INTEGER NOT NULL DEFAULT 0  -- events already stored by an earlier run (not counted twice)
);

CREATE TABLE sources (
  id          INTEGER PRIMARY KEY, -- row id
  run_id      INTEGER NOT NULL REFERENCES runs(id), -- run that read it
  path        TEXT NOT NULL,        -- file path as given, or - for standard input
  format      TEXT,                 -- jsonl | json | text (sniffed or --format)
  gzip        INTEGER NOT NULL DEFAULT 0, -- 1 when the bytes were gzip-compressed
  bytes       INTEGER,              -- bytes read (compressed size for gzip)
  size        INTEGER,              -- file size when opened; NULL for standard input
  mtime       TEXT,                 -- file modification time, ISO 8601 UTC; NULL for standard input
  records     INTEGER NOT NULL DEFAULT 0, -- records read from this source
  rejected    INTEGER NOT NULL DEFAULT 0, -- malformed records in this source
  complete    INTEGER NOT NULL DEFAULT 0  -- 1 once read to the end
);

CREATE TABLE causes (
  id          INTEGER PRIMARY KEY, -- row id
  cause       TEXT NOT NULL UNIQUE, -- stable rule id, e.g. wrong-credentials; unclassified for failures no rule explains
  title       TEXT NOT NULL,        -- one line, for people
  who         TEXT NOT NULL,        -- who must act: user | admin | developer | microsoft
  level       TEXT NOT NULL,        -- info | low | medium | high | critical
  confidence  REAL NOT NULL,        -- how sure the rule's evidence makes it, 0..1
  fix         TEXT NOT NULL         -- what to do
);

CREATE TABLE events (
  id             INTEGER PRIMARY KEY, -- row id
  record_key     INTEGER NOT NULL,  -- 64-bit hash of the record (text records: with their line): the same record read again is not stored twice
  run_id         INTEGER NOT NULL REFERENCES runs(id),    -- run that first stored it
  source_id      INTEGER NOT NULL REFERENCES sources(id), -- where it was read
  line           INTEGER,           -- 1-based line of the record in its source
  item           INTEGER,           -- 0-based index inside a JSON array or envelope
  time           TEXT,              -- when it happened, ISO 8601 UTC with milliseconds
  kind           TEXT NOT NULL,     -- signin | app
  outcome        TEXT NOT NULL,     -- success | failure | interrupt | unknown
  error_code     INTEGER,           -- primary AADSTS code: 0 for success, NULL when none
  aadsts_codes   TEXT,              -- every AADSTS code of the record, space-separated, primary first
  oauth_error    TEXT,              -- OAuth 2.0 error value (invalid_grant, ...)
  idx_codes      TEXT,              -- IdentityModel codes, space-separated (IDX10223 ...)
  http_status    INTEGER,           -- HTTP status the record reported
  bearer_error   TEXT,              -- RFC 6750 error of a WWW-Authenticate: Bearer challenge
  correlation_id TEXT,              -- correlation id (lower-case GUID)
  request_id     TEXT,              -- sign-in id (Request ID)
  trace_id       TEXT,              -- STS trace id: the Request ID of the sign-in that failed
  uti            TEXT,              -- uniqueTokenIdentifier / token uti claim
  user_principal_name TEXT,         -- UPN of the signing-in user
  user_id        TEXT,              -- object id of the user
  tenant_id      TEXT,              -- tenant id
  ip_address     TEXT,              -- client IP address
  app_id         TEXT,              -- client application id
  app_name       TEXT,              -- client application display name
  resource_id    TEXT,              -- resource (API) id
  resource_name  TEXT,              -- resource display name
  category       TEXT,              -- sign-in log category (SignInLogs, NonInteractiveUserSignInLogs, ...) or event type
  client_app     TEXT,              -- client app used (Browser, Mobile Apps and Desktop clients, ...)
  ca_status      TEXT,              -- Conditional Access status: success | failure | notApplied
  flow           TEXT,              -- authentication protocol / flow (deviceCode, ropc, ...)
  failure_reason TEXT,              -- Entra's failure reason text (failures only)
  cause_id       INTEGER REFERENCES causes(id), -- most likely cause (failures and interrupts)
  message        TEXT               -- app events: the record's text, tokens and secrets redacted
);
CREATE UNIQUE INDEX events_by_record_key ON events(record_key);
CREATE INDEX events_by_cause ON events(cause_id);
CREATE INDEX events_by_time ON events(time);
CREATE INDEX events_by_correlation ON events(correlation_id) WHERE correlation_id IS NOT NULL;

CREATE TABLE event_causes (
  event_id    INTEGER NOT NULL REFERENCES events(id), -- the event
  rank        INTEGER NOT NULL,     -- 1 = most likely
  cause_id    INTEGER NOT NULL REFERENCES causes(id), -- a cause that fits it
  evidence    TEXT NOT NULL,        -- the fields that made the rule fit, e.g. codes.aadsts=50126
  PRIMARY KEY (event_id, rank)
) WITHOUT ROWID;

CREATE TABLE rejects (
  id          INTEGER PRIMARY KEY, -- row id
  run_id      INTEGER NOT NULL REFERENCES runs(id),    -- run that read it
  source_id   INTEGER NOT NULL REFERENCES sources(id), -- input it came from
  line        INTEGER,              -- 1-based line where the bad record starts (0 = the stream itself)
  item        INTEGER,              -- 0-based index in a JSON array, when known
  reason      TEXT NOT NULL,        -- why it was rejected
  excerpt     TEXT NOT NULL         -- its first 200 characters
);

CREATE VIEW cause_summary AS  -- failures and interrupts per cause, most frequent first
SELECT c.cause, c.title, c.who,
       count(*)                        AS events,
       sum(e.outcome = 'failure')      AS failures,
       sum(e.outcome = 'interrupt')    AS interrupts,
       count(DISTINCT e.user_principal_name) AS users,
       count(DISTINCT e.app_id)        AS apps,
       min(e.time)                     AS first_seen,
       max(e.time)                     AS last_seen,
       max(e.correlation_id)           AS sample_correlation_id,
       c.fix
FROM events e JOIN causes c ON c.id = e.cause_id
GROUP BY c.id
ORDER BY events DESC;

CREATE VIEW failures_by_day AS  -- failures per UTC day, cause and app
SELECT substr(e.time, 1, 10) AS day, c.cause, e.app_name, count(*) AS failures
FROM events e JOIN causes c ON c.id = e.cause_id
WHERE e.outcome = 'failure'
GROUP BY day, c.cause, e.app_name;

CREATE VIEW codes_summary AS  -- non-zero AADSTS codes by how many events carry them
SELECT error_code AS code, count(*) AS events, sum(outcome = 'interrupt') AS interrupts
FROM events WHERE error_code IS NOT NULL AND error_code <> 0
GROUP BY error_code ORDER BY events DESC;
`,
	/* 2: bearer tokens (facts only) and the joins they make possible */ `
CREATE TABLE tokens (
  fingerprint  TEXT PRIMARY KEY,    -- first 32 hex characters of the SHA-256 of the compact token; the token itself is never stored
  first_seen   TEXT,                -- time of the first event read that carried it (earliest over runs), ISO 8601 UTC
  malformed    INTEGER NOT NULL DEFAULT 0, -- 1 when it could not be decoded (cut short in the log, not a JWT)
  encrypted    INTEGER NOT NULL DEFAULT 0, -- 1 for an encrypted token (JWE): only its header is known
  alg          TEXT,                -- header alg (RS256; none and HS256 are findings)
  kid          TEXT,                -- header kid (or x5t): the signing key's id
  typ          TEXT,                -- header typ
  has_nonce    INTEGER NOT NULL DEFAULT 0, -- 1 when the header has a nonce (Microsoft Graph tokens): only Graph can validate it
  aud          TEXT,                -- audience (several: space-separated)
  graph_audience INTEGER NOT NULL DEFAULT 0, -- 1 when aud is Microsoft Graph
  iss          TEXT,                -- issuer
  issuer_kind  TEXT NOT NULL,       -- aad-v1 | aad-v2 | b2c | other
  cloud        TEXT,                -- public | us-gov | china | germany | ppe (pre-production), from the issuer host
  tenant_id    TEXT,                -- tid claim
  app_id       TEXT,                -- appid (v1) or azp (v2): the client the token was issued to
  ver          TEXT,                -- ver claim: 1.0 | 2.0
  scp          TEXT,                -- delegated scopes, space-separated
  roles        TEXT,                -- app roles, space-separated
  idtyp        TEXT,                -- idtyp claim (app for app-only tokens), when present
  uti          TEXT,                -- uti claim: the Request ID of the sign-in that issued it (base64url, see events.uti)
  issued_at    TEXT,                -- iat, ISO 8601 UTC
  not_before   TEXT,                -- nbf, ISO 8601 UTC
  expires_at   TEXT,                -- exp, ISO 8601 UTC
  signature    TEXT,                -- with --jwks: valid | invalid | kid-unknown | unsigned | symmetric | unsupported; NULL when not checked
  claims       TEXT                 -- every claim of the payload as JSON (no signature)
);
CREATE INDEX tokens_by_uti ON tokens(uti) WHERE uti IS NOT NULL;

CREATE TABLE event_tokens (
  event_id     INTEGER NOT NULL REFERENCES events(id), -- the event whose record carried the token
  fingerprint  TEXT NOT NULL REFERENCES tokens(fingerprint), -- the token
  seconds_past_exp INTEGER,         -- event time minus exp, in seconds (negative: still valid); NULL without both times
  expired_at_use INTEGER,           -- 1 when expired beyond the allowed clock skew at the event's time, 0 when not, NULL when unknown
  PRIMARY KEY (event_id, fingerprint)
) WITHOUT ROWID;
CREATE INDEX event_tokens_by_fingerprint ON event_tokens(fingerprint);
CREATE INDEX events_by_uti ON events(uti) WHERE uti IS NOT NULL;

CREATE VIEW token_sign_ins AS  -- every use of a token joined to the sign-in that issued it (token uti = the sign-in's uniqueTokenIdentifier); signin_* NULL when that sign-in is not in the database
SELECT t.fingerprint, t.aud, t.app_id AS token_app_id, t.expires_at,
       u.id AS event_id, u.time AS used_at, u.outcome AS use_outcome, et.expired_at_use,
       s.id AS signin_event_id, s.time AS signed_in_at, s.user_principal_name, s.app_name,
       s.resource_name, s.correlation_id AS signin_correlation_id, s.request_id AS signin_request_id
FROM tokens t
JOIN event_tokens et ON et.fingerprint = t.fingerprint
JOIN events u ON u.id = et.event_id
LEFT JOIN events s ON s.kind = 'signin' AND s.uti = t.uti;
`,
	/* 3: what a sign-in knew (for enriching app failures), and the joins between sources.
	   Columns added with ALTER TABLE carry their comment as /* ... *\/: SQLite splices the
	   column into the table's CREATE text, where a -- comment would swallow the closing paren. */ `
ALTER TABLE events ADD COLUMN ca_policies TEXT /* sign-ins: Conditional Access policies that acted, "name:result; ..." */;
ALTER TABLE events ADD COLUMN additional_details TEXT /* sign-ins: status.additionalDetails, Entra's extra explanation */;
ALTER TABLE events ADD COLUMN is_interactive INTEGER /* sign-ins: 1 interactive, 0 non-interactive, NULL unknown */;
ALTER TABLE events ADD COLUMN device_id TEXT /* sign-ins: Entra device id; NULL when no device was presented */;
ALTER TABLE events ADD COLUMN device_os TEXT /* sign-ins: operating system of the device */;
ALTER TABLE events ADD COLUMN browser TEXT /* sign-ins: browser and version */;
ALTER TABLE events ADD COLUMN device_compliant INTEGER /* sign-ins: 1 compliant (Intune), 0 not, NULL unknown */;
ALTER TABLE events ADD COLUMN device_managed INTEGER /* sign-ins: 1 managed, 0 not, NULL unknown */;
ALTER TABLE events ADD COLUMN device_trust_type TEXT /* sign-ins: Azure AD joined | Hybrid Azure AD joined | Azure AD registered */;
ALTER TABLE events ADD COLUMN location TEXT /* sign-ins: City, State, country code */;
CREATE INDEX events_by_request_id ON events(request_id) WHERE request_id IS NOT NULL;
CREATE INDEX events_by_trace_id ON events(trace_id) WHERE trace_id IS NOT NULL;
CREATE INDEX events_app ON events(id) WHERE kind = 'app'; -- app events are few: joins start from them

CREATE TABLE correlations (
  app_event_id    INTEGER NOT NULL REFERENCES events(id), -- an application log event
  signin_event_id INTEGER NOT NULL REFERENCES events(id), -- a sign-in event it belongs to
  via             TEXT NOT NULL,   -- what joined them: correlation_id | trace_id (the STS trace id is the sign-in's Request ID) | request_id | uti (the token the app saw was issued by that sign-in)
  PRIMARY KEY (app_event_id, signin_event_id)
) WITHOUT ROWID;
CREATE INDEX correlations_by_signin ON correlations(signin_event_id);

CREATE VIEW by_correlation AS  -- one row per joined app event and sign-in: the two halves of the story side by side
SELECT co.via,
       a.id AS app_event_id, a.time AS app_time, a.outcome AS app_outcome, ac.cause AS app_cause,
       a.aadsts_codes AS app_codes, a.oauth_error, a.idx_codes, a.http_status,
       s.id AS signin_event_id, s.time AS signin_time, s.outcome AS signin_outcome, sc.cause AS signin_cause,
       s.error_code AS signin_code, s.correlation_id, s.request_id AS signin_request_id,
       s.user_principal_name, s.app_name, s.resource_name, s.client_app, s.ca_status, s.ca_policies,
       s.device_os, s.device_compliant, s.device_trust_type, s.location, s.failure_reason
FROM correlations co
JOIN events a ON a.id = co.app_event_id
JOIN events s ON s.id = co.signin_event_id
LEFT JOIN causes ac ON ac.id = a.cause_id
LEFT JOIN causes sc ON sc.id = s.cause_id;
`,
	/* 4: nightly runs: what was read of each file, to skip it or resume it next time */ `
ALTER TABLE sources ADD COLUMN content_hash TEXT /* SHA-256 (hex) of the file's bytes from its start to read_bytes */;
ALTER TABLE sources ADD COLUMN read_bytes INTEGER /* bytes of the file read up to the last complete line (all bytes for gzip, JSON documents, CSV) */;
ALTER TABLE sources ADD COLUMN read_lines INTEGER /* lines in those bytes: a resumed read numbers its lines on from here */;
ALTER TABLE sources ADD COLUMN start_byte INTEGER NOT NULL DEFAULT 0 /* where this read began: 0, or the offset a grown file was resumed at */;
ALTER TABLE runs ADD COLUMN bytes INTEGER NOT NULL DEFAULT 0 /* raw bytes read by the run */;
ALTER TABLE runs ADD COLUMN skipped INTEGER NOT NULL DEFAULT 0 /* inputs skipped because the database already had all of them */;
CREATE INDEX sources_by_path ON sources(path);
`,
	/* 5: every view recreated with a comment per column (docs/schema.md is generated from
	   them), and views for the questions people ask most */ `
DROP VIEW cause_summary;
DROP VIEW failures_by_day;
DROP VIEW codes_summary;
DROP VIEW token_sign_ins;
DROP VIEW by_correlation;

CREATE VIEW cause_summary AS  -- failures and interrupts per most likely cause, most frequent first
SELECT c.cause,                              -- rule id of the cause
       c.title,                              -- the cause in one line
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
ORDER BY events DESC;

CREATE VIEW failures_by_day AS  -- failures per UTC day, cause and app
SELECT substr(e.time, 1, 10) AS day,         -- UTC day, YYYY-MM-DD
       c.cause,                              -- rule id of the cause
       e.app_name,                           -- client app display name
       count(*) AS failures                  -- failures that day
FROM events e JOIN causes c ON c.id = e.cause_id
WHERE e.outcome = 'failure'
GROUP BY day, c.cause, e.app_name;

CREATE VIEW codes_summary AS  -- non-zero AADSTS codes by how many events carry them
SELECT error_code AS code,                   -- AADSTS code (without the prefix)
       count(*) AS events,                   -- events with this primary code
       sum(outcome = 'interrupt') AS interrupts -- of which expected interrupts
FROM events WHERE error_code IS NOT NULL AND error_code <> 0
GROUP BY error_code ORDER BY events DESC;

CREATE VIEW failures_by_app AS  -- failures per client app and cause, most first
SELECT coalesce(e.app_name, e.app_id) AS app, -- client app display name (or id)
       c.cause,                              -- rule id of the cause
       count(*) AS failures,                 -- failures
       count(DISTINCT e.user_principal_name) AS users, -- distinct users affected
       max(e.time) AS last_seen              -- latest failure, ISO 8601 UTC
FROM events e JOIN causes c ON c.id = e.cause_id
WHERE e.outcome = 'failure'
GROUP BY 1, 2 ORDER BY failures DESC;

CREATE VIEW failures_by_user AS  -- failures per user and cause, most first (sign-ins and joined app failures)
SELECT e.user_principal_name AS user,        -- user principal name
       c.cause,                              -- rule id of the cause
       count(*) AS failures,                 -- failures
       count(DISTINCT e.app_id) AS apps,     -- distinct client apps
       max(e.time) AS last_seen              -- latest failure, ISO 8601 UTC
FROM events e JOIN causes c ON c.id = e.cause_id
WHERE e.outcome = 'failure' AND e.user_principal_name IS NOT NULL
GROUP BY 1, 2 ORDER BY failures DESC;

CREATE VIEW new_causes AS  -- causes the latest run found that no earlier run had stored
SELECT c.cause,                              -- rule id of the cause
       c.title,                              -- the cause in one line
       c.who,                                -- who must act
       count(*) AS events,                   -- events of this cause stored by the latest run
       min(e.time) AS first_seen             -- earliest of them, ISO 8601 UTC
FROM events e JOIN causes c ON c.id = e.cause_id
WHERE e.run_id = (SELECT max(id) FROM runs)
  AND NOT EXISTS (SELECT 1 FROM events o WHERE o.cause_id = e.cause_id AND o.run_id < e.run_id)
GROUP BY c.id ORDER BY events DESC;

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
       a.aadsts_codes AS app_codes,          -- AADSTS codes the app logged
       a.oauth_error,                        -- OAuth error the app logged
       a.idx_codes,                          -- IdentityModel codes the app logged
       a.http_status,                        -- HTTP status the app logged
       s.id AS signin_event_id,              -- the sign-in
       s.time AS signin_time,                -- when it happened
       s.outcome AS signin_outcome,          -- its outcome
       sc.cause AS signin_cause,             -- its most likely cause
       s.error_code AS signin_code,          -- its AADSTS code (0 = success)
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
	/* 6: which process ran a run, so a run that was killed is told from one still running */ `
ALTER TABLE runs ADD COLUMN pid INTEGER /* process id of the aadlog that ran it: a run left 'running' whose process is gone becomes status killed */;
ALTER TABLE runs ADD COLUMN host TEXT /* host name it ran on */;
`,
	/* 7: which rules gave stored events their causes */ `
ALTER TABLE runs ADD COLUMN rules_version TEXT /* fingerprint of the rules the run classified with (sha256 of their content, 16 hex) */;

CREATE TABLE reclassifications (
  id            INTEGER PRIMARY KEY, -- row id
  at            TEXT NOT NULL,       -- when aadlog reclassify ran, ISO 8601 UTC
  rules_version TEXT NOT NULL,       -- fingerprint of the rules it applied
  examined      INTEGER NOT NULL,    -- sign-in failures and interrupts looked at
  changed       INTEGER NOT NULL,    -- of which the cause (or outcome) changed
  kept          INTEGER NOT NULL,    -- left with their cause: its rule does not travel whole to SQL
  version       TEXT NOT NULL        -- aadlog version
);
`,
	/* 8: a broken record read again (a nightly re-read, a line still being written) is kept once */ `
ALTER TABLE rejects ADD COLUMN reject_key INTEGER /* 64-bit hash of path, line, item and excerpt: the same broken record is kept once */;
CREATE UNIQUE INDEX rejects_by_key ON rejects(reject_key) WHERE reject_key IS NOT NULL;
`,
	/* 9: reports on ten million events. A row is ~600 bytes, so a query that reads rows reads
	   gigabytes; these indexes hold the columns reports group and count by, ~100 bytes an
	   entry, and answer them alone. Only events with a cause (failures, interrupts) are in
	   the cause index, only events with a non-zero code in the code index. new_causes groups first, then looks for an earlier run once per cause. */ `
DROP INDEX events_by_cause;
CREATE INDEX events_by_cause ON events(cause_id, time, outcome, run_id, app_id, app_name, user_principal_name, correlation_id) WHERE cause_id IS NOT NULL;
DROP INDEX events_by_time;
CREATE INDEX events_by_time ON events(time, kind, outcome, user_principal_name, app_id, app_name);
CREATE INDEX events_by_code ON events(error_code, outcome) WHERE error_code IS NOT NULL AND error_code <> 0;

DROP VIEW new_causes;
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
`,
	/* 10: reports on ten million events read a rollup, not every event. event_rollup counts
	   events per UTC day, run, kind, outcome, cause and app; rollup_users keeps which users
	   had events (of which cause) on which day, so distinct users stay exact. Both cover
	   events up to rollup_state.events_upto: the writer adds each transaction's events in
	   that transaction, and analyze catches up at the end of a run (an older database, a
	   reclassify). The views event_counts and event_users add the events stored since, so
	   they are always current; NOT INDEXED keeps that part a rowid range (the recent
	   events), never a walk of a whole index because a query filters on its cause.
	   failures_by_day reads event_counts too. */ `
CREATE TABLE event_rollup (
  day        TEXT NOT NULL,     -- UTC day of the events, YYYY-MM-DD ('' for events with no time)
  run_id     INTEGER NOT NULL,  -- run that stored them
  kind       TEXT NOT NULL,     -- signin | app
  outcome    TEXT NOT NULL,     -- success | failure | interrupt | unknown
  cause_id   INTEGER,           -- their most likely cause (NULL when none: successes)
  app_id     TEXT,              -- client application id
  app_name   TEXT,              -- client application display name
  events     INTEGER NOT NULL,  -- how many events (a group can have a row per refresh: sum them)
  first_time TEXT,              -- earliest of them, ISO 8601 UTC
  last_time  TEXT               -- latest of them, ISO 8601 UTC
);
CREATE INDEX event_rollup_by_group ON event_rollup(day, run_id, kind, outcome, cause_id, app_id, app_name);

CREATE TABLE rollup_users (
  cause_id            INTEGER NOT NULL, -- 0: any event; otherwise the cause of a failure or interrupt
  user_principal_name TEXT NOT NULL,    -- UPN of a user with such an event
  day                 TEXT NOT NULL,    -- UTC day of the event, YYYY-MM-DD ('' for no time)
  PRIMARY KEY (cause_id, user_principal_name, day)
) WITHOUT ROWID;

CREATE TABLE rollup_state (
  events_upto INTEGER NOT NULL  -- events with an id up to this are in event_rollup and rollup_users (-1: emptied, to be counted again)
);
INSERT INTO rollup_state (events_upto) VALUES (0);

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

DROP VIEW failures_by_day;
CREATE VIEW failures_by_day AS  -- failures per UTC day, cause and app
SELECT nullif(r.day, '') AS day,             -- UTC day, YYYY-MM-DD
       c.cause,                              -- rule id of the cause
       r.app_name,                           -- client app display name
       sum(r.events) AS failures             -- failures that day
FROM event_counts r JOIN causes c ON c.id = r.cause_id
WHERE r.outcome = 'failure'
GROUP BY r.day, c.cause, r.app_name;
`,
	/* 11: nightly runs into a big database. An index on a random id (a GUID) takes each new
	   entry on a random page: storing 100 MB of new sign-ins into 10M events took 8.0 s,
	   mostly writing pages of the correlation and Request ID indexes. Led by the UTC day, the
	   entries of new events land together: 3.3-3.9 s. A lookup by id alone still uses them,
	   one probe per day (skip-scan: the planner needs the statistics ANALYZE writes, sampled
	   here for an upgraded database, and at the link step for a new one, whose empty table
	   ANALYZE skips); joins name the days to probe. App events get small id indexes of their
	   own, for joins from a run's sign-ins to stored app failures. */ `
DROP INDEX events_by_correlation;
DROP INDEX events_by_request_id;
DROP INDEX events_by_uti;
CREATE INDEX events_by_correlation ON events(substr(time, 1, 10), correlation_id) WHERE correlation_id IS NOT NULL;
CREATE INDEX events_by_request_id ON events(substr(time, 1, 10), request_id) WHERE request_id IS NOT NULL;
CREATE INDEX events_by_uti ON events(substr(time, 1, 10), uti) WHERE uti IS NOT NULL;
CREATE INDEX events_app_by_correlation ON events(correlation_id) WHERE kind = 'app' AND correlation_id IS NOT NULL;
CREATE INDEX events_app_by_request_id ON events(request_id) WHERE kind = 'app' AND request_id IS NOT NULL;
CREATE INDEX events_app_by_uti ON events(uti) WHERE kind = 'app' AND uti IS NOT NULL;
PRAGMA analysis_limit = 1000;
ANALYZE events_by_correlation;
ANALYZE events_by_request_id;
ANALYZE events_by_uti;
`,
	/* 12: a sign-in is keyed by its id, not by its record's bytes (util/hash.ts signinKey): the
	   same sign-in exported as a Graph page, a diagnostic blob and a CSV is one event. A
	   database from before holds byte keys, and may hold a sign-in several times: the copies
	   after the first (lowest id) go, with their causes and tokens, their joins move to the
	   first, and the rollup is counted again (only when there were copies); then every sign-in
	   with an id gets its id key, so the next run finds the sign-ins it has and stores none
	   twice. aadlog_signin_key is signinKey, registered on the connection that migrates. The
	   key index is built again after the update, not kept through it: every key changes, to a
	   random place in the index. */ `
CREATE TEMP TABLE signin_copies AS
SELECT e.id AS copy, k.keep
FROM events e
JOIN (SELECT request_id, min(id) AS keep FROM events
      WHERE kind = 'signin' AND request_id IS NOT NULL GROUP BY request_id HAVING count(*) > 1) k
  ON k.request_id = e.request_id
WHERE e.kind = 'signin' AND e.id <> k.keep;
UPDATE OR IGNORE correlations SET signin_event_id = (SELECT keep FROM temp.signin_copies WHERE copy = signin_event_id)
WHERE signin_event_id IN (SELECT copy FROM temp.signin_copies);
DELETE FROM correlations WHERE signin_event_id IN (SELECT copy FROM temp.signin_copies);
DELETE FROM event_causes WHERE event_id IN (SELECT copy FROM temp.signin_copies);
DELETE FROM event_tokens WHERE event_id IN (SELECT copy FROM temp.signin_copies);
DELETE FROM events WHERE id IN (SELECT copy FROM temp.signin_copies);
DELETE FROM event_rollup WHERE EXISTS (SELECT 1 FROM temp.signin_copies);
DELETE FROM rollup_users WHERE EXISTS (SELECT 1 FROM temp.signin_copies);
UPDATE rollup_state SET events_upto = -1 WHERE EXISTS (SELECT 1 FROM temp.signin_copies);
DROP TABLE temp.signin_copies;
DROP INDEX events_by_record_key;
UPDATE events SET record_key = aadlog_signin_key(request_id) WHERE kind = 'signin' AND request_id IS NOT NULL;
CREATE UNIQUE INDEX events_by_record_key ON events(record_key);
`,
];
