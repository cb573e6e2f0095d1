import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub, type PubSub } from 'graphql-yoga';
import type { Logger } from './logger.js';
import { createRedis, type RedisConfig } from './redis.js';

/** Topic name → the arguments published on it (graphql-yoga's PubSub map). */
type TopicMap = Record<string, [id: string, payload: unknown] | [payload: unknown]>;

export interface PubSubHandle<Topics extends TopicMap> {
  pubsub: PubSub<Topics>;
  /** Resolves when events can reach other instances; rejects while Redis is unreachable. */
  check?: () => Promise<void>;
  close(): Promise<void>;
}

type RedisEventTarget = ReturnType<typeof createRedisEventTarget<CustomEvent>>;

/**
 * Channels are named `<REDIS_PREFIX><topic>:<id>`, like every other key, so deployments (or test
 * runs) sharing one Redis under different prefixes never see each other's events.
 */
function withChannelPrefix(target: RedisEventTarget, prefix: string): RedisEventTarget {
  return {
    addEventListener: (type, callback, options) => target.addEventListener(prefix + type, callback, options),
    removeEventListener: (type, callback, options) => target.removeEventListener(prefix + type, callback, options),
    dispatchEvent: (event) => target.dispatchEvent(new CustomEvent(prefix + event.type, { detail: event.detail })),
  };
}

/** In process by default; through Redis when configured, so events reach subscribers on every instance. */
export function createTopicPubSub<Topics extends TopicMap>(redis: RedisConfig | undefined, logger: Logger): PubSubHandle<Topics> {
  if (!redis) return { pubsub: createPubSub<Topics>(), close: async () => {} };
  const publishClient = createRedis(redis, logger, 'publish');
  const subscribeClient = createRedis(redis, logger, 'subscribe');
  const eventTarget = withChannelPrefix(createRedisEventTarget({ publishClient, subscribeClient }), redis.prefix);
  const pubsub = createPubSub<Topics>({ eventTarget });
  return {
    pubsub,
    async check() {
      if (publishClient.status !== 'ready' || subscribeClient.status !== 'ready')
        throw new Error(`redis connection is ${publishClient.status}/${subscribeClient.status}`);
      await publishClient.ping();
    },
    async close() {
      publishClient.disconnect();
      subscribeClient.disconnect();
    },
  };
}
