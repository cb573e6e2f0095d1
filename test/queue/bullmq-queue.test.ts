import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createQueueFactory } from '../../src/infra/queue/queue-factory.js';
import { createRedisConnections, type RedisConfig } from '../../src/infra/redis.js';
import { backend } from '../helpers/test-app.js';
import { queueContract, silent, waitFor } from './queue-contract.js';

const url = process.env.TEST_REDIS_URL;
const redis: RedisConfig = { url: url ?? '', prefix: `${process.env.TEST_REDIS_PREFIX ?? 'lpa:test:'}queue-${randomBytes(4).toString('hex')}:` };

describe.skipIf(!url || backend !== 'postgres')('BullMQ queue on Redis', () => {
  afterAll(async () => {
    const client = new Redis(redis.url);
    const keys = await client.keys(`${redis.prefix}*`);
    if (keys.length) await client.del(...keys);
    client.disconnect();
  });

  queueContract(() => redis);

  it('keeps its keys under REDIS_PREFIX', async () => {
    const factory = createQueueFactory(createRedisConnections(redis, silent), silent);
    const queue = factory.create<{ n: number }>('prefixed');
    await queue.add({ n: 1 }, { jobId: 'job-1' });
    const client = new Redis(redis.url);
    const keys = await client.keys(`${redis.prefix.replace(/:$/, '')}:prefixed:*`);
    client.disconnect();
    await factory.close();
    expect(keys.length).toBeGreaterThan(0);
  });

  it('hands a job aborted by shutdown to another worker without using up an attempt', async () => {
    const first = createQueueFactory(createRedisConnections(redis, silent), silent, undefined, { closeTimeoutMs: 100 });
    const queue = first.create<{ n: number }>('handover');
    let started = false;
    queue.process(
      async (_data, ctx) => {
        started = true;
        await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve()));
        throw ctx.signal.reason as Error;
      },
      { concurrency: 1 },
    );
    await queue.add({ n: 1 }, { attempts: 1 });
    await waitFor(() => started);
    await first.close();

    const second = createQueueFactory(createRedisConnections(redis, silent), silent);
    const attempts: number[] = [];
    second.create<{ n: number }>('handover').process(async (_data, ctx) => void attempts.push(ctx.attempt), { concurrency: 1 });
    await waitFor(() => attempts.length === 1);
    await second.close();
    expect(attempts).toEqual([1]);
  });
});
