import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { type FakeOpenAI, startFakeOpenAI } from '../fakes/openai-server.js';
import { backend, createTestApp, type TestApp } from '../helpers/test-app.js';
import { waitFor } from '../queue/queue-contract.js';
import { followOverWebSocket, GENERATE, input, type Job, joinDeltas } from './jobs-helpers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });

/** Needs what only the shared backend has: several processes on one PostgreSQL and one Redis. */
describe.skipIf(backend !== 'postgres' || !process.env.TEST_REDIS_URL)('generation across instances and a worker process', () => {
  let fake: FakeOpenAI;
  let a: TestApp;
  let b: App;
  let urlA: string;
  let urlB: string;
  const workers: ChildProcess[] = [];
  let workerPort = 0;

  /** Starts `src/worker.ts` as its own process and waits until its /health answers. */
  const startWorker = async () => {
    const port = await freePort();
    const worker = spawn(process.execPath, ['--import', 'tsx', 'src/worker.ts'], {
      cwd: root,
      env: { ...process.env, ...a.env, LOG_LEVEL: 'silent', METRICS_PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    workers.push(worker);
    await waitFor(
      () =>
        fetch(`http://127.0.0.1:${port}/health/ready`).then(
          (r) => r.ok,
          () => false,
        ),
      90_000,
    );
    workerPort = port;
    return worker;
  };

  beforeAll(async () => {
    fake = await startFakeOpenAI();
    a = await createTestApp({
      env: {
        OPENAI_API_KEY: 'sk-test',
        OPENAI_BASE_URL: fake.url,
        GENERATION_WORKER_IN_API: 'false',
        QUEUE_STALLED_INTERVAL_MS: '1000',
        GENERATION_BACKOFF_MS: '100',
      },
    });
    urlA = await a.listen();
    b = await createApp(loadConfig(a.env));
    urlB = (await b.start(0)).url;
    await startWorker();
  });
  afterAll(async () => {
    for (const worker of workers) if (worker.exitCode === null) worker.kill('SIGKILL');
    await b?.stop();
    await a?.close();
    await fake?.close();
  });

  const generateOnB = async (token: string, topic: string) => {
    const response = await fetch(`${urlB}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: GENERATE, variables: { input: input({ topic }) } }),
    });
    const body = (await response.json()) as { data?: { generatePost: Job }; errors?: unknown };
    if (!body.data) throw new Error(JSON.stringify(body.errors));
    return body.data.generatePost;
  };
  const row = (id: string) => a.app.db.prisma.generationJob.findUniqueOrThrow({ where: { id: Buffer.from(id, 'base64').toString().split(':')[1] } });

  it('the worker serves its metrics on METRICS_PORT', async () => {
    const metrics = await (await fetch(`http://127.0.0.1:${workerPort}/metrics`)).text();
    expect(metrics).toContain('lpa_queue_jobs');
    expect(metrics).toContain('lpa_llm_circuit_breaker_state');
  });

  it('a subscriber on instance A follows a job created on instance B and run by the worker process', async () => {
    const user = await a.signUp();
    fake.enqueue({ kind: 'stream', chunkDelayMs: 5 });
    const job = await generateOnB(user.token, `Across instances ${Date.now()}`);
    const { events, errors } = await followOverWebSocket(urlA, user.token, job.id).done;

    expect(errors).toBeUndefined();
    const last = events.at(-1)!;
    expect(last.job).toMatchObject({ status: 'SUCCEEDED', provider: 'openai' });
    expect(events.filter((e) => e.delta).length).toBeGreaterThanOrEqual(5);
    expect(joinDeltas(events)).toBe(last.job.post?.content);
  }, 60_000);

  it('a job whose worker is killed mid-stream is run again by the next worker and never stays RUNNING', async () => {
    const user = await a.signUp();
    fake.enqueue({ kind: 'stream', chunkDelayMs: 60 });
    const requestsBefore = fake.requests.length;
    const job = await generateOnB(user.token, `Killed worker ${Date.now()}`);
    await waitFor(async () => (await row(job.id)).output.length > 20, 20_000);
    const [worker] = workers.splice(0);
    worker!.kill('SIGKILL');
    await new Promise((resolve) => worker!.once('exit', resolve));
    expect((await row(job.id)).status).toBe('RUNNING');

    const next = await startWorker();
    await waitFor(async () => ['SUCCEEDED', 'FAILED'].includes((await row(job.id)).status), 25_000);
    const final = await row(job.id);
    expect(final.status).toBe('SUCCEEDED');
    expect(fake.requests.length - requestsBefore).toBe(2);
    const post = await a.app.db.prisma.post.findUniqueOrThrow({ where: { id: final.postId! } });
    expect(post.content).toBe(final.output);

    next.kill('SIGTERM');
    expect(await new Promise((resolve) => next.once('exit', resolve))).toBe(0);
  }, 150_000);
});
