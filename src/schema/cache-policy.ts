import { canonicalSearchText } from '../modules/posts/search-text.js';
import type { ResponseCachePolicy } from '../plugins/response-cache.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
/** How far behind recorded engagement a cached answer may be (the API documents it on PostMetrics). */
export const METRICS_LAG_MS = 5 * SECOND;

/**
 * How long each kind of data may be served from the response cache, and what it depends on.
 * Writes invalidate precisely (see services.cache), so TTLs (plus the grace) only bound staleness for
 * changes that bypass the API; they are short where data moves fast (metrics, lists) and longer where
 * it is stable.
 */
export const responseCachePolicy: ResponseCachePolicy = {
  defaultTtlMs: MINUTE,
  // Hot answers are refreshed in the background by their first reader past the TTL instead of expiring
  // under everyone's feet; an answer read less than once per TTL + grace still expires.
  graceMs: 30 * SECOND,
  // Up to 10% shorter at random: the first feed pages, warmed in the same second, then go stale over 3 s, not at once.
  ttlJitter: 0.1,
  ttlMs: {
    Post: 5 * MINUTE,
    User: 10 * MINUTE,
    PostAnalysis: 10 * MINUTE,
    PostMetrics: 30 * SECOND,
    'Query.posts': MINUTE,
    'User.posts': MINUTE,
    'Query.searchPosts': MINUTE,
    'Query.topPosts': MINUTE,
    'Query.analyticsSummary': MINUTE,
    'Post.metricsSeries': MINUTE,
    'Query.me': 5 * MINUTE,
    'Query.analyzeText': 60 * MINUTE,
    'Query.generationJob': 0,
    GenerationJob: 0,
    // Connected accounts and publish attempts change outside any cached query (OAuth callback, jobs).
    LinkedInAccount: 0,
    'User.linkedInAccounts': 0,
    PublishAttempt: 0,
    'Post.publishAttempts': 0,
  },
  privateCoordinates: ['Query.me', 'User.email', 'Post.generatedBy', 'User.linkedInAccounts', 'Post.publishAttempts', 'Post.publishError', 'Post.linkedInAccount'],
  nullIsOwnAnswer: ['Query.post', 'Query.node', 'Query.nodes'],
  membershipTags: {
    'Query.posts': ['Post'],
    'User.posts': ['Post'],
    'Query.searchPosts': ['Post'],
    'Query.topPosts': ['Post', 'PostMetrics'],
  },
  // Engagement arrives continuously; answers showing it (a post's metrics, summaries, rankings) are
  // served at most this stale while the first reader after a change has them recomputed.
  lagMs: {
    PostMetrics: METRICS_LAG_MS,
    AuthorMetrics: METRICS_LAG_MS,
  },
  canonicalArguments: {
    'searchPosts.query': canonicalSearchText,
  },
};
