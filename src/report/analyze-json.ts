/**
 * The `analyze --json` contract: ONE JSON object on stdout. Scripts and tests rely on it:
 * extend it, never rename a field. `records`, `outcomes`, `causes`... describe what was read
 * (a re-run reads what it stored before); `new` says what of it the database did not hold.
 */

import type {RankedCause} from '../aggregate/run-summary.js';
import type {Catalog} from '../classify/catalog.js';
import type {AnalyzeResult} from '../pipeline.js';

export function analyzeJson(result: AnalyzeResult, db: string, catalog: Catalog): Record<string, unknown> {
	const {summary} = result;
	const ranked = summary.rankedCauses();
	return {
		records: summary.records,
		rejected: summary.rejected,
		outcomes: {...summary.outcomes},
		codes: summary.topCodes().map(({code, count}) => ({code, count, name: catalog.codes.get(code)?.name ?? null})),
		// Causes with failures by impact (report/impact.ts); interrupt-only causes are expected steps.
		causes: ranked.failing.map(causeJson),
		expectedSteps: ranked.expectedSteps.map(causeJson),
		distinct: summary.distinct,
		/** false: the distinct counts are estimates (over 65,536 values, within about 1%). */
		distinctExact: summary.distinctExact,
		tokens: summary.tokens,
		joins: result.joins,
		// Input names can hold a SAS signature: writeJson redacts every string value.
		nightly: result.nightly,
		db,
		kinds: {...summary.kinds},
		/** App failures grouped from several records, each one event: how many, and the records they hold. */
		incidents: {...summary.incidents},
		stored: {new: result.stored, duplicate: result.duplicates},
		/** records, rejected and kinds above count every record read, outcomes every event; these, the ones new to the database. */
		new: result.added,
		run: result.runId,
		interrupted: result.interrupted,
		firstReject: summary.firstReject ?? null,
		/** Graph pages read whose next pages (`@odata.nextLink`) were not in the input. */
		missingPages: summary.missingPages.pages,
	};
}

function causeJson(c: RankedCause): Record<string, unknown> {
	return {
		cause: c.cause,
		title: c.title,
		count: c.count,
		who: c.who,
		level: c.level,
		failures: c.failures,
		interrupts: c.interrupts,
		users: c.users,
		apps: c.apps,
	};
}
