/**
 * Resolves with the next value, or undefined if none comes within `ms` (used only to wait for readiness).
 * A value that arrives after the wait stays in `pending` for the next call rather than being dropped.
 */
export const nextWithin = async <T>(iterator: AsyncIterator<T>, pending: { next?: Promise<IteratorResult<T>> }, ms: number) => {
  const next = (pending.next ??= iterator.next());
  let timer: NodeJS.Timeout | undefined;
  const arrived = await Promise.race([
    next.then((result) => ({ result })),
    new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms))),
  ]);
  clearTimeout(timer);
  if (!arrived) return undefined;
  pending.next = undefined;
  return arrived.result;
};
