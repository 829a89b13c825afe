/**
 * The items of an async iterable until a signal aborts, even while the source waits for
 * data that may never come (standard input from a quiet pipe). The source is then left
 * waiting: its owner closes it (the CLI destroys standard input). Each item costs a
 * promise, so files, which always deliver, are not wrapped.
 *
 * Not Promise.race against one abort promise: every race would leave a reaction on that
 * never-settled promise, and a long pipe would fill the heap with them.
 */
export async function* untilAborted<T>(source: AsyncIterable<T>, signal: AbortSignal | undefined): AsyncGenerator<T> {
	if (!signal) return yield* source;
	const iterator = source[Symbol.asyncIterator]();
	let wake: ((stop: 'aborted') => void) | undefined;
	const onAbort = (): void => wake?.('aborted');
	signal.addEventListener('abort', onAbort, {once: true});
	try {
		while (!signal.aborted) {
			const next = await new Promise<IteratorResult<T> | 'aborted'>((resolve, reject) => {
				wake = resolve;
				iterator.next().then(resolve, reject);
			});
			if (next === 'aborted' || next.done) return;
			yield next.value;
		}
	} finally {
		wake = undefined;
		signal.removeEventListener('abort', onAbort);
	}
}
