import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub, type PubSub } from 'graphql-yoga';
import type { MetricTotals } from '../modules/analytics/metrics.schema.js';
import type { Logger } from './logger.js';
import { createRedis, type RedisConfig } from './redis.js';

/** Every live topic, keyed by the id of what changed. */
export type Topics = {
  'post:metrics': [postId: string, totals: MetricTotals];
};

export interface PubSubHandle {
  pubsub: PubSub<Topics>;
  /** Resolves when events can reach other instances; rejects while Redis is unreachable. */
  check?: () => Promise<void>;
  close(): Promise<void>;
}

/** In process by default; through Redis when configured, so events reach subscribers on every instance. */
export function createTopicPubSub(redis: RedisConfig | undefined, logger: Logger): PubSubHandle {
  if (!redis) return { pubsub: createPubSub<Topics>(), close: async () => {} };
  const publishClient = createRedis(redis, logger, 'publish');
  const subscribeClient = createRedis(redis, logger, 'subscribe');
  const eventTarget = createRedisEventTarget({ publishClient, subscribeClient });
  const pubsub = createPubSub<Topics>({ eventTarget });
  return {
    pubsub,
    async check() {
      if (publishClient.status !== 'ready' || subscribeClient.status !== 'ready') throw new Error(`redis connection is ${publishClient.status}/${subscribeClient.status}`);
      await publishClient.ping();
    },
    async close() {
      publishClient.disconnect();
      subscribeClient.disconnect();
    },
  };
}
