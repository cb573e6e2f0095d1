import type { ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port.js';
import { startRedis, stopRedis } from '../helpers/redis-server.js';
import { backend, createTestApp, type TestApp } from '../helpers/test-app.js';
import { type ServerProcess, startServerProcess } from '../observability/server-process.js';

const GENERATE = 'mutation Generate($input: GeneratePostInput!) { generatePost(input: $input) { id status } }';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A worker killed mid-job (SIGKILL, no shutdown): its RUNNING job's heartbeat stops, and a new worker
 * runs the job again once the heartbeat is older than GENERATION_HEARTBEAT_TIMEOUT_MS, whether or not
 * Redis still holds the dead run's job. BullMQ's own stalled check is set to 10 minutes here, so only
 * the heartbeat can bring the job back within the test.
 */
describe.skipIf(backend !== 'postgres')('a generation worker killed mid-job', () => {
  let t: TestApp;
  let port: number;
  let redis: ChildProcess;
  let env: Record<string, string>;
  const workers: ServerProcess[] = [];

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    const settings = {
      REDIS_URL: `redis://127.0.0.1:${port}`,
      REDIS_PREFIX: 'lpa:worker-killed:',
      GENERATION_WORKER_IN_API: 'false',
      GENERATION_HEARTBEAT_TIMEOUT_MS: '2000',
      GENERATION_LOCAL_CHUNK_DELAY_MS: '150',
      QUEUE_STALLED_INTERVAL_MS: '600000',
    };
    t = await createTestApp({ env: settings });
    env = { ...t.env, ...settings, LOG_LEVEL: 'info' };
  }, 60_000);
  afterAll(async () => {
    for (const worker of workers) if (worker.running()) worker.kill('SIGKILL');
    await t?.close();
    if (redis) await stopRedis(redis);
  });

  async function startWorker() {
    const worker = startServerProcess(env, 'src/worker.ts');
    workers.push(worker);
    await worker.waitForLine((line) => line.msg === 'generation and publishing worker started');
    return worker;
  }

  async function jobRunning(topic: string) {
    const { token } = await t.signUp('Killed');
    const answer = await t.gql(GENERATE, { input: { topic } }, { token });
    expect(answer.errors).toBeUndefined();
    const id = Buffer.from(answer.data!.generatePost.id, 'base64').toString().split(':')[1]!;
    for (let i = 0; i < 600; i++) {
      const job = await t.app.db.prisma.generationJob.findUniqueOrThrow({ where: { id } });
      if (job.status === 'RUNNING' && job.output.length > 0) return id;
      await sleep(50);
    }
    throw new Error('the job never started writing');
  }

  async function finished(id: string) {
    for (let i = 0; i < 1200; i++) {
      const job = await t.app.db.prisma.generationJob.findUniqueOrThrow({ where: { id } });
      if (!['QUEUED', 'RUNNING'].includes(job.status)) return job;
      await sleep(100);
    }
    throw new Error('the job never reached a final state');
  }

  async function kill(worker: ServerProcess) {
    worker.kill('SIGKILL');
    expect(await worker.exited).toMatchObject({ signal: 'SIGKILL' });
  }

  it('is run again by another worker and succeeds, its lost run counted as an attempt', async () => {
    const first = await startWorker();
    const id = await jobRunning('Killed while writing');
    await kill(first);

    const second = await startWorker();
    const job = await finished(id);
    expect(job).toMatchObject({ status: 'SUCCEEDED', attempts: 2, error: null });
    expect(await t.app.db.prisma.post.count({ where: { id: job.postId! } })).toBe(1);
    expect(second.lines.filter((l) => l.msg === 'recovered generation jobs').map((l) => l.retried)).toContain(1);
    await kill(second);
  }, 180_000);

  it('is run again when Redis lost the job with the worker', async () => {
    const first = await startWorker();
    const id = await jobRunning('Killed while Redis forgot');
    await kill(first);
    const probe = new Redis({ port, host: '127.0.0.1' });
    await probe.flushall();
    probe.disconnect();

    const second = await startWorker();
    const job = await finished(id);
    expect(job).toMatchObject({ status: 'SUCCEEDED', attempts: 2, error: null });
    await kill(second);
  }, 180_000);
});
