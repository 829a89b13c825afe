/**
 * What one run saw, accumulated as events stream by: outcome totals, events per AADSTS
 * code, events per most likely cause, distinct ids. Bounded memory: distinct values are
 * counted from 52-bit hashes, exactly up to 65,536 and by a 16 KiB sketch past that.
 */

import type {CauseMatch} from '../classify/engine.js';
import type {AuthEvent, Outcome} from '../extract/event.js';
import {rankCauses} from '../report/impact.js';
import {hash52} from '../util/hash.js';
import {DistinctCounter} from './distinct-counter.js';

export interface FirstReject {
	file: string;
	line: number;
	index?: number;
	reason: string;
}

export interface CauseCount {
	cause: string;
	title: string;
	who: string;
	level: string;
	count: number;
	failures: number;
	interrupts: number;
	/** Distinct users and apps this cause hit: the impact order (report/impact.ts) needs them. */
	users: DistinctCounter;
	apps: DistinctCounter;
	/** AADSTS codes seen with this cause, and how often (for unclassified: which codes lack a rule); byCount orders them. */
	codes: Map<number, number>;
}

export type RankedCause = Omit<CauseCount, 'users' | 'apps'> & {users: number; apps: number};

export class RunSummary {
	records = 0;
	rejected = 0;
	firstReject?: FirstReject;
	readonly outcomes: Record<Outcome, number> = {success: 0, failure: 0, interrupt: 0, unknown: 0};
	readonly codes = new Map<number, number>();
	readonly causes = new Map<string, CauseCount>();
	readonly kinds = {signin: 0, app: 0};
	/** App failures grouped from several records (src/incident), and the records they hold. */
	readonly incidents = {events: 0, records: 0};
	private readonly correlationIds = new DistinctCounter();
	private readonly users = new DistinctCounter();
	private readonly apps = new DistinctCounter();
	private readonly tokenFingerprints = new DistinctCounter();
	/** Events that carried a token, and those whose token had expired when it was used. */
	readonly tokenUses = {events: 0, expiredAtUse: 0};

	/** Outcomes count events (an incident is one failure); records and kinds count the records read. */
	addEvent(event: AuthEvent, causes: readonly CauseMatch[]): void {
		const records = event.incident?.records.length ?? 1;
		this.records += records;
		this.kinds[event.kind] += records;
		if (records > 1) {
			this.incidents.events++;
			this.incidents.records += records;
		}
		this.outcomes[event.outcome]++;
		for (const code of event.codes.aadsts) this.codes.set(code, (this.codes.get(code) ?? 0) + 1);
		if (event.ids.correlationId) this.correlationIds.add(hash52(event.ids.correlationId));
		const user = event.who.upn ?? event.who.userId;
		// Hashed once: the run's distinct counts and the top cause's use the same hashes.
		const userHash = user ? hash52(user.toLowerCase()) : undefined;
		const appHash = event.app.id ? hash52(event.app.id) : undefined;
		if (userHash !== undefined) this.users.add(userHash);
		if (appHash !== undefined) this.apps.add(appHash);
		if (event.tokens) {
			this.tokenUses.events++;
			for (const token of event.tokens) this.tokenFingerprints.add(hash52(token.fingerprint));
			if (event.tokens.some((t) => t.expiredAtUse)) this.tokenUses.expiredAtUse++;
		}
		const top = causes[0];
		if (top) {
			let entry = this.causes.get(top.rule.id);
			if (!entry) {
				entry = {
					cause: top.rule.id,
					title: top.rule.title,
					who: top.rule.who,
					level: top.rule.level,
					count: 0,
					failures: 0,
					interrupts: 0,
					users: new DistinctCounter(),
					apps: new DistinctCounter(),
					codes: new Map(),
				};
				this.causes.set(top.rule.id, entry);
			}
			entry.count++;
			if (event.outcome === 'failure') entry.failures++;
			if (event.outcome === 'interrupt') entry.interrupts++;
			if (userHash !== undefined) entry.users.add(userHash);
			if (appHash !== undefined) entry.apps.add(appHash);
			const code = event.codes.aadsts[0];
			if (code !== undefined) entry.codes.set(code, (entry.codes.get(code) ?? 0) + 1);
		}
	}

	/** Graph pages read whose next pages (`@odata.nextLink`) are not in the input, and the files they are in. */
	readonly missingPages = {pages: 0, files: [] as string[]};

	addMissingPages(file: string, pages: number): void {
		this.missingPages.pages += pages;
		this.missingPages.files.push(file);
	}

	addReject(file: string, line: number, index: number | undefined, reason: string): void {
		this.records++;
		this.rejected++;
		this.firstReject ??= {file, line, index, reason};
	}

	get distinct(): {correlationIds: number; users: number; apps: number} {
		return {correlationIds: this.correlationIds.count, users: this.users.count, apps: this.apps.count};
	}

	/** False when a distinct count is an estimate (past 65,536 values: a sketch, about 1% off). */
	get distinctExact(): boolean {
		return this.correlationIds.isExact && this.users.isExact && this.apps.isExact && this.tokenFingerprints.isExact;
	}

	get tokens(): {distinct: number; events: number; expiredAtUse: number} {
		return {distinct: this.tokenFingerprints.count, ...this.tokenUses};
	}

	/** Codes by events carrying them, most first; ties by code. */
	topCodes(): Array<{code: number; count: number}> {
		return byCount(this.codes);
	}

	/** Causes with failures by impact (report/impact.ts); interrupt-only causes apart, as expected steps. */
	rankedCauses(): {failing: RankedCause[]; expectedSteps: RankedCause[]} {
		return rankCauses([...this.causes.values()].map((c) => ({...c, users: c.users.count, apps: c.apps.count})));
	}
}

/** Code counts, most first; ties by code (the same order whatever order they were counted in). */
export function byCount(codes: ReadonlyMap<number, number>): Array<{code: number; count: number}> {
	return [...codes].map(([code, count]) => ({code, count})).sort((a, b) => b.count - a.count || a.code - b.code);
}
