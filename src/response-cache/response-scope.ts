import { createContextCache } from '@pothos/core';
import { type Viewer, viewerUserId } from '../shared/viewer.js';
import type { CacheEntity } from './invalidator.js';

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
  /** What else the answer depends on, for invalidation (e.g. one post's metrics). */
  readonly dependsOn: CacheEntity[];
}

const scopes = createContextCache((): ResponseScope => ({ viewerBound: false, differsFor: new Set(), dependsOn: [] }));

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

/** The answer must be evicted when one of these changes. */
export function answerDependsOn(ctx: object, ...entities: CacheEntity[]): void {
  responseScopeOf(ctx).dependsOn.push(...entities);
}
