/**
 * Schema migrations 11, 12: nightly runs into a big database (day-led id indexes), and sign-ins keyed by their id.
 * History: never edit a migration that has shipped; a new one goes in a new file, listed in index.ts.
 */
export const bigDatabases: readonly string[] = [
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
