/**
 * Schema migrations 2, 3: bearer tokens and the joins between app events and sign-ins.
 * History: never edit a migration that has shipped; a new one goes in a new file, listed in index.ts.
 */
export const tokensAndJoins: readonly string[] = [
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
];
