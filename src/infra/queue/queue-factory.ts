import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { RedisConnections } from '../redis.js';
import { BullQueue } from './bullmq-queue.js';
import type { JobQueue, QueueFactory, QueueTuning } from './job-queue.js';
import { MemoryQueue } from './memory-queue.js';

/** BullMQ on Redis when configured (shared by every process), an in-process queue otherwise. */
export function createQueueFactory(redis: RedisConnections | undefined, logger: Logger, metrics?: Metrics, tuning: QueueTuning = {}): QueueFactory {
  const queues: JobQueue<unknown>[] = [];
  const ping = redis?.open('queue-health', { lazyConnect: true });
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
