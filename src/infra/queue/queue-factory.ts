import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { createRedis, type RedisConfig } from '../redis.js';
import { BullQueue } from './bullmq-queue.js';
import type { JobQueue, QueueFactory, QueueTuning } from './job-queue.js';
import { MemoryQueue } from './memory-queue.js';

/** BullMQ on Redis when configured (shared by every process), an in-process queue otherwise. */
export function createQueueFactory(redis: RedisConfig | undefined, logger: Logger, metrics?: Metrics, tuning: QueueTuning = {}): QueueFactory {
  const queues: JobQueue<unknown>[] = [];
  const ping = redis ? createRedis(redis, logger, 'queue-health', { lazyConnect: true }) : undefined;
  return {
    create<T>(name: string): JobQueue<T> {
      const queue: JobQueue<T> = redis
        ? new BullQueue<T>(name, redis, logger, metrics, tuning)
        : new MemoryQueue<T>(name, logger, metrics, tuning.closeTimeoutMs);
      queues.push(queue as JobQueue<unknown>);
      return queue;
    },
    async health() {
      if (ping && (await ping.ping()) !== 'PONG') throw new Error("The queue's Redis did not answer PING.");
    },
    async close() {
      await Promise.all(queues.map((queue) => queue.close()));
      ping?.disconnect();
    },
  };
}
