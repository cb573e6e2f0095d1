import { type CachedResponse, servesMemberOf, servesSession } from './cached-response.js';

/** Who a cached answer would be served to, as the look-up needs to know them. */
export interface CacheCaller {
  /** The response-cache session (see `sessionOf`); null for anonymous callers. */
  readonly session: string | null;
  /** The workspaces the caller belongs to when known without waiting; undefined when they must be loaded. */
  knownWorkspaces(): ReadonlySet<string> | undefined;
  /** The workspaces the caller belongs to, loaded when not known yet. */
  workspaces(): Promise<ReadonlySet<string>>;
}

/**
 * Whether the entry may be served to the caller, or undefined when that depends on memberships not
 * loaded yet. Only an entry that excepts members of some workspace asks for the caller's memberships.
 */
export function servesCallerNow(entry: CachedResponse, caller: CacheCaller): boolean | undefined {
  if (!servesSession(entry, caller.session)) return false;
  if (!entry.exceptMembersOf) return true;
  const known = caller.knownWorkspaces();
  return known === undefined ? undefined : servesMemberOf(entry, known);
}

/** `servesCallerNow`, loading the caller's memberships when the entry needs them. */
export async function servesCaller(entry: CachedResponse, caller: CacheCaller): Promise<boolean> {
  return servesCallerNow(entry, caller) ?? servesMemberOf(entry, await caller.workspaces());
}
