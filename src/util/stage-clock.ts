/**
 * Where a run's time goes, stage by stage (`AADLOG_PROFILE=1`, for `npm run bench`): each
 * `lap` charges the time since the previous one to a stage. Off by default: then there is
 * no clock at all, not a clock that does nothing.
 */
export class StageClock {
	private last = process.hrtime.bigint();
	readonly seconds: Record<string, number> = {};

	lap(stage: string): void {
		const now = process.hrtime.bigint();
		this.seconds[stage] = (this.seconds[stage] ?? 0) + Number(now - this.last) / 1e9;
		this.last = now;
	}
}

export function stageClock(): StageClock | undefined {
	return process.env.AADLOG_PROFILE === '1' ? new StageClock() : undefined;
}
