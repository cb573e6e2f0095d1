import type { Context } from '../../graphql/context.js';
import { viewerRoleIn } from '../../graphql/workspace-roles.js';
import { membershipsOf } from '../../response-cache/invalidator.js';
import { answerDependsOn, answerDependsOnViewer, answerDiffersForMembersOf } from '../../response-cache/response-scope.js';
import { viewerUserId } from '../../shared/viewer.js';
import { type AnalyticsOwner, analyticsArePublic, mayViewAnalytics } from './analytics-visibility.rules.js';
import { postMetricsEntity } from './metrics-cache.rules.js';

/**
 * `mayViewAnalytics` for the caller. For a non-public post the answer differs for the members of its
 * workspace (they see the numbers, others zeros): a member's answer is their own, everyone else's is
 * shared among outsiders and never served to a member.
 */
export async function callerMayViewAnalytics(ctx: Context, post: AnalyticsOwner): Promise<boolean> {
  if (analyticsArePublic(post)) return true;
  const role = await viewerRoleIn(ctx, post.workspaceId);
  answerDiffersForMembersOf(ctx, post.workspaceId, role !== null);
  return mayViewAnalytics(post, role);
}

/**
 * The answer is the caller's own and changes with their memberships in any workspace (a summary or
 * ranking over all of them): evicted when they join or leave a workspace. Not tagged with their own
 * posts: a new draft in one of their workspaces moves only counts, which the summaries let lag.
 */
export function answerDependsOnMembership(ctx: Context): void {
  answerDependsOnViewer(ctx);
  const userId = viewerUserId(ctx);
  if (userId) answerDependsOn(ctx, membershipsOf(userId));
}

/** `callerMayViewAnalytics` for answers that show the post's engagement numbers, evicted when they change. */
export function callerSeesPostMetrics(ctx: Context, post: AnalyticsOwner & { id: string }): Promise<boolean> {
  answerDependsOn(ctx, postMetricsEntity(post.id));
  return callerMayViewAnalytics(ctx, post);
}
