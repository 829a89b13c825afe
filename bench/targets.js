// Issue 19's speed targets, in one place: bench/run.js prints a PASS or FAIL line for each
// against these thresholds. A ratio is aadlog's time over the other's (below 1 = aadlog faster).
export const targets = {
	/** JSON Lines end to end (into a fresh database) against jq's bare failure count by code, same file. */
	jq: {maxRatio: 1.0, aimRatio: 0.7},
	/** One JSON array, or an Event Hub `{"records": [...]}` document, against the same records as JSON Lines. */
	formats: {maxRatio: 1.25},
	/** Peak RSS of `aadlog analyze` on a JSON Lines file of this size. */
	rss: {maxMb: 250, atMb: 2000},
	/** The 100 MB run into a database of this many events against the same run into a fresh one. */
	nightly: {maxRatio: 1.5, events: 10_000_000},
	/** Each report and named query on a database of `nightly.events` events, end to end. */
	reports: {maxSeconds: 5},
};

/** One verdict line: `PASS  what: detail (target)`, or FAIL; SKIP when it could not be measured. */
export function verdict(pass, what, detail, target) {
	const word = pass === undefined ? 'SKIP' : pass ? 'PASS' : 'FAIL';
	return `${word}  ${what}: ${detail} (target: ${target})`;
}
