import DataLoader from 'dataloader';
import type { Context } from '../../context.js';
import type { MetricPoint } from './analytics.service.js';
import type { MetricInterval, TimeRange } from './time-range.js';

const loaders = new WeakMap<Context, Map<string, DataLoader<string, MetricPoint[]>>>();

/**
 * Per request and per (range, interval): every post of a page asking for the same series is
 * answered by one query.
 */
export function seriesLoader(ctx: Context, range: TimeRange, interval: MetricInterval): DataLoader<string, MetricPoint[]> {
  let byArgs = loaders.get(ctx);
  if (!byArgs) loaders.set(ctx, (byArgs = new Map()));
  const key = `${range.from.toISOString()}/${range.to.toISOString()}/${interval}`;
  let loader = byArgs.get(key);
  if (!loader) {
    loader = new DataLoader(async (postIds) => {
      const series = await ctx.services.analytics.seriesByPost(postIds, range, interval);
      return postIds.map((id) => series.get(id) ?? []);
    });
    byArgs.set(key, loader);
  }
  return loader;
}
