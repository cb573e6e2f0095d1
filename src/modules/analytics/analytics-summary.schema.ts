import type { SwitchableFeature } from '../../config.js';
import { builder, requireUserId } from '../../graphql/builder.js';
import type { FieldRateLimit } from '../../graphql/plugins/use-field-rate-limits.js';
import { type CachePolicy, MINUTE } from '../../response-cache/policy.js';
import { answerDependsOn } from '../../response-cache/response-scope.js';
import { viewerUserId } from '../../shared/viewer.js';
import { User } from '../users/user.schema.js';
import type { AuthorScope, AuthorSummary } from './analytics.service.js';
import { answerDependsOnMembership } from './analytics-scope.js';
import { MetricInterval, MetricPoint, PostMetrics } from './metrics.schema.js';
import { authorMetricsEntity, authorPostsEntity, METRICS_LAG_MS } from './metrics-cache.rules.js';
import { checkRange, checkSeriesRange, type TimeRange } from './time-range.js';

interface SummaryShape extends AuthorSummary {
  scope: AuthorScope;
  range: TimeRange;
}

const AnalyticsSummary = builder.objectRef<SummaryShape>('AnalyticsSummary').implement({
  description:
    "An author's analytics over [from, to). Counts are kept per UTC hour, so every hour overlapping the range counts. " +
    "It covers the author's posts in the workspaces you belong to (all of them, drafts included) and their PUBLISHED PUBLIC posts elsewhere. " +
    `Its numbers may lag recorded engagement and new drafts by up to ${METRICS_LAG_MS / 1000} seconds; publishing, deleting or hiding a post shows at once.`,
  fields: (t) => ({
    posts: t.exposeInt('posts', { description: 'How many of the covered posts had engagement in the range or were created in it.' }),
    totals: t.field({ type: PostMetrics, description: 'Engagement summed over the covered posts and the range.', resolve: (s) => s.totals }),
    bestPost: t.prismaField({
      type: 'Post',
      nullable: true,
      description:
        'The post with the most engagement (reactions + comments + reposts + clicks) in the range; ties go to more ' +
        'impressions. Null when no covered post had any engagement in the range.',
      resolve: (query, s, _args, ctx) => (s.bestPostId ? ctx.prisma.post.findUnique({ ...query, where: { id: s.bestPostId } }) : null),
    }),
    series: t.field({
      type: [MetricPoint],
      description: 'The totals over time, one point per UTC bucket including empty ones (zeros). HOUR covers at most 31 days.',
      args: { interval: t.arg({ type: MetricInterval, required: true }) },
      resolve: (s, { interval }, ctx) => ctx.services.analytics.authorSeries(s.scope, checkSeriesRange(s.range, interval), interval),
    }),
  }),
});

builder.queryField('analyticsSummary', (t) =>
  t.field({
    type: AnalyticsSummary,
    extensions: {
      rateLimit: 'analytics' satisfies FieldRateLimit,
      feature: 'analytics' satisfies SwitchableFeature,
      cache: { ttlMs: MINUTE } satisfies CachePolicy,
    },
    description:
      'Totals, best post and series for an author over [from, to), at most two years. Sign in to omit `authorId` (yourself). FEATURE_DISABLED when analytics is switched off on the server.',
    args: {
      authorId: t.arg.globalID({ for: User, description: 'Whose posts; default: you.' }),
      from: t.arg({ type: 'DateTime', required: true, description: 'Start (inclusive).' }),
      to: t.arg({ type: 'DateTime', required: true, description: 'End (exclusive).' }),
    },
    resolve: async (_root, { authorId, from, to }, ctx) => {
      const range = checkRange({ from, to });
      const author = authorId?.id ?? requireUserId(ctx);
      const scope = { authorId: author, viewerId: viewerUserId(ctx) };
      // Members of the author's workspaces see more of it than others: every answer is the caller's own.
      answerDependsOnMembership(ctx);
      answerDependsOn(ctx, authorMetricsEntity(author), authorPostsEntity(author));
      return { scope, range, ...(await ctx.services.analytics.authorSummary(scope, range)) };
    },
  }),
);
