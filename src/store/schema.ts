/**
 * The database schema as it stands: what a new database is created with. SQLite keeps each
 * CREATE statement's text, comments included, so `.schema` in sqlite3 documents every column.
 * Types are plain (INTEGER, TEXT), times are ISO 8601 UTC text: the file opens in sqlite3,
 * Datasette or DuckDB as it is. The events table's columns come from the field table
 * (event-fields.ts); a database made by an older aadlog is brought here by the migrations
 * (migrations/), and a test checks both end with the same tables, indexes and views.
 */
import {eventColumnsDdl} from './event-fields.js';
import {migrations} from './migrations/index.js';
import {views} from './schema-views.js';

export {migrations, registerMigrationFunctions} from './migrations/index.js';

/** The schema version a database has once created or migrated (PRAGMA user_version). */
export const schemaVersion = migrations.length;

/** The SQL that brings a database at `version` (0: new) to schemaVersion. */
export function upgradeSteps(version: number): readonly string[] {
	return version === 0 ? [currentSchema()] : migrations.slice(version);
}

const tables = `
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
  duplicates  INTEGER NOT NULL DEFAULT 0, -- events already stored by an earlier run (not counted twice)
  bytes       INTEGER NOT NULL DEFAULT 0, -- raw bytes read by the run
  skipped     INTEGER NOT NULL DEFAULT 0, -- inputs skipped because the database already had all of them
  pid         INTEGER,              -- process id of the aadlog that ran it: a run left 'running' whose process is gone becomes status killed
  host        TEXT,                 -- host name it ran on
  rules_version TEXT                -- fingerprint of the rules the run classified with (sha256 of their content, 16 hex)
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
  complete    INTEGER NOT NULL DEFAULT 0, -- 1 once read to the end
  content_hash TEXT,                -- SHA-256 (hex) of the file's bytes from its start to read_bytes
  read_bytes  INTEGER,              -- bytes of the file read up to the last complete line (all bytes for gzip, JSON documents, CSV)
  read_lines  INTEGER,              -- lines in those bytes: a resumed read numbers its lines on from here
  start_byte  INTEGER NOT NULL DEFAULT 0 -- where this read began: 0, or the offset a grown file was resumed at
);
CREATE INDEX sources_by_path ON sources(path);

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
${eventColumnsDdl()}
);
CREATE UNIQUE INDEX events_by_record_key ON events(record_key);
CREATE INDEX events_by_cause ON events(cause_id, time, outcome, run_id, app_id, app_name, user_principal_name, correlation_id) WHERE cause_id IS NOT NULL;
CREATE INDEX events_by_time ON events(time, kind, outcome, user_principal_name, app_id, app_name);
CREATE INDEX events_by_code ON events(error_code, outcome) WHERE error_code IS NOT NULL AND error_code <> 0;
CREATE INDEX events_by_correlation ON events(substr(time, 1, 10), correlation_id) WHERE correlation_id IS NOT NULL;
CREATE INDEX events_by_request_id ON events(substr(time, 1, 10), request_id) WHERE request_id IS NOT NULL;
CREATE INDEX events_by_uti ON events(substr(time, 1, 10), uti) WHERE uti IS NOT NULL;
CREATE INDEX events_by_trace_id ON events(trace_id) WHERE trace_id IS NOT NULL;
CREATE INDEX events_app ON events(id) WHERE kind = 'app';
CREATE INDEX events_app_by_correlation ON events(correlation_id) WHERE kind = 'app' AND correlation_id IS NOT NULL;
CREATE INDEX events_app_by_request_id ON events(request_id) WHERE kind = 'app' AND request_id IS NOT NULL;
CREATE INDEX events_app_by_uti ON events(uti) WHERE kind = 'app' AND uti IS NOT NULL;

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
  excerpt     TEXT NOT NULL,        -- its first 200 characters
  reject_key  INTEGER               -- 64-bit hash of path, line, item and excerpt: the same broken record is kept once
);
CREATE UNIQUE INDEX rejects_by_key ON rejects(reject_key) WHERE reject_key IS NOT NULL;

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

CREATE TABLE correlations (
  app_event_id    INTEGER NOT NULL REFERENCES events(id), -- an application log event
  signin_event_id INTEGER NOT NULL REFERENCES events(id), -- a sign-in event it belongs to
  via             TEXT NOT NULL,   -- what joined them: correlation_id | trace_id (the STS trace id is the sign-in's Request ID) | request_id | uti (the token the app saw was issued by that sign-in)
  PRIMARY KEY (app_event_id, signin_event_id)
) WITHOUT ROWID;
CREATE INDEX correlations_by_signin ON correlations(signin_event_id);

CREATE TABLE reclassifications (
  id            INTEGER PRIMARY KEY, -- row id
  at            TEXT NOT NULL,       -- when aadlog reclassify ran, ISO 8601 UTC
  rules_version TEXT NOT NULL,       -- fingerprint of the rules it applied
  examined      INTEGER NOT NULL,    -- sign-in failures and interrupts looked at
  changed       INTEGER NOT NULL,    -- of which the cause (or outcome) changed
  kept          INTEGER NOT NULL,    -- left with their cause: its rule does not travel whole to SQL
  version       TEXT NOT NULL        -- aadlog version
);

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
`;

/** A new database's schema: tables, indexes and views (the why of each index: the migration that made it). */
export function currentSchema(): string {
	return `${tables}\n${views}`;
}
