import { createPubSub, type PubSub } from 'graphql-yoga';
import type { RedisConnections } from './redis.js';
import { createRedisEventTarget } from './redis-event-target.js';

/** Topic name → the arguments published on it (graphql-yoga's PubSub map). */
type TopicMap = Record<string, [id: string, payload: unknown] | [payload: unknown]>;

export interface PubSubHandle<Topics extends TopicMap> {
  pubsub: PubSub<Topics>;
  /** Resolves when events can reach other instances; rejects while Redis is unreachable. */
  check?: () => Promise<void>;
  close(): Promise<void>;
}

/**
 * In process by default; through Redis when configured, so events reach subscribers on every
 * instance. While Redis is down, events reach this instance's subscribers only (see the event target).
 */
export function createTopicPubSub<Topics extends TopicMap>(redis: RedisConnections | undefined): PubSubHandle<Topics> {
  if (!redis) return { pubsub: createPubSub<Topics>(), close: async () => {} };
  const publisher = redis.open('publish');
  const subscriber = redis.open('subscribe');
  // The outage itself is logged once by the connections; a lost event is not worth a line of its own.
  const eventTarget = createRedisEventTarget(publisher, subscriber, redis.config.prefix, () => undefined);
  return {
    pubsub: createPubSub<Topics>({ eventTarget }),
    async check() {
      if (publisher.status !== 'ready' || subscriber.status !== 'ready') throw new Error(`redis connection is ${publisher.status}/${subscriber.status}`);
      await publisher.ping();
    },
    async close() {
      publisher.disconnect();
      subscriber.disconnect();
    },
  };
}
