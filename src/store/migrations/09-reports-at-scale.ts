/**
 * Schema migrations 9, 10: reports on ten million events: covering indexes, then the rollup tables.
 * History: never edit a migration that has shipped; a new one goes in a new file, listed in index.ts.
 */
export const reportsAtScale: readonly string[] = [
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
];
