import { builder } from '../../graphql/builder.js';
import { latestOnly } from '../../shared/latest-only.js';
import { Post } from '../posts/post.schema.js';
import { PostMetrics } from './metrics.schema.js';

builder.subscriptionField('postMetricsUpdated', (t) =>
  t.field({
    type: PostMetrics,
    description: "The post's new totals each time engagement is recorded for it (coalesced to a few updates a second).",
    args: { postId: t.arg.globalID({ for: Post, required: true }) },
    authScopes: (_root, args) => ({ postAnalytics: args.postId.id }),
    // Only the newest totals matter: a subscriber that falls behind skips to them.
    subscribe: (_root, { postId }, ctx) => latestOnly(ctx.services.pubsub.subscribe('post:metrics', postId.id)),
    resolve: (totals) => totals,
  }),
);
