import type { ResponseStore } from './response-store.js';

/** What a cached response depends on: an entity (typename + raw or global id), or a bare typename tag. */
export type CacheEntity = { typename: string; id?: string | number };

/** A tag of the answers one user gets with their unpublished posts in them, e.g. "Post@user:<id>". */
export const ownedBy = (typename: string, userId: string): CacheEntity => ({ typename: `${typename}@user:${userId}` });

/** What services call after a write, so no instance serves a response that contained the old data. */
export interface ResponseCacheInvalidator {
  invalidate(entities: readonly CacheEntity[]): Promise<void>;
}

/** Without a store (FEATURE_RESPONSE_CACHE=false) nothing is cached, so there is nothing to invalidate. */
export function createResponseCacheInvalidator(store: ResponseStore | undefined, keyOf: (entity: CacheEntity) => string): ResponseCacheInvalidator {
  return {
    invalidate: async (entities) => {
      if (store) await store.invalidate([...new Set(entities.map(keyOf))]);
    },
  };
}
