import type { PrismaClient } from '../../infra/db/database.js';
import { AUTHOR_SERIES_SQL, AUTHOR_SUMMARY_SQL, SERIES_BY_POST_SQL, topPostsSql } from './analytics.sql.js';
import type { EngagementType } from './engagement.rules.js';
import type { MetricTotals } from './metric-totals.rules.js';
import type { MetricInterval, TimeRange } from './time-range.js';

export interface MetricPoint extends MetricTotals {
  at: Date;
}

/** Whose posts a summary covers: the author's in the viewer's workspaces, and their published public ones. */
export interface AuthorScope {
  authorId: string;
  viewerId: string | undefined;
}

export interface AuthorSummary {
  posts: number;
  totals: MetricTotals;
  bestPostId: string | null;
}

const BUCKET: Record<MetricInterval, [unit: string, step: string]> = {
  HOUR: ['hour', '1 hour'],
  DAY: ['day', '24 hours'],
  WEEK: ['week', '168 hours'],
};

const COLUMN: Record<EngagementType, string> = {
  IMPRESSION: 'impressions',
  REACTION: 'reactions',
  COMMENT: 'comments',
  REPOST: 'reposts',
  CLICK: 'clicks',
};

const toPoint = ({ at, impressions, reactions, comments, reposts, clicks }: MetricPoint): MetricPoint => ({
  at: new Date(at),
  impressions,
  reactions,
  comments,
  reposts,
  clicks,
});

/** Range reads over the hourly roll-up; callers check ranges first (see time-range.ts). */
export function createAnalyticsService(prisma: PrismaClient) {
  const seriesParams = ({ from, to }: TimeRange, interval: MetricInterval) => [from.toISOString(), to.toISOString(), ...BUCKET[interval]];

  return {
    /** A zero-filled series for each post, in one query. */
    async seriesByPost(postIds: readonly string[], range: TimeRange, interval: MetricInterval): Promise<Map<string, MetricPoint[]>> {
      const rows = await prisma.$queryRawUnsafe<(MetricPoint & { post_id: string })[]>(SERIES_BY_POST_SQL, ...seriesParams(range, interval), [...postIds]);
      const series = new Map<string, MetricPoint[]>(postIds.map((id) => [id, []]));
      for (const row of rows) series.get(row.post_id)?.push(toPoint(row));
      return series;
    },

    async authorSeries(scope: AuthorScope, range: TimeRange, interval: MetricInterval): Promise<MetricPoint[]> {
      const rows = await prisma.$queryRawUnsafe<MetricPoint[]>(AUTHOR_SERIES_SQL, ...seriesParams(range, interval), scope.authorId, scope.viewerId ?? null);
      return rows.map(toPoint);
    },

    async authorSummary(scope: AuthorScope, { from, to }: TimeRange): Promise<AuthorSummary> {
      const rows = await prisma.$queryRawUnsafe<(MetricTotals & { posts: number; best_post_id: string | null })[]>(
        AUTHOR_SUMMARY_SQL,
        from.toISOString(),
        to.toISOString(),
        scope.authorId,
        scope.viewerId ?? null,
      );
      // An aggregate without GROUP BY always returns exactly one row.
      const { posts, best_post_id, impressions, reactions, comments, reposts, clicks } = rows[0]!;
      return { posts, bestPostId: best_post_id, totals: { impressions, reactions, comments, reposts, clicks } };
    },

    /** Ids of the posts with the most of `metric` in the range, best first, among those `viewerId` may see analytics of. */
    async topPostIds(metric: EngagementType, { from, to }: TimeRange, viewerId: string | undefined, limit: number): Promise<string[]> {
      const rows = await prisma.$queryRawUnsafe<{ post_id: string }[]>(
        topPostsSql(COLUMN[metric]),
        from.toISOString(),
        to.toISOString(),
        viewerId ?? null,
        limit,
      );
      return rows.map((r) => r.post_id);
    },
  };
}
