import { afterEach, expect, it } from 'vitest';
import { createLogger } from '../../src/infra/logger.js';
import { JobCancelledError, type JobContext, type QueueFactory, type QueueTuning } from '../../src/infra/queue/job-queue.js';
import { createQueueFactory } from '../../src/infra/queue/queue-factory.js';
import { createRedisConnections, type RedisConfig } from '../../src/infra/redis.js';
import { metricValue, testMetrics } from '../generation/helpers.js';

export const silent = createLogger({ level: 'silent', pretty: false });

/** Polls until `check` returns true (fails after `ms`). */
export async function waitFor(check: () => boolean | Promise<boolean>, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Behaviour every JobQueue implementation must have; `redis` undefined means the in-process queue. */
export function queueContract(redis: () => RedisConfig | undefined) {
  const factories: QueueFactory[] = [];
  let counter = 0;
  const setup = (tuning: QueueTuning = {}) => {
    const metrics = testMetrics();
    const config = redis();
    const factory = createQueueFactory(config && createRedisConnections(config, silent), silent, metrics, tuning);
    factories.push(factory);
    return { factory, metrics, queue: factory.create<{ n: number }>(`q${++counter}-${process.pid}`) };
  };
  afterEach(async () => {
    await Promise.all(factories.splice(0).map((f) => f.close()));
  });

  it('runs every job once, never more at a time than the concurrency', async () => {
    const { factory, queue, metrics } = setup();
    await factory.health();
    let active = 0;
    let peak = 0;
    const done: number[] = [];
    queue.process(
      async ({ n }) => {
        active++;
        peak = Math.max(peak, active);
        await tick(30);
        active--;
        done.push(n);
      },
      { concurrency: 2 },
    );
    for (let n = 0; n < 6; n++) await queue.add({ n });
    await waitFor(() => done.length === 6);
    expect(done.sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(peak).toBeLessThanOrEqual(2);
    await waitFor(async () => (await metricValue(metrics.queueJobsFinished, { queue: queue.name, outcome: 'succeeded' })) === 6);
  });

  it('ignores a second add with the same job id while the first is pending', async () => {
    const { queue } = setup();
    expect(await queue.add({ n: 1 }, { jobId: 'same-id', delayMs: 60_000 })).toBe('same-id');
    expect(await queue.add({ n: 2 }, { jobId: 'same-id', delayMs: 60_000 })).toBe('same-id');
    expect(await queue.counts()).toEqual({ waiting: 0, active: 0, delayed: 1 });
  });

  it('runs a delayed job after its delay, and a removed job never', async () => {
    const { queue } = setup();
    const seen: number[] = [];
    await queue.add({ n: 1 }, { delayMs: 200 });
    const removed = await queue.add({ n: 2 }, { delayMs: 200 });
    expect((await queue.counts()).delayed).toBe(2);
    await queue.remove(removed);
    expect((await queue.counts()).delayed).toBe(1);
    queue.process(async ({ n }) => void seen.push(n), { concurrency: 1 });
    await waitFor(() => seen.length === 1);
    await tick(300);
    expect(seen).toEqual([1]);
  });

  it('keeps a job delayed by more than a timer holds (2^31 ms, about 25 days) waiting', async () => {
    const { queue } = setup();
    const seen: number[] = [];
    queue.process(async ({ n }) => void seen.push(n), { concurrency: 1 });
    await queue.add({ n: 1 }, { delayMs: 40 * 86_400_000 });
    await tick(200);
    expect(seen).toEqual([]);
    expect((await queue.counts()).delayed).toBe(1);
  });

  it('retries a failing job with backoff until it succeeds', async () => {
    const { queue } = setup();
    const attempts: number[] = [];
    queue.process(
      async (_data, ctx) => {
        attempts.push(ctx.attempt);
        if (ctx.attempt < 3) throw new Error(`attempt ${ctx.attempt} failed`);
      },
      { concurrency: 1 },
    );
    await queue.add({ n: 1 }, { attempts: 3, backoffMs: 20 });
    await waitFor(() => attempts.length === 3);
    expect(attempts).toEqual([1, 2, 3]);
  });

  it('aborts an attempt that runs past its timeout and fails the job', async () => {
    const { queue, metrics } = setup();
    const reasons: unknown[] = [];
    queue.process(
      (_data, ctx) =>
        new Promise<void>((_resolve, reject) => {
          ctx.signal.addEventListener('abort', () => {
            reasons.push(ctx.signal.reason);
            reject(ctx.signal.reason as Error);
          });
        }),
      { concurrency: 1 },
    );
    await queue.add({ n: 1 }, { timeoutMs: 100, attempts: 1 });
    await waitFor(async () => (await metricValue(metrics.queueJobsFinished, { queue: queue.name, outcome: 'failed' })) === 1);
    expect((reasons[0] as Error).name).toBe('JobTimeoutError');
  });

  it('does not retry a job its handler cancelled', async () => {
    const { queue, metrics } = setup();
    let calls = 0;
    queue.process(
      async () => {
        calls++;
        throw new JobCancelledError();
      },
      { concurrency: 1 },
    );
    await queue.add({ n: 1 }, { attempts: 3, backoffMs: 10 });
    await waitFor(async () => (await metricValue(metrics.queueJobsFinished, { queue: queue.name, outcome: 'cancelled' })) === 1);
    await tick(100);
    expect(calls).toBe(1);
  });

  it('close lets a short job finish and aborts a long one after the timeout', async () => {
    const { queue } = setup({ closeTimeoutMs: 200 });
    const events: string[] = [];
    let started = 0;
    queue.process(
      async ({ n }, ctx: JobContext) => {
        started++;
        if (n === 1) {
          await tick(50);
          events.push('short done');
          return;
        }
        await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve()));
        events.push('long aborted');
        throw ctx.signal.reason as Error;
      },
      { concurrency: 2 },
    );
    await queue.add({ n: 1 });
    await queue.add({ n: 2 });
    await waitFor(() => started === 2);
    await queue.close();
    expect(events.sort()).toEqual(['long aborted', 'short done']);
  });
}
