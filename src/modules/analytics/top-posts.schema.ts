import { z } from 'zod';
import type { SwitchableFeature } from '../../config.js';
import { builder, MAX_PAGE_SIZE } from '../../graphql/builder.js';
import type { FieldRateLimit } from '../../graphql/plugins/use-field-rate-limits.js';
import { type CachePolicy, MINUTE } from '../../response-cache/policy.js';
import { viewerUserId } from '../../shared/viewer.js';
import { answerDependsOnMembership } from './analytics-scope.js';
import { EngagementType } from './metrics.schema.js';
import { checkRange } from './time-range.js';

builder.queryField('topPosts', (t) =>
  t.prismaField({
    type: ['Post'],
    extensions: {
      rateLimit: 'analytics' satisfies FieldRateLimit,
      feature: 'analytics' satisfies SwitchableFeature,
      cache: { ttlMs: MINUTE, membership: ['Post', 'PostMetrics'] } satisfies CachePolicy,
    },
    description:
      'Posts with the most of one kind of engagement over [from, to) (at most two years), most first; ties go to the ' +
      'smaller id. Only posts whose analytics you may see (those of your workspaces and published public ones) that had any of it. FEATURE_DISABLED when analytics is switched off on the server.',
    args: {
      metric: t.arg({ type: EngagementType, required: true }),
      from: t.arg({ type: 'DateTime', required: true, description: 'Start (inclusive).' }),
      to: t.arg({ type: 'DateTime', required: true, description: 'End (exclusive).' }),
      first: t.arg.int({
        defaultValue: 10,
        description: `How many, 1 to ${MAX_PAGE_SIZE} (default 10).`,
        validate: z.number().int().min(1).max(MAX_PAGE_SIZE, `first must be at most ${MAX_PAGE_SIZE}`),
      }),
    },
    resolve: async (query, _root, { metric, from, to, first }, ctx) => {
      // Ranks the posts of the caller's workspaces too, whatever their status.
      answerDependsOnMembership(ctx);
      const ids = await ctx.services.analytics.topPostIds(metric, checkRange({ from, to }), viewerUserId(ctx), first ?? 10);
      if (!ids.length) return [];
      const posts = await ctx.prisma.post.findMany({ ...query, where: { id: { in: ids } } });
      const byId = new Map(posts.map((p) => [p.id, p]));
      return ids.flatMap((id) => byId.get(id) ?? []);
    },
  }),
);
