/** Lifetime or ranged engagement counts of a post or an author. */
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
