import type { CachedResponse } from '../infra/cache/cached-response.js';
import type { Logger } from '../infra/logger.js';
import type { StaleRead } from '../plugins/response-cache.js';

/** The part of the Yoga server a revalidation needs; `revalidating` reaches the response-cache plugin. */
interface Executor {
  fetch(url: string, init: RequestInit, serverContext: { revalidating: true }): Response | Promise<Response>;
}

/**
 * Re-executes the request behind a stale cache entry in the background, as the caller it was
 * served to, so the response cache stores a current answer for the readers after them. One run at a
 * time per entry object and instance: readers of the same stale entry meanwhile do not multiply the
 * work. When the run's answer could not be stored (another change raced it) the entry is still the
 * stale one, and its next reader starts another run, until the entry's lag runs out.
 */
export function createStaleRevalidator(executor: () => Executor, logger: Logger) {
  const running = new WeakSet<CachedResponse>();
  return (entry: CachedResponse, { operation, authorization }: StaleRead): void => {
    if (running.has(entry)) return;
    running.add(entry);
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };
    if (authorization) headers.authorization = authorization;
    void (async () => {
      try {
        const response = await executor().fetch('http://localhost/graphql', { method: 'POST', headers, body: JSON.stringify(operation) }, { revalidating: true });
        await response.arrayBuffer();
      } catch (error) {
        logger.warn({ err: error }, 'response cache: revalidation of a stale entry failed');
      } finally {
        running.delete(entry);
      }
    })();
  };
}
