import type { CacheEntity } from '../../response-cache/invalidator.js';

/** How far behind recorded engagement a cached answer may be (the API documents it on PostMetrics). */
export const METRICS_LAG_MS = 5000;

/** Cached answers showing one post's engagement (its metrics or series): they may lag it. */
export const postMetricsEntity = (postId: string): CacheEntity => ({ typename: 'PostMetrics', id: postId, lagMs: METRICS_LAG_MS });

/** Cached analytics summaries of one author, as numbers: they may lag engagement and new drafts. */
export const authorMetricsEntity = (authorId: string): CacheEntity => ({ typename: 'AuthorMetrics', id: authorId, lagMs: METRICS_LAG_MS });

/** Cached analytics summaries of one author, as the set of posts they cover: evicted when it may change. */
export const authorPostsEntity = (authorId: string): CacheEntity => ({ typename: 'AuthorPosts', id: authorId });

/** Cached rankings by engagement across all posts (top posts, most engaged first): they may lag it. */
export const ENGAGEMENT_RANKINGS: CacheEntity = { typename: 'PostMetrics', lagMs: METRICS_LAG_MS };
