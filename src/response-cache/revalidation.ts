import { randomUUID } from 'node:crypto';
import type { Logger } from '../infra/logger.js';
import type { EdgeRequest, ServerContext } from '../server-context.js';
import type { CachedResponse } from './cached-response.js';

/** Runs a request through GraphQL without a client connection (see `GraphQLEndpoint.run`). */
export type InternalRunner = (context: ServerContext) => Promise<{ status: number; body: string }>;

/** A request the server makes on its own, as `viewer` (null: anonymously), spending nobody's budget. */
export function internalRequest(params: EdgeRequest['params'], viewer: EdgeRequest['viewer']): EdgeRequest {
  return {
    requestId: randomUUID(),
    transport: 'internal',
    clientIp: 'local',
    viewer,
    caller: { key: 'internal', anonymous: viewer === null },
    params,
    internal: true,
    note: {},
  };
}

/**
 * Re-executes the request behind a stale cache entry in the background, as the caller it was
 * served to, so the storing plugin keeps a current answer for the readers after them. One run at a
 * time per entry object and instance: readers of the same stale entry meanwhile do not multiply the
 * work. When the run's answer could not be stored (another change raced it) the entry is still the
 * stale one, and its next reader starts another run, until the entry's lag runs out.
 */
export function createStaleRevalidator(run: InternalRunner, logger: Logger) {
  const running = new WeakSet<CachedResponse>();
  return (entry: CachedResponse, edge: EdgeRequest): void => {
    if (running.has(entry)) return;
    running.add(entry);
    run({ edge: internalRequest(edge.params, edge.viewer) })
      .catch((error: unknown) => logger.warn({ err: error }, 'response cache: revalidation of a stale entry failed'))
      .finally(() => running.delete(entry));
  };
}
