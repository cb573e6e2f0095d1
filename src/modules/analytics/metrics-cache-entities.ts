import type { CacheEntity } from '../../infra/cache/response-cache-invalidator.js';

/** Cached answers showing one post's engagement (its metrics or series). */
export const postMetricsEntity = (postId: string): CacheEntity => ({ typename: 'PostMetrics', id: postId });

/** Cached analytics summaries of one author. */
export const authorMetricsEntity = (authorId: string): CacheEntity => ({ typename: 'AuthorMetrics', id: authorId });

/** Cached rankings by engagement across all posts (top posts, most engaged first). */
export const ENGAGEMENT_RANKINGS: CacheEntity = { typename: 'PostMetrics' };
