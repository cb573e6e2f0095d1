import { decodeGlobalID } from '@pothos/plugin-relay';
import type { ResponseStore } from './response-store.js';

/**
 * What a cached response depends on: an entity (typename + raw or global id), or a bare typename tag.
 * `lagMs`: answers showing it may lag a change by at most that long (engagement numbers): a change
 * marks them stale, to be re-executed by their next reader, instead of evicting them.
 */
export type CacheEntity = { typename: string; id?: string | number; lagMs?: number };

/** A tag of the answers one user gets with their unpublished posts in them, e.g. "Post@user:<id>". */
export const ownedBy = (typename: string, userId: string): CacheEntity => ({ typename: `${typename}@user:${userId}` });

/**
 * The tag of a user's workspace memberships: their membership entry in the cache (see
 * `MembershipDirectory`) and their own answers that depend on them. Evicted when they change.
 */
export const membershipsOf = (userId: string): CacheEntity => ownedBy('Membership', userId);

/** Global ids are standard base64 (Pothos), so anything with another character (a UUID's dashes) is a raw id. */
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** "Post:<raw id>" whether given the raw id or the Relay global id the schema exposes. */
export function entityKey({ typename, id }: CacheEntity): string {
  if (id === undefined || id === null) return typename;
  const raw = String(id);
  // Services invalidate by raw UUID, dozens per ingest batch; decoding those would throw (slowly) every time.
  if (!BASE64.test(raw)) return `${typename}:${raw}`;
  try {
    const decoded = decodeGlobalID(raw);
    if (decoded.typename === typename && decoded.id) return `${typename}:${decoded.id}`;
  } catch {
    // not a global id: a raw one
  }
  return `${typename}:${raw}`;
}

/** What services call after a write, so no instance serves a response that contained the old data. */
export interface ResponseCacheInvalidator {
  invalidate(entities: readonly CacheEntity[]): Promise<void>;
}

/** Without a store (FEATURE_RESPONSE_CACHE=false) nothing is cached, so there is nothing to invalidate. */
export function createResponseCacheInvalidator(store: ResponseStore | undefined): ResponseCacheInvalidator {
  return {
    invalidate: async (entities) => {
      if (!store) return;
      const evicted = new Set<string>();
      const lagging = new Map<number, Set<string>>();
      for (const entity of entities) {
        if (entity.lagMs === undefined) evicted.add(entityKey(entity));
        else lagging.set(entity.lagMs, (lagging.get(entity.lagMs) ?? new Set()).add(entityKey(entity)));
      }
      await Promise.all([store.invalidate([...evicted]), ...[...lagging].map(([lag, keys]) => store.markStale([...keys], lag))]);
    },
  };
}
