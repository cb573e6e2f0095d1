import type { Viewer } from '../shared/viewer.js';
import type { CacheCaller } from './cache-caller.js';
import type { CachedResponse } from './cached-response.js';
import { entityKey, membershipsOf } from './invalidator.js';
import { sessionOf } from './response-scope.js';
import type { ResponseStore } from './response-store.js';

/** The workspace ids a user belongs to, read from the database. */
export type MembershipLoader = (userId: string) => Promise<readonly string[]>;

/**
 * How long a membership entry lives: changes evict it on every instance (it is tagged with
 * `membershipsOf`), so this only bounds what a lost invalidation could leave behind.
 */
const MEMBERSHIP_TTL_MS = 10 * 60_000;
const NO_WORKSPACES: ReadonlySet<string> = new Set();

/** The store key of a user's memberships: never a response key (those are base64url hashes, own keys end in `~<session>`). */
const membershipKey = (userId: string) => `memberships~user:${userId}`;

/**
 * The workspaces each caller belongs to, for look-ups of shared answers that members of some
 * workspace must not be served. Kept as entries of the response store itself (in process and in
 * Redis), tagged with `membershipsOf(user)`, which the membership services invalidate on every
 * change (joining, creating, leaving, removal, role change), so all instances agree; a miss reads the
 * database. Anonymous callers and service tokens belong to no workspace: service tokens see analytics
 * as outsiders do (only an ingest token records engagement, which is not a read).
 */
export function createMembershipDirectory(store: ResponseStore, load: MembershipLoader, now: () => number = Date.now) {
  const parsed = new WeakMap<CachedResponse, ReadonlySet<string>>();
  const loading = new Map<string, Promise<ReadonlySet<string>>>();

  function workspaceIdsIn(entry: CachedResponse): ReadonlySet<string> {
    let ids = parsed.get(entry);
    if (!ids) parsed.set(entry, (ids = new Set(entry.body ? entry.body.split(' ') : [])));
    return ids;
  }

  async function loadAndKeep(userId: string): Promise<ReadonlySet<string>> {
    const startedAt = now();
    const ids = await load(userId);
    // Not kept when the memberships changed while they were read (see ResponseStore.set).
    const entry = { body: ids.join(' '), entities: [entityKey(membershipsOf(userId))], expiresAt: now() + MEMBERSHIP_TTL_MS };
    await store.set(membershipKey(userId), entry, startedAt);
    return new Set(ids);
  }

  async function workspacesOf(userId: string): Promise<ReadonlySet<string>> {
    const kept = await store.get(membershipKey(userId));
    if (kept) return workspaceIdsIn(kept);
    // Many connections of one reader miss together: one read of the database for all of them.
    let pending = loading.get(userId);
    if (!pending) {
      pending = loadAndKeep(userId).finally(() => loading.delete(userId));
      loading.set(userId, pending);
    }
    return pending;
  }

  return {
    /** The caller as the look-up sees them: memberships are read only when an entry asks for them. */
    callerOf(viewer: Viewer | null): CacheCaller {
      const session = sessionOf(viewer);
      if (viewer?.kind !== 'user') return { session, knownWorkspaces: () => NO_WORKSPACES, workspaces: async () => NO_WORKSPACES };
      const { userId } = viewer;
      return {
        session,
        knownWorkspaces: () => {
          const kept = store.peek(membershipKey(userId));
          return kept && workspaceIdsIn(kept);
        },
        workspaces: () => workspacesOf(userId),
      };
    },
  };
}
