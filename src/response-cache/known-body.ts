import type { ExecutionResult } from 'graphql';

type Stringify = (result: unknown) => string;

/**
 * Lets Yoga send `body`, the result's JSON already made for the cache, instead of serialising the
 * result again: Yoga uses a result's own `stringify` when it has one (graphql-jit sets it). Should
 * anything replace the result or its top-level fields afterwards, it is serialised as usual.
 */
export function withKnownBody<T extends ExecutionResult>(result: T, body: string): T {
  const { data, errors, extensions } = result;
  const fallback: Stringify = (result as { stringify?: Stringify }).stringify ?? JSON.stringify;
  const stringify: Stringify = (value) => {
    const unchanged = value === result && result.data === data && result.errors === errors && result.extensions === extensions;
    return unchanged ? body : fallback(value);
  };
  Object.defineProperty(result, 'stringify', { value: stringify, configurable: true, writable: true, enumerable: false });
  return result;
}
