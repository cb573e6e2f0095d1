import { ownedBy, type CacheEntity } from '../../infra/cache/response-cache-invalidator.js';

/**
 * What a change to a post evicts from the response cache. A post others can list (published before
 * or after the change) may enter or leave anyone's listings and look-ups; one only its author sees
 * (a draft, a scheduled post) changes nothing but the answers holding it and its author's own.
 */
export function postChangeEntities(post: { id: string; authorId: string }, seenByOthers: boolean): CacheEntity[] {
  const holdingIt: CacheEntity = { typename: 'Post', id: post.id };
  return seenByOthers
    ? [holdingIt, { typename: 'Post' }, { typename: 'Node' }]
    : [holdingIt, ownedBy('Post', post.authorId), ownedBy('Node', post.authorId)];
}
