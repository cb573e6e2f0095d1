import type { ResponseStore } from './response-store.js';

/** What a cached response depends on: an entity (typename + raw or global id), or a bare typename tag. */
export type CacheEntity = { typename: string; id?: string | number };

/** A tag of the answers one user gets with their unpublished posts in them, e.g. "Post@user:<id>". */
export const ownedBy = (typename: string, userId: string): CacheEntity => ({ typename: `${typename}@user:${userId}` });

/** What services call after a write, so no instance serves a response that contained the old data. */
export interface ResponseCacheInvalidator {
  invalidate(entities: readonly CacheEntity[]): Promise<void>;
}

/**
 * Without a store (FEATURE_RESPONSE_CACHE=false) nothing is cached, so there is nothing to invalidate.
 * Entities of a typename in `lagMs` (engagement numbers) are marked stale instead of evicted: answers
 * showing them may lag a change by at most that long while they are re-executed.
 */
export function createResponseCacheInvalidator(
  store: ResponseStore | undefined,
  keyOf: (entity: CacheEntity) => string,
  lagMs: Readonly<Record<string, number>> = {},
): ResponseCacheInvalidator {
  return {
    invalidate: async (entities) => {
      if (!store) return;
      const evicted = new Set<string>();
      const lagging = new Map<number, Set<string>>();
      for (const entity of entities) {
        const lag = lagMs[entity.typename];
        if (lag === undefined) evicted.add(keyOf(entity));
        else lagging.set(lag, (lagging.get(lag) ?? new Set()).add(keyOf(entity)));
      }
      await Promise.all([store.invalidate([...evicted]), ...[...lagging].map(([lag, keys]) => store.markStale([...keys], lag))]);
    },
  };
}
