/** A serialised GraphQL response as the cache keeps it: the exact bytes a client receives. */
export interface CachedResponse {
  /** The JSON body, byte for byte what the GraphQL server wrote on the miss. */
  body: string;
  /** Entity keys ("Post:<raw id>", or a bare typename for lists and empty lookups) the body depends on. */
  entities: string[];
  /** Epoch milliseconds after which the response must not be served. */
  expiresAt: number;
  /**
   * For a response stored under the key every caller shares: the sessions ("user:<id>") whose own
   * answer would differ (an author sees their unpublished data), who must look up their own key instead.
   */
  except?: string[];
  /**
   * For a response stored under the shared key: the workspaces whose members' own answer would differ
   * (they see the analytics of its non-public posts), who must look up their own key instead.
   */
  exceptMembersOf?: string[];
  /**
   * Epoch milliseconds from which the response is stale: the end of its TTL (it is then served for
   * the policy's grace, until `expiresAt`), or the first change it may lag (see `ResponseStore.markStale`),
   * which brought `expiresAt` within the allowed lag. Until `expiresAt` it is still served, and its
   * first reader after `staleSince` has it re-executed in the background. Absent: fresh until it expires.
   */
  staleSince?: number;
}

/** Whether the entry is past its freshness at `now`, so serving it should also have it re-executed. */
export function isStale(entry: CachedResponse, now: number): boolean {
  return entry.staleSince !== undefined && entry.staleSince <= now;
}

/** Whether a caller with this session (null: anonymous) may be served the entry, as far as sessions tell. */
export function servesSession(entry: CachedResponse, session: string | null): boolean {
  return session === null || !entry.except?.includes(session);
}

/** Whether a caller who belongs to these workspaces may be served the entry, as far as memberships tell. */
export function servesMemberOf(entry: CachedResponse, workspaceIds: ReadonlySet<string>): boolean {
  return !entry.exceptMembersOf?.some((id) => workspaceIds.has(id));
}

const HEADER_LINES = 5;

/**
 * Redis value layout: expiry, stale since (empty while fresh), entity keys, excepted sessions,
 * excepted workspaces' members, body; one string so a hit is a single GET. The first two lines are
 * rewritten in place by the stale mark.
 */
export function encodeCachedResponse(entry: CachedResponse): string {
  const lists = [entry.entities, entry.except ?? [], entry.exceptMembersOf ?? []].map((list) => list.join(' '));
  return `${entry.expiresAt}\n${entry.staleSince ?? ''}\n${lists.join('\n')}\n${entry.body}`;
}

export function decodeCachedResponse(value: string): CachedResponse | undefined {
  const ends: number[] = [];
  for (let at = -1, i = 0; i < HEADER_LINES; i++) {
    at = value.indexOf('\n', at + 1);
    if (at < 0) return undefined;
    ends.push(at);
  }
  const [first, second, third, fourth, fifth] = ends as [number, number, number, number, number];
  const expiresAt = Number(value.slice(0, first));
  const staleSince = value.slice(first + 1, second);
  const entities = value.slice(second + 1, third);
  const except = value.slice(third + 1, fourth);
  const exceptMembersOf = value.slice(fourth + 1, fifth);
  if (!Number.isFinite(expiresAt)) return undefined;
  return {
    expiresAt,
    entities: entities ? entities.split(' ') : [],
    ...(except ? { except: except.split(' ') } : {}),
    ...(exceptMembersOf ? { exceptMembersOf: exceptMembersOf.split(' ') } : {}),
    ...(staleSince ? { staleSince: Number(staleSince) } : {}),
    body: value.slice(fifth + 1),
  };
}

/**
 * The entry as a change it may lag by `lagMs` leaves it: served no longer than that past the change,
 * and never longer than past an earlier one (nor past its TTL's end plus grace). One already stale
 * keeps its mark; the same entry comes back when the change shortens nothing.
 */
export function staleAfterChange(entry: CachedResponse, now: number, lagMs: number): CachedResponse {
  const expiresAt = Math.min(entry.expiresAt, now + lagMs);
  if (!isStale(entry, now)) return { ...entry, staleSince: now, expiresAt };
  return expiresAt === entry.expiresAt ? entry : { ...entry, expiresAt };
}
