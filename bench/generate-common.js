// What both record profiles share: the seeded random numbers, the error codes, the ids.
// Everything is derived from the record's index and one seed, so the same options always
// give the same bytes and runs on different days compare.

/** ~30% of sign-ins fail, spread over these 40 AADSTS codes (failures and interrupts). */
export const codes = [
	50126, 50076, 53003, 700016, 50053, 65001, 70008, 50140, 50058, 7000215, 50105, 90094, 500011, 50173, 700082, 50011, 53000, 50079, 81012, 70043, 50034,
	50055, 50057, 50074, 50097, 50131, 50132, 50144, 50199, 51004, 53001, 530032, 54005, 65004, 70011, 7000112, 7000218, 700054, 90072, 16000,
];
export const failureShare = 0.3;
export const users = 5000;
export const apps = 50;

/** A linear congruential generator: fast, and the same sequence for the same seed. */
export function seeded(seed) {
	let state = seed >>> 0;
	return () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

export const pick = (rand, list) => list[Math.floor(rand() * list.length)];
const hex = (n, width) => (n >>> 0).toString(16).padStart(width, '0');
/** An id fixed for one user or app (`kind` tells them apart), the same in every file. */
export const fixedId = (n, kind) => `${hex(n, 8)}-${hex(kind, 4)}-4000-8000-000000000000`;
/**
 * An id unique to record `i` of night `night`: request, correlation and session ids of one
 * night never repeat another's, so a nightly run stores only new sign-ins.
 */
export const recordId = (kind, night, i) => `${hex(kind, 4)}${hex(night, 4)}-0000-4000-8000-${String(i).padStart(12, '0')}`;
/**
 * One sign-in a second from 2026-11-01. Each night starts two days after the one before:
 * 100 MB of small records span 30 hours, and one night's must not overlap the next.
 */
export const recordTime = (night, i) => new Date(Date.UTC(2026, 10, 1) + night * 2 * 86_400_000 + i * 1000).toISOString();

/** One draw per record: the error code (0 for success), user and app, the same for both profiles. */
export function drawBasics(rand) {
	const code = rand() < failureShare ? pick(rand, codes) : 0;
	return {code, user: Math.floor(rand() * users), app: Math.floor(rand() * apps)};
}
