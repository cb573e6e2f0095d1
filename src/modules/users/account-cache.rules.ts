import type { CacheEntity } from '../../response-cache/invalidator.js';
import { postChangeEntities } from '../posts/post-cache.rules.js';

/**
 * What deleting an account evicts: answers showing the user, and every answer a post of theirs could
 * be in, the own answers of everyone who shares a workspace with them included.
 */
export function accountDeletionEntities(
  userId: string,
  posts: readonly { id: string; workspaceId: string; status: string; publishedAt: Date | null }[],
  coMemberIds: readonly string[],
): CacheEntity[] {
  return [
    { typename: 'User', id: userId },
    ...posts.flatMap((post) =>
      postChangeEntities(
        { id: post.id, authorId: userId, workspaceId: post.workspaceId },
        post.status === 'PUBLISHED' || post.publishedAt !== null,
        coMemberIds,
      ),
    ),
  ];
}
