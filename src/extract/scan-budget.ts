/**
 * A time bound for scanning one record: every scan is linear, but a record of many
 * megabytes still takes a while, and no single record may stall the run. Checked between
 * phases (a clock reading each, not a check per character); a record over it becomes a reject.
 */

/** Seconds one record may take to scan. */
export const defaultScanSeconds = 2;

export interface ScanLimits {
	scanSeconds?: number;
	/** Milliseconds on a monotonic clock; tests pass a clock of their own. */
	now?: () => number;
}

/** Thrown between phases once the record's time is spent; extractRecord turns it into a reject. */
export class ScanTimeout extends Error {
	constructor(readonly seconds: number) {
		super(`record took over ${seconds} s to scan; kept as a reject`);
	}
}

export class ScanBudget {
	private readonly deadline: number;
	private readonly seconds: number;
	private readonly now: () => number;

	constructor(limits: ScanLimits = {}) {
		this.seconds = limits.scanSeconds ?? defaultScanSeconds;
		this.now = limits.now ?? (() => performance.now());
		this.deadline = this.now() + this.seconds * 1000;
	}

	/** Between two phases of a record's scan: throws when the record is over its time. */
	check(): void {
		if (this.now() > this.deadline) throw new ScanTimeout(this.seconds);
	}
}
