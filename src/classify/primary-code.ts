/**
 * Which of an event's AADSTS codes is its primary code (codes.aadsts[0]: the stored
 * error_code, the code `catalog.*` rule fields and reports describe). A message often
 * wraps a specific code in an umbrella one - "AADSTS70002: Error validating credentials.
 * AADSTS50012: Invalid client secret is provided." - and the specific code is the one that
 * says what went wrong.
 */
import type {Catalog} from './catalog.js';

/**
 * When the first code is one the catalog marks generic, moves the first code the catalog
 * knows and does not mark generic to the front; the others keep their order. A code the
 * catalog does not know is not preferred: nothing says it is more specific.
 */
export function settlePrimaryCode(codes: number[], catalog: Catalog): void {
	if (codes.length < 2 || catalog.codes.get(codes[0])?.generic !== true) return;
	const specific = codes.findIndex((code) => {
		const entry = catalog.codes.get(code);
		return entry !== undefined && !entry.generic;
	});
	if (specific > 0) codes.unshift(...codes.splice(specific, 1));
}
