import type { SwitchableFeature } from '../../config.js';
import { builder } from '../../graphql/builder.js';
import type { FieldRateLimit } from '../../graphql/plugins/use-field-rate-limits.js';
import { type CachePolicy, MINUTE } from '../../response-cache/policy.js';
import { Post } from '../posts/post.schema.js';
import { callerMayViewAnalytics, callerSeesPostMetrics } from './analytics-scope.js';
import { ZERO_TOTALS } from './metric-totals.rules.js';
import { MetricInterval, MetricPoint, PostMetrics } from './metrics.schema.js';
import { seriesLoader } from './series-loader.js';
import { checkSeriesRange } from './time-range.js';

builder.prismaObjectFields(Post, (t) => ({
  metrics: t.field({
    type: PostMetrics,
    description: 'Lifetime engagement totals, loaded with the post in the same query. ' + 'Zeros unless you may see its analytics (see `analyticsVisible`).',
    select: { id: true, totals: true, workspaceId: true, status: true, visibility: true },
    resolve: async (post, _args, ctx) => ((await callerSeesPostMetrics(ctx, post)) && post.totals) || ZERO_TOTALS,
  }),
  analyticsVisible: t.boolean({
    description:
      "Whether you may see this post's analytics: always as a member of its workspace (every role), otherwise only once it is PUBLISHED and PUBLIC. " +
      'When false, `metrics` and `metricsSeries` report zeros.',
    select: { workspaceId: true, status: true, visibility: true },
    resolve: (post, _args, ctx) => callerMayViewAnalytics(ctx, post),
  }),
  metricsSeries: t.field({
    type: [MetricPoint],
    extensions: {
      rateLimit: 'analytics' satisfies FieldRateLimit,
      feature: 'analytics' satisfies SwitchableFeature,
      cache: { ttlMs: MINUTE } satisfies CachePolicy,
    },
    description:
      'Engagement over [from, to) in UTC buckets, one point per bucket including empty ones (zeros). ' +
      'Counts are kept per hour, so every hour overlapping the range counts. At most two years; HOUR at most 31 days. ' +
      'Zeros when `analyticsVisible` is false. Batched across a page of posts. FEATURE_DISABLED when analytics is switched off on the server.',
    select: { id: true, workspaceId: true, status: true, visibility: true },
    args: {
      from: t.arg({ type: 'DateTime', required: true, description: 'Start (inclusive).' }),
      to: t.arg({ type: 'DateTime', required: true, description: 'End (exclusive).' }),
      interval: t.arg({ type: MetricInterval, required: true }),
    },
    resolve: async (post, { from, to, interval }, ctx) => {
      const points = await seriesLoader(ctx, checkSeriesRange({ from, to }, interval), interval).load(post.id);
      return (await callerSeesPostMetrics(ctx, post)) ? points : points.map(({ at }) => ({ at, ...ZERO_TOTALS }));
    },
  }),
}));
