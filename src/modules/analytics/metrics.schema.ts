import { builder } from '../../graphql/builder.js';
import { type CachePolicy, SECOND } from '../../response-cache/policy.js';
import type { MetricPoint as MetricPointShape } from './analytics.service.js';
import { ENGAGEMENT_TYPES } from './engagement.rules.js';
import { engagementRate, type MetricTotals } from './metric-totals.rules.js';
import { METRICS_LAG_MS } from './metrics-cache.rules.js';
import { METRIC_INTERVALS } from './time-range.js';

export const PostMetrics = builder.objectRef<MetricTotals>('PostMetrics').implement({
  extensions: { cache: { ttlMs: 30 * SECOND } satisfies CachePolicy },
  description:
    `Engagement totals. Read through a query they may lag recorded engagement by up to ${METRICS_LAG_MS / 1000} seconds ` +
    '(as may analytics summaries and rankings); `recordEngagement` and `postMetricsUpdated` return them current.',
  fields: (t) => ({
    impressions: t.exposeInt('impressions', { description: 'Times the post was shown.' }),
    reactions: t.exposeInt('reactions', { description: 'Likes, celebrates, and other reactions.' }),
    comments: t.exposeInt('comments'),
    reposts: t.exposeInt('reposts'),
    clicks: t.exposeInt('clicks', { description: 'Clicks on the post, its links or "see more".' }),
    engagementRate: t.float({
      description: '(reactions + comments + reposts + clicks) / impressions; 0 when there are no impressions.',
      resolve: engagementRate,
    }),
  }),
});

export const MetricInterval = builder.enumType('MetricInterval', {
  description: 'Bucket size of a time series. Buckets are in UTC; weeks start on Monday (ISO 8601).',
  values: METRIC_INTERVALS,
});

export const EngagementType = builder.enumType('EngagementType', {
  description: 'What a reader did: saw the post (IMPRESSION), reacted, commented, reposted or clicked.',
  values: ENGAGEMENT_TYPES,
});

export const MetricPoint = builder.objectRef<MetricPointShape>('MetricPoint').implement({
  description: 'Counts in one bucket of a series. Counts are kept per UTC hour, so a bucket only partly inside the range holds the hours that overlap it.',
  fields: (t) => ({
    at: t.expose('at', { type: 'DateTime', description: 'Start of the bucket (UTC).' }),
    impressions: t.exposeInt('impressions'),
    reactions: t.exposeInt('reactions'),
    comments: t.exposeInt('comments'),
    reposts: t.exposeInt('reposts'),
    clicks: t.exposeInt('clicks'),
  }),
});
