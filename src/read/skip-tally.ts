/**
 * What a folder listing left out and why, for one line on stderr: a folder that yields
 * fewer files than it shows (links, archives, hidden files) says so instead of reading
 * as empty.
 */

/** Names shown per reason: enough to recognise, bounded for a folder of thousands. */
const examplesShown = 3;

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

	/** `skipped 3 files in logs/: 2 not logs (.zip), 1 broken link (app.log)`, or undefined when nothing was. */
	message(folder: string): string | undefined {
		if (this.total === 0) return undefined;
		const parts = [...this.reasons.entries()]
			.sort((a, b) => b[1].count - a[1].count)
			.map(([reason, {count, examples}]) => {
				const shown = [...examples].sort().join(', ');
				return `${count} ${reason} (${shown}${count > examples.size && reason !== 'not logs' ? ', …' : ''})`;
			});
		return `skipped ${this.total} file${this.total === 1 ? '' : 's'} in ${folder}: ${parts.join(', ')}`;
	}
}
