import { builder } from '../../schema/builder.js';

export interface MetricTotals {
  impressions: number;
  reactions: number;
  comments: number;
  reposts: number;
  clicks: number;
}

export const ZERO_TOTALS: MetricTotals = { impressions: 0, reactions: 0, comments: 0, reposts: 0, clicks: 0 };

export function engagementRate(t: MetricTotals): number {
  return t.impressions > 0 ? (t.reactions + t.comments + t.reposts + t.clicks) / t.impressions : 0;
}

export const PostMetrics = builder.objectRef<MetricTotals>('PostMetrics').implement({
  description: 'Engagement totals.',
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
