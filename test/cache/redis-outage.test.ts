import type { ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port.js';
import { capturedLogger } from '../helpers/log-lines.js';
import { startRedis, stopRedis } from '../helpers/redis-server.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { POST_QUERY, post, publishedPost } from './helpers.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('when Redis fails', () => {
  let t: TestApp;
  let url: string;
  let port: number;
  let redis: ChildProcess;
  const { logger, lines } = capturedLogger('info');

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    t = await createTestApp({ env: { REDIS_URL: `redis://127.0.0.1:${port}`, REDIS_PREFIX: 'lpa:cache-outage:' }, app: { logger } });
    url = await t.listen();
  });
  afterAll(async () => {
    await t?.close();
    if (redis) await stopRedis(redis);
  });

  const readiness = async () => {
    const response = await fetch(`${url}/health/ready`);
    return { status: response.status, body: (await response.json()) as { status: string; checks: Record<string, { status: string }> } };
  };

  async function until(condition: () => Promise<boolean>, what: string) {
    for (let i = 0; i < 400; i++) {
      if (await condition()) return;
      await sleep(25);
    }
    throw new Error(`never happened: ${what}`);
  }

  it('keeps serving reads and writes, reports degraded, and recovers when Redis returns', async () => {
    const { id, author } = await publishedPost(t);
    expect((await readiness()).body.status).toBe('ok');

    const statuses: number[] = [];
    const acknowledged: string[] = [];
    let running = true;
    let n = 0;
    const traffic = (async () => {
      while (running) {
        const read = await post(url, POST_QUERY, { id });
        statuses.push(read.status);
        const write = await post(
          url,
          'mutation ($input: CreatePostInput!) { createPost(input: $input) { id } }',
          { input: { content: `Written during the outage test ${n++}` } },
          { token: author.token },
        );
        statuses.push(write.status);
        if (write.json.data?.createPost?.id) acknowledged.push(write.json.data.createPost.id);
      }
    })();

    await until(async () => acknowledged.length >= 3, 'traffic before the outage');
    const linesBefore = lines.length;
    await stopRedis(redis);
    await until(async () => (await readiness()).body.status === 'degraded', 'readiness reports degraded');
    const degraded = await readiness();
    expect(degraded.status).toBe(200);
    expect(degraded.body.checks.redis?.status).toBe('failed');
    expect(degraded.body.checks.pubsub?.status).toBe('failed');
    const duringOutage = acknowledged.length;
    await until(async () => acknowledged.length >= duringOutage + 3, 'writes during the outage');

    // Queued work cannot be taken: refused at once, to be retried, and nothing is left behind.
    for (let i = 0; i < 3; i++) {
      const started = Date.now();
      const generate = await post(
        url,
        'mutation ($input: GeneratePostInput!) { generatePost(input: $input) { id } }',
        { input: { topic: `Asked while Redis is down ${i}` } },
        { token: author.token, accept: 'application/graphql-response+json' },
      );
      expect(Date.now() - started, 'refused without waiting for Redis').toBeLessThan(2000);
      expect(generate.status).toBe(503);
      expect(generate.json.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryAfter: expect.any(Number) });
    }
    expect(await t.app.db.prisma.generationJob.count()).toBe(0);

    redis = await startRedis(port);
    await until(async () => (await readiness()).body.status === 'ok', 'readiness recovers');
    const afterRecovery = acknowledged.length;
    await until(async () => acknowledged.length >= afterRecovery + 3, 'writes after recovery');
    running = false;
    await traffic;

    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    // The outage is told once, with its end, however many calls it failed; a refusal is not an error of the server.
    const since = lines.slice(linesBefore);
    const told = since.filter((l) => l.level === 'warn' || l.level === 'error').map((l) => l.msg);
    expect(told.filter((msg) => msg.startsWith('Redis unreachable'))).toHaveLength(1);
    expect(told.length, told.join('\n')).toBe(new Set(told).size);
    expect(since.filter((l) => l.level === 'error')).toEqual([]);
    expect(since.filter((l) => l.msg === 'Redis reachable again')).toHaveLength(1);
    const stored = await t.app.db.prisma.post.findMany({
      where: { id: { in: acknowledged.map((g) => Buffer.from(g, 'base64').toString().split(':')[1]!) } },
      select: { id: true },
    });
    expect(stored).toHaveLength(acknowledged.length);

    // The shared level is in use again: a fresh response lands in the new Redis and is a hit.
    const probe = new Redis({ port, host: '127.0.0.1' });
    await post(url, 'query AfterRecovery($id: ID!) { post(id: $id) { id } }', { id });
    expect((await post(url, 'query AfterRecovery($id: ID!) { post(id: $id) { id } }', { id })).headers.get('x-cache')).toBe('HIT');
    const [, keys] = await probe.scan('0', 'MATCH', 'lpa:cache-outage:rc:r5:*', 'COUNT', 1000);
    probe.disconnect();
    expect(keys.length).toBeGreaterThan(0);
  });
});
