import { type CacheEntity, ownedBy } from '../../response-cache/invalidator.js';
import { authorMetricsEntity, authorPostsEntity } from '../analytics/metrics-cache.rules.js';

/** The own listings and look-ups of each member of the post's workspace: they all see its unpublished posts. */
const membersOwn = (memberIds: readonly string[]): CacheEntity[] => memberIds.flatMap((id) => [ownedBy('Post', id), ownedBy('Node', id)]);

/**
 * What a change to a post evicts from the response cache. A post others can list (published before
 * or after the change) may enter or leave anyone's listings and look-ups; one only its workspace's
 * members see (a draft, a scheduled post) changes nothing but the answers holding it and the members' own.
 */
export function postChangeEntities(
  post: { id: string; authorId: string; workspaceId: string },
  seenByOthers: boolean,
  memberIds: readonly string[],
): CacheEntity[] {
  // The workspace's feed (Workspace.posts) holds the workspace: exactly the feeds that may list it.
  const holdingIt: CacheEntity[] = [
    { typename: 'Post', id: post.id },
    { typename: 'Workspace', id: post.workspaceId },
  ];
  // Its status, visibility or existence may change which posts the author's summaries cover.
  const summaries = authorPostsEntity(post.authorId);
  return seenByOthers ? [...holdingIt, { typename: 'Post' }, { typename: 'Node' }, summaries] : [...holdingIt, ...membersOwn(memberIds), summaries];
}

/**
 * What a new draft evicts: the own listings and look-ups of its workspace's members. The author's summaries cover the same
 * posts plus one with no engagement, so only the count of posts moves: a metric, allowed to lag.
 */
export function draftCreationEntities(post: { id: string; authorId: string; workspaceId: string }, memberIds: readonly string[]): CacheEntity[] {
  return [{ typename: 'Post', id: post.id }, { typename: 'Workspace', id: post.workspaceId }, ...membersOwn(memberIds), authorMetricsEntity(post.authorId)];
}
