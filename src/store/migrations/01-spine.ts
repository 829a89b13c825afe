/**
 * Schema migration 1: the first schema: runs, sources, causes, events, event_causes, rejects and the first views.
 * History: never edit a migration that has shipped; a new one goes in a new file, listed in index.ts.
 */
export const spine: readonly string[] = [
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
];
