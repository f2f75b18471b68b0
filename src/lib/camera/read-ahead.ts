/**
 * Reads one item ahead of the caller: while the caller works on an item (a video frame the pose
 * model is looking at), the next one is already being produced (decoded). Order, values and
 * the end are the source's own; stopping early ends the source too.
 */
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  let next = iterator.next();
  let finished = false;
  try {
    for (;;) {
      const result = await next;
      if (result.done) {
        finished = true;
        return;
      }
      next = iterator.next();
      yield result.value;
    }
  } finally {
    // Stopped early (Cancel, an error): let the read under way settle, then close the source.
    if (!finished) {
      await next.catch(() => undefined);
      await iterator.return?.();
    }
  }
}
