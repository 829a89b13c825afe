/** Exit codes: scripts can tell "bad input" from "bad call" from "broken run". */
export const exitCodes = {
	ok: 0,
	/** Wrong arguments, unknown command, missing input file. */
	usage: 1,
	/** The run completed but some input records were malformed (see the rejects table). */
	rejected: 2,
	/** The run could not complete: database error, invalid rules, internal error. */
	failed: 3,
	/** `query --timeout`: the time was up before the query ended; the rows printed are its first (as timeout(1) exits). */
	timedOut: 124,
	/** Stopped by SIGINT/SIGTERM; what was read is committed. */
	interrupted: 130,
} as const;
