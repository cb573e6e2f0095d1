import { builder } from '../../schema/builder.js';
import { Post } from '../posts/post.type.js';
import { PostMetrics } from './metrics.schema.js';

builder.subscriptionField('postMetricsUpdated', (t) =>
  t.field({
    type: PostMetrics,
    description: 'The post\'s new totals each time engagement is recorded for it (coalesced to a few updates a second).',
    args: { postId: t.arg.globalID({ for: Post, required: true }) },
    authScopes: (_root, args) => ({ postAnalytics: args.postId.id }),
    subscribe: (_root, { postId }, ctx) => ctx.services.pubsub.subscribe('post:metrics', postId.id),
    resolve: (totals) => totals,
  }),
);
