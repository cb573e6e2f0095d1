import { type CacheEntity, ownedBy } from '../../response-cache/invalidator.js';
import { authorMetricsEntity, authorPostsEntity } from '../analytics/metrics-cache.rules.js';

/**
 * What a change to a post evicts from the response cache. A post others can list (published before
 * or after the change) may enter or leave anyone's listings and look-ups; one only its author sees
 * (a draft, a scheduled post) changes nothing but the answers holding it and its author's own.
 */
export function postChangeEntities(post: { id: string; authorId: string }, seenByOthers: boolean): CacheEntity[] {
  const holdingIt: CacheEntity = { typename: 'Post', id: post.id };
  // Its status, visibility or existence may change which posts the author's summaries cover.
  const summaries = authorPostsEntity(post.authorId);
  return seenByOthers
    ? [holdingIt, { typename: 'Post' }, { typename: 'Node' }, summaries]
    : [holdingIt, ownedBy('Post', post.authorId), ownedBy('Node', post.authorId), summaries];
}

/**
 * What a new draft evicts: the author's own listings and look-ups. Their summaries cover the same
 * posts plus one with no engagement, so only the count of posts moves: a metric, allowed to lag.
 */
export function draftCreationEntities(post: { id: string; authorId: string }): CacheEntity[] {
  return [{ typename: 'Post', id: post.id }, ownedBy('Post', post.authorId), ownedBy('Node', post.authorId), authorMetricsEntity(post.authorId)];
}
