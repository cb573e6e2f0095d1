import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import type { Context } from '../../graphql/context.js';
import type { MetricPoint } from './analytics.service.js';
import type { MetricInterval, TimeRange } from './time-range.js';

/** One loader per request and per (range, interval). */
const loaders = createContextCache((_ctx: Context) => new Map<string, DataLoader<string, MetricPoint[]>>());

/**
 * Per request and per (range, interval): every post of a page asking for the same series is
 * answered by one query.
 */
export function seriesLoader(ctx: Context, range: TimeRange, interval: MetricInterval): DataLoader<string, MetricPoint[]> {
  const byArgs = loaders(ctx);
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
