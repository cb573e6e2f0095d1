import type { PubSub } from 'graphql-yoga';
import type { Post, PostComment } from '../generated/prisma/client.js';
import type { MetricTotals } from './analytics/metric-totals.rules.js';
import type { GenerationProgressMessage } from './generation/generation-progress.js';

/** Every live topic, keyed by the id of what changed. */
export type Topics = {
  'post:metrics': [postId: string, totals: MetricTotals];
  /** The post as it is after a status change (through Redis its dates arrive as ISO strings). */
  'post:status': [postId: string, post: Post];
  /** A comment just added to the post (dates as ISO strings through Redis). */
  'post:comment': [postId: string, comment: PostComment];
  'generation:progress': [jobId: string, message: GenerationProgressMessage];
  'generation:cancel': [jobId: string, reason: string];
};

/** How modules publish and subscribe to live topics (in process, or across instances through Redis). */
export type LivePubSub = PubSub<Topics>;
