/**
 * What a folder listing left out and why, for one line on stderr: a folder that yields
 * fewer files than it shows (links, archives, hidden files) says so instead of reading
 * as empty.
 */

/** Names shown per reason: enough to recognise, bounded for a folder of thousands. */
const examplesShown = 3;

/** What a folder listing left out, for --json: per reason, how many and a few names. */
export interface SkippedFiles {
	folder: string;
	count: number;
	reasons: {reason: string; count: number; examples: string[]}[];
}

export class SkipTally {
	private readonly reasons = new Map<string, {count: number; examples: Set<string>}>();
	private total = 0;

	/** `example`: the name (or extension) to show for it. */
	add(reason: string, example: string): void {
		let entry = this.reasons.get(reason);
		if (!entry) this.reasons.set(reason, (entry = {count: 0, examples: new Set()}));
		entry.count++;
		if (entry.examples.size < examplesShown) entry.examples.add(example);
		this.total++;
	}

	/** The same as `message`, as data; undefined when nothing was skipped. */
	summary(folder: string): SkippedFiles | undefined {
		if (this.total === 0) return undefined;
		const reasons = [...this.reasons.entries()]
			.sort((a, b) => b[1].count - a[1].count)
			.map(([reason, {count, examples}]) => ({reason, count, examples: [...examples].sort()}));
		return {folder, count: this.total, reasons};
	}

	/** `skipped 3 files in logs/: 2 to unpack first (a.zip, b.zip), 1 broken link (app.log)`, or undefined when nothing was. */
	message(folder: string): string | undefined {
		const summary = this.summary(folder);
		if (!summary) return undefined;
		const parts = summary.reasons.map(({reason, count, examples}) => `${count} ${reason} (${examples.join(', ')}${count > examples.length ? ', …' : ''})`);
		return `skipped ${summary.count} file${summary.count === 1 ? '' : 's'} in ${folder}: ${parts.join(', ')}`;
	}
}
