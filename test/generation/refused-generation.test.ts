import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port.js';
import { startRedis, stopRedis } from '../helpers/redis-server.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const GENERATE = 'mutation Generate($input: GeneratePostInput!) { generatePost(input: $input) { id status } }';
const GENERATE_MANY = 'mutation GenerateMany($inputs: [GeneratePostInput!]!) { generatePosts(inputs: $inputs) { id status } }';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * generatePost refused because the queue cannot take the job (its Redis just died, before any
 * connection noticed) leaves no job behind: none QUEUED forever, none run later for a refused request.
 */
describe('generatePost while the queue is down', () => {
  let t: TestApp;
  let port: number;
  let redis: ChildProcess;

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    t = await createTestApp({ env: { REDIS_URL: `redis://127.0.0.1:${port}`, REDIS_PREFIX: 'lpa:refused:', GENERATION_LOCAL_CHUNK_DELAY_MS: '1' } });
    await t.listen();
  });
  afterAll(async () => {
    await t?.close();
    if (redis) await stopRedis(redis);
  });

  it('answers SERVICE_UNAVAILABLE with retryAfter and stores no job', async () => {
    const { token } = await t.signUp('refused');
    const accepted = await t.gql(GENERATE, { input: { topic: 'Accepted before the outage' } }, { token });
    expect(accepted.errors).toBeUndefined();

    await stopRedis(redis);
    const refused = await Promise.all([
      ...Array.from({ length: 3 }, (_, i) => t.gql(GENERATE, { input: { topic: `Refused while Redis is down ${i}` } }, { token })),
      t.gql(GENERATE_MANY, { inputs: [{ topic: 'Refused batch one' }, { topic: 'Refused batch two' }] }, { token }),
    ]);
    for (const answer of refused) {
      expect(answer.data ?? null).toBeNull();
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryAfter: expect.any(Number) });
    }
    const leftBehind = await t.app.db.prisma.generationJob.findMany({ where: { topic: { startsWith: 'Refused' } } });
    expect(leftBehind).toEqual([]);
    // The audit log says what happened: the accepted job was asked for, the refused ones never were.
    const requested = await t.app.db.prisma.auditEntry.findMany({ where: { action: 'GENERATION_REQUESTED' }, select: { targetId: true } });
    expect(requested.map((entry) => entry.targetId)).toEqual([Buffer.from(accepted.data!.generatePost.id, 'base64').toString().split(':')[1]]);

    // Once Redis is back, nothing of the refused requests runs, and the accepted one still finishes.
    redis = await startRedis(port);
    const acceptedId = Buffer.from(accepted.data!.generatePost.id, 'base64').toString().split(':')[1]!;
    for (let i = 0; i < 600; i++) {
      const job = await t.app.db.prisma.generationJob.findUniqueOrThrow({ where: { id: acceptedId } });
      if (job.status === 'SUCCEEDED') break;
      await sleep(100);
    }
    expect((await t.app.db.prisma.generationJob.findUniqueOrThrow({ where: { id: acceptedId } })).status).toBe('SUCCEEDED');
    expect(await t.app.db.prisma.generationJob.count({ where: { topic: { startsWith: 'Refused' } } })).toBe(0);
    // Every connection is back before the app closes (a close while BullMQ still reconnects can hang).
    for (let i = 0; i < 300 && ((await (await t.fetch('/health/ready')).json()) as { status: string }).status !== 'ok'; i++) await sleep(100);
  }, 120_000);
});
