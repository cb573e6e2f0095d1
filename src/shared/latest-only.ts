import { createWakeUp } from './wake-up.js';

/**
 * Reads `source` as fast as it produces and hands out only the newest value not taken yet: for
 * live values where only the current one matters (a post's totals). A subscriber that stops
 * reading then holds one value instead of a queue; a pub/sub queue left to grow overflows after
 * 1,024 pending values and throws inside the publisher's dispatch (in process, an uncaught error).
 */
export function latestOnly<T>(source: AsyncIterable<T>): AsyncIterableIterator<T> {
  const iterator = source[Symbol.asyncIterator]();
  let latest: { value: T } | undefined;
  let ended = false;
  let stopped = false;
  let failure: { error: unknown } | undefined;
  const { wait, notify } = createWakeUp();
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    notify();
    await iterator.return?.();
  };

  void (async () => {
    try {
      for (let next = await iterator.next(); !next.done && !stopped; next = await iterator.next()) {
        latest = { value: next.value };
        notify();
      }
    } catch (error) {
      failure = { error };
    } finally {
      ended = true;
      notify();
    }
  })();

  const done = { done: true, value: undefined } as const;
  const values: AsyncIterableIterator<T> = {
    [Symbol.asyncIterator]: () => values,
    async next(): Promise<IteratorResult<T>> {
      while (!latest && !ended && !stopped) await wait();
      if (latest && !stopped) {
        const { value } = latest;
        latest = undefined;
        return { done: false, value };
      }
      const error = failure;
      await stop();
      if (error) throw error.error;
      return done;
    },
    async return() {
      latest = undefined;
      await stop();
      return done;
    },
  };
  return values;
}
