import type { WorkspaceRole } from '../workspaces/workspace-permissions.rules.js';

export interface AnalyticsOwner {
  workspaceId: string;
  status: string;
  visibility: string;
}

/** Everyone may see the analytics of a post that is PUBLISHED and PUBLIC. */
export const analyticsArePublic = (post: Pick<AnalyticsOwner, 'status' | 'visibility'>): boolean => post.status === 'PUBLISHED' && post.visibility === 'PUBLIC';

/**
 * Members of the post's workspace (every role, `viewerRole` not null) see its analytics;
 * everyone else only once it is PUBLISHED and PUBLIC.
 */
export const mayViewAnalytics = (post: Pick<AnalyticsOwner, 'status' | 'visibility'>, viewerRole: WorkspaceRole | null): boolean =>
  viewerRole !== null || analyticsArePublic(post);
