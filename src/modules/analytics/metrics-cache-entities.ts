import type { CacheEntity } from '../../infra/cache/response-cache-invalidator.js';

/** Cached answers showing one post's engagement (its metrics or series). */
export const postMetricsEntity = (postId: string): CacheEntity => ({ typename: 'PostMetrics', id: postId });

/** Cached analytics summaries of one author, as numbers: they may lag engagement and new drafts (see `lagMs`). */
export const authorMetricsEntity = (authorId: string): CacheEntity => ({ typename: 'AuthorMetrics', id: authorId });

/** Cached analytics summaries of one author, as the set of posts they cover: evicted when it may change. */
export const authorPostsEntity = (authorId: string): CacheEntity => ({ typename: 'AuthorPosts', id: authorId });

/** Cached rankings by engagement across all posts (top posts, most engaged first). */
export const ENGAGEMENT_RANKINGS: CacheEntity = { typename: 'PostMetrics' };
