export interface AnalyticsOwner {
  authorId: string;
  status: string;
  visibility: string;
}

/** Only the author sees a post's analytics, unless the post is PUBLISHED and PUBLIC. */
export const mayViewAnalytics = (post: AnalyticsOwner, viewerId: string | undefined): boolean =>
  post.authorId === viewerId || (post.status === 'PUBLISHED' && post.visibility === 'PUBLIC');
