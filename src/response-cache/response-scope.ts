import { createContextCache } from '@pothos/core';
import { type Viewer, viewerUserId } from '../shared/viewer.js';
import { type CacheEntity, membershipsOf } from './invalidator.js';

/**
 * What a response's answer depends on beyond the request itself, noted by resolvers while it
 * executes, so the response cache stores it under the key every caller shares only when no caller
 * would get a different answer (see `useCachedResponses`).
 */
export interface ResponseScope {
  /** The answer is the caller's own (their unpublished data, or a list that would include it): never shared. */
  viewerBound: boolean;
  /** Sessions whose own answer would differ from this one: authors of data only they see in full. */
  readonly differsFor: Set<string>;
  /** Workspaces whose members' own answer would differ from this one (they see more of its posts' analytics). */
  readonly differsForMembersOf: Set<string>;
  /** What else the answer depends on, for invalidation (e.g. one post's metrics). */
  readonly dependsOn: CacheEntity[];
}

const scopes = createContextCache((): ResponseScope => ({ viewerBound: false, differsFor: new Set(), differsForMembersOf: new Set(), dependsOn: [] }));

/** The response-cache session of a caller: null for anonymous callers. */
export function sessionOf(viewer: Viewer | null): string | null {
  if (!viewer) return null;
  return viewer.kind === 'user' ? `user:${viewer.userId}` : `service:${viewer.name}`;
}

/** The scope being recorded for one request's context. */
export const responseScopeOf = (ctx: object): ResponseScope => scopes(ctx);

/** The answer could be different for another caller (e.g. a list that includes the caller's drafts). */
export function answerDependsOnViewer(ctx: object): void {
  responseScopeOf(ctx).viewerBound = true;
}

/**
 * The answer shows data that its owner sees in full and everyone else does not (an unpublished post,
 * analytics of a non-public one): the owner's answer is their own, everyone else's is shared but not
 * with the owner.
 */
export function answerDiffersForOwner(ctx: { viewer: Viewer | null }, ownerId: string): void {
  if (viewerUserId(ctx) === ownerId) answerDependsOnViewer(ctx);
  else responseScopeOf(ctx).differsFor.add(`user:${ownerId}`);
}

/**
 * The answer shows data that the members of a workspace see and everyone else does not (the
 * analytics of its non-public posts). The resolver read the caller's membership to decide
 * (`callerIsMember`): a member's answer is their own, evicted when their memberships change;
 * everyone else's is shared, but never served to a member of the workspace (see `servesMemberOf`).
 */
export function answerDiffersForMembersOf(ctx: { viewer: Viewer | null }, workspaceId: string, callerIsMember: boolean): void {
  const scope = responseScopeOf(ctx);
  if (!callerIsMember) return void scope.differsForMembersOf.add(workspaceId);
  scope.viewerBound = true;
  const userId = viewerUserId(ctx);
  if (userId) scope.dependsOn.push(membershipsOf(userId));
}

/** The answer must be evicted when one of these changes. */
export function answerDependsOn(ctx: object, ...entities: CacheEntity[]): void {
  responseScopeOf(ctx).dependsOn.push(...entities);
}
