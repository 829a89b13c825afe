/**
 * The one order of causes for every report and summary: what hurts most first. Severity
 * (the rule's level) outranks volume, because one expired secret is an outage while a
 * thousand MFA prompts are the system working; then how many people and apps are hit,
 * then failures (interrupts are expected steps, not harm); new or rising causes go ahead
 * of otherwise equal ones, because they are the news.
 */
const levelRank: Record<string, number> = {critical: 0, high: 1, medium: 2, low: 3, info: 4};

export interface Impact {
	cause: string;
	level: string;
	users: number;
	apps: number;
	failures: number;
	/** New or more than before (previous window or earlier runs). */
	rising?: boolean;
}

export function byImpact(a: Impact, b: Impact): number {
	return (
		(levelRank[a.level] ?? 5) - (levelRank[b.level] ?? 5) ||
		b.users - a.users ||
		b.apps - a.apps ||
		b.failures - a.failures ||
		Number(b.rising ?? false) - Number(a.rising ?? false) ||
		(a.cause < b.cause ? -1 : a.cause > b.cause ? 1 : 0)
	);
}

/** Causes with failures, ranked; causes with only interrupts (expected steps) apart. */
export function rankCauses<T extends Impact>(causes: readonly T[]): {failing: T[]; expectedSteps: T[]} {
	const ranked = [...causes].sort(byImpact);
	return {failing: ranked.filter((c) => c.failures > 0), expectedSteps: ranked.filter((c) => c.failures === 0)};
}
