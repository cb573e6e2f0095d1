import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port.js';
import { startRedis, stopRedis } from '../helpers/redis-server.js';
import { backend, createTestApp, type TestApp } from '../helpers/test-app.js';
import { type ServerProcess, startServerProcess } from './server-process.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A worker told to stop while its Redis is gone: closing its queues waits for a reconnection that
 * never comes, so the shutdown is bounded by SHUTDOWN_TIMEOUT_MS, as the API's is. An orchestrator
 * that sends SIGTERM during an outage gets a process that ends, not one it has to SIGKILL.
 */
describe.skipIf(backend !== 'postgres')('a worker stopped during a Redis outage', () => {
  let t: TestApp;
  let redis: ChildProcess;
  let port: number;
  let worker: ServerProcess | undefined;
  let settings: Record<string, string>;

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    settings = { REDIS_URL: `redis://127.0.0.1:${port}`, REDIS_PREFIX: 'lpa:worker-shutdown:', GENERATION_WORKER_IN_API: 'false' };
    t = await createTestApp({ env: settings });
  }, 60_000);
  afterAll(async () => {
    if (worker?.running()) worker.kill('SIGKILL');
    // The test's own app would wait for Redis as the worker did: it gets Redis back before it closes.
    if (redis && redis.exitCode === null && redis.signalCode === null) await stopRedis(redis);
    redis = await startRedis(port);
    for (let i = 0; i < 300 && ((await (await t.fetch('/health/ready')).json()) as { status: string }).status !== 'ok'; i++) await sleep(100);
    await t?.close();
    if (redis) await stopRedis(redis);
  });

  it('ends within SHUTDOWN_TIMEOUT_MS of SIGTERM, saying it did not finish in time when the queues would not close', async () => {
    worker = startServerProcess({ ...t.env, ...settings, LOG_LEVEL: 'info', SHUTDOWN_TIMEOUT_MS: '2000' }, 'src/worker.ts');
    await worker.waitForLine((line) => line.msg === 'generation and publishing worker started');
    await stopRedis(redis);
    await worker.waitForLine((line) => typeof line.msg === 'string' && /Redis unreachable/i.test(line.msg));
    worker.kill('SIGTERM');
    // Generous against a loaded machine; without the bound the process waits for Redis forever.
    const ended = await Promise.race([worker.exited, new Promise<'still running'>((r) => setTimeout(() => r('still running'), 20_000))]);
    expect(ended).not.toBe('still running');
    if (ended !== 'still running' && ended.code !== 0) {
      expect(worker.lines.some((line) => line.msg === 'worker shutdown did not finish in time')).toBe(true);
    }
  }, 60_000);
});
