import type { CacheEntity } from '../../response-cache/invalidator.js';
import { postChangeEntities } from '../posts/post-cache.rules.js';

/** What deleting an account evicts: answers showing the user, and every answer a post of theirs could be in. */
export function accountDeletionEntities(userId: string, posts: readonly { id: string; status: string; publishedAt: Date | null }[]): CacheEntity[] {
  return [
    { typename: 'User', id: userId },
    ...posts.flatMap((post) => postChangeEntities({ id: post.id, authorId: userId }, post.status === 'PUBLISHED' || post.publishedAt !== null)),
  ];
}
