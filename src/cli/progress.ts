/**
 * A progress line on stderr for long runs: bytes read, throughput, records/s, and an ETA
 * when the total size is known (files; not standard input). Only on a terminal, never with
 * --quiet, and only once a run has taken a second (short runs do not flicker). Redrawn at
 * most every 200 ms, and wiped at the end so the summary starts on a clean line.
 */
export interface ProgressState {
	bytes: number;
	/** Sum of the input sizes, when every input has one. */
	total?: number;
	records: number;
	elapsedMs: number;
}

/** One line that fits 80 columns: `aadlog ██████░░░░  61% 61.2/100 MB · 35 MB/s · 27,812 rec/s · ETA 0:02`. */
export function formatProgress(s: ProgressState, width = 10): string {
	const seconds = Math.max(s.elapsedMs / 1000, 0.001);
	const mbps = s.bytes / 1e6 / seconds;
	const rate = `${fmtMb(mbps)}/s · ${Math.round(s.records / seconds).toLocaleString('en-US')} rec/s`;
	if (s.total === undefined || s.total === 0) return `aadlog ${fmtMb(s.bytes / 1e6)} · ${s.records.toLocaleString('en-US')} records · ${rate}`;
	const share = Math.min(s.bytes / s.total, 1);
	const filled = Math.round(share * width);
	const eta = mbps > 0 ? (s.total - s.bytes) / 1e6 / mbps : undefined;
	const done = fmtMb(s.bytes / 1e6).replace(/ [MG]B$/, '');
	return `aadlog ${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${String(Math.floor(share * 100)).padStart(3)}% ${done}/${fmtMb(s.total / 1e6)} · ${rate}${eta === undefined ? '' : ` · ETA ${clock(eta)}`}`;
}

export function progressWanted(isTTY: boolean | undefined, quiet: boolean): boolean {
	return Boolean(isTTY) && !quiet;
}

export class Progress {
	private bytes = 0;
	private records = 0;
	private readonly started = Date.now();
	private lastDraw = 0;
	private drawn = false;

	constructor(
		private readonly total: number | undefined,
		private readonly stream: NodeJS.WriteStream = process.stderr,
	) {}

	onBytes = (n: number): void => {
		this.bytes += n;
		this.maybeDraw();
	};

	onRecord = (): void => {
		// Counting is cheap; the clock is read only every 4096 records.
		if ((++this.records & 4095) === 0) this.maybeDraw();
	};

	/** Wipes the line; safe to call twice. */
	finish(): void {
		if (this.drawn) this.stream.write('\r\x1b[K');
		this.drawn = false;
	}

	private maybeDraw(): void {
		const now = Date.now();
		if (now - this.started < 1000 || now - this.lastDraw < 200) return;
		this.lastDraw = now;
		this.drawn = true;
		const line = formatProgress({bytes: this.bytes, total: this.total, records: this.records, elapsedMs: now - this.started});
		this.stream.write(`\r${line.slice(0, (this.stream.columns || 120) - 1)}\x1b[K`);
	}
}

function fmtMb(mb: number): string {
	return mb >= 1000 ? `${(mb / 1000).toFixed(2)} GB` : `${mb.toFixed(mb >= 100 ? 0 : 1)} MB`;
}

function clock(seconds: number): string {
	const s = Math.round(seconds);
	const h = Math.floor(s / 3600);
	const m = Math.floor((s % 3600) / 60);
	const sec = String(s % 60).padStart(2, '0');
	return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}
