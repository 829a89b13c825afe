/**
 * The items of an async iterable until a signal aborts, even while the source waits for
 * data that may never come (standard input from a quiet pipe). The source is then left
 * waiting: its owner closes it (the CLI destroys standard input). Each item costs a
 * Promise.race, so files, which always deliver, are not wrapped.
 */
export async function* untilAborted<T>(source: AsyncIterable<T>, signal: AbortSignal | undefined): AsyncGenerator<T> {
	if (!signal) return yield* source;
	const iterator = source[Symbol.asyncIterator]();
	let onAbort = (): void => {};
	const aborted = new Promise<'aborted'>((resolve) => {
		onAbort = () => resolve('aborted');
		signal.addEventListener('abort', onAbort, {once: true});
	});
	try {
		while (!signal.aborted) {
			const next = await Promise.race([iterator.next(), aborted]);
			if (next === 'aborted' || next.done) return;
			yield next.value;
		}
	} finally {
		signal.removeEventListener('abort', onAbort);
	}
}
