import type { Module, ModuleDeps } from '../module.types.js';
import { createAnalyticsService } from './analytics.service.js';
import { createIngestService } from './ingest.service.js';
import { createLiveMetrics } from './live-metrics.js';

/** Engagement ingest, its live totals, and the analytics rolled up from it. */
export function createAnalyticsModule({ db, metrics, pubsub, cache }: ModuleDeps) {
  const liveMetrics = createLiveMetrics((postId, totals) => pubsub.publish('post:metrics', postId, totals));
  return {
    services: {
      liveMetrics,
      ingest: createIngestService({ prisma: db.prisma, metrics, cache, totalsChanged: liveMetrics.totalsChanged }),
      analytics: createAnalyticsService(db.prisma),
    },
    // Totals coalesced for subscribers go out before the process ends.
    background: { start: () => undefined, stop: () => liveMetrics.flush() },
  } satisfies Module<object>;
}
