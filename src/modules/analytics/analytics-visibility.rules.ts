export interface AnalyticsOwner {
  authorId: string;
  status: string;
  visibility: string;
}

/** Everyone may see the analytics of a post that is PUBLISHED and PUBLIC. */
export const analyticsArePublic = (post: Pick<AnalyticsOwner, 'status' | 'visibility'>): boolean => post.status === 'PUBLISHED' && post.visibility === 'PUBLIC';

/** Only the author sees a post's analytics, unless the post is PUBLISHED and PUBLIC. */
export const mayViewAnalytics = (post: AnalyticsOwner, viewerId: string | undefined): boolean => post.authorId === viewerId || analyticsArePublic(post);
