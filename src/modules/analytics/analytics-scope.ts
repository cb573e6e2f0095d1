import type { Context } from '../../graphql/context.js';
import { answerDependsOn, answerDiffersForOwner } from '../../response-cache/response-scope.js';
import { viewerUserId } from '../../shared/viewer.js';
import { type AnalyticsOwner, analyticsArePublic, mayViewAnalytics } from './analytics-visibility.rules.js';
import { postMetricsEntity } from './metrics-cache.rules.js';

/**
 * `mayViewAnalytics` for the caller, telling the response cache that for a non-public post the
 * author's answer differs from everyone else's.
 */
export function callerMayViewAnalytics(ctx: Context, post: AnalyticsOwner): boolean {
  if (!analyticsArePublic(post)) answerDiffersForOwner(ctx, post.authorId);
  return mayViewAnalytics(post, viewerUserId(ctx));
}

/** `callerMayViewAnalytics` for answers that show the post's engagement numbers, evicted when they change. */
export function callerSeesPostMetrics(ctx: Context, post: AnalyticsOwner & { id: string }): boolean {
  answerDependsOn(ctx, postMetricsEntity(post.id));
  return callerMayViewAnalytics(ctx, post);
}
