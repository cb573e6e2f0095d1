import type { Context } from '../../graphql/context.js';
import { viewerRoleIn } from '../../graphql/workspace-roles.js';
import { ownedBy } from '../../response-cache/invalidator.js';
import { answerDependsOn, answerDependsOnViewer } from '../../response-cache/response-scope.js';
import { viewerUserId } from '../../shared/viewer.js';
import { type AnalyticsOwner, analyticsArePublic, mayViewAnalytics } from './analytics-visibility.rules.js';
import { postMetricsEntity } from './metrics-cache.rules.js';

/**
 * `mayViewAnalytics` for the caller. For a non-public post the answer depends on who asks (its
 * workspace's members see the numbers, others zeros), so the response cache keeps it per caller:
 * a member's answer is never served to anyone else, nor an outsider's to a member.
 */
export async function callerMayViewAnalytics(ctx: Context, post: AnalyticsOwner): Promise<boolean> {
  if (analyticsArePublic(post)) return true;
  answerDependsOnMembership(ctx);
  return mayViewAnalytics(post, await viewerRoleIn(ctx, post.workspaceId));
}

/**
 * The answer is the caller's own and changes with their memberships: evicted when they join or
 * leave a workspace (which evicts their own answers about posts).
 */
export function answerDependsOnMembership(ctx: Context): void {
  answerDependsOnViewer(ctx);
  const userId = viewerUserId(ctx);
  if (userId) answerDependsOn(ctx, ownedBy('Post', userId));
}

/** `callerMayViewAnalytics` for answers that show the post's engagement numbers, evicted when they change. */
export function callerSeesPostMetrics(ctx: Context, post: AnalyticsOwner & { id: string }): Promise<boolean> {
  answerDependsOn(ctx, postMetricsEntity(post.id));
  return callerMayViewAnalytics(ctx, post);
}
