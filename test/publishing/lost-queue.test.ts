import type { ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port.js';
import { startRedis, stopRedis } from '../helpers/redis-server.js';
import { createPublishingTestApp, type PublishingTestApp, rawId } from './publishing-app.js';

const SCHEDULE = 'mutation ($id: ID!, $at: DateTime!) { schedulePost(id: $id, at: $at) { status scheduledAt } }';

/** A Redis that loses its data (restarted without persistence, flushed) loses every delayed publish job with it. */
describe('scheduled posts when the queue loses its data', () => {
  let p: PublishingTestApp;
  let port: number;
  let redis: ChildProcess;

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    // The periodic sweep waits an hour here: only the explicit recover() calls act.
    p = await createPublishingTestApp({ REDIS_URL: `redis://127.0.0.1:${port}`, REDIS_PREFIX: 'lpa:lost-queue:', PUBLISH_STALE_AFTER_MS: '3600000' });
  }, 60_000);
  afterAll(async () => {
    await p?.close();
    if (redis) await stopRedis(redis);
  });

  it('gets its job back from recovery, due at its time, counted once, and is published once at that time', async () => {
    const author = await p.t.signUp('Scheduler');
    await p.connect(author.id);
    const postId = await p.draft(author.token);
    const untouchedId = await p.draft(author.token);
    const at = new Date(Date.now() + 4000);
    for (const [id, when] of [
      [postId, at],
      [untouchedId, new Date(Date.now() + 3600_000)],
    ] as const) {
      const scheduled = await p.t.gql(SCHEDULE, { id, at: when.toISOString() }, { token: author.token });
      expect(scheduled.data!.schedulePost.status).toBe('SCHEDULED');
    }
    expect((await p.publishQueue()).delayed).toBe(2);

    const probe = new Redis({ port, host: '127.0.0.1' });
    await probe.flushall();
    probe.disconnect();
    expect((await p.publishQueue()).delayed).toBe(0);
    const before = p.postRequests().length;

    const recover = () => p.t.app.services.publishingRecovery.recover();
    expect(await recover()).toEqual({ scheduled: 2, resumed: 0, requeued: 0 });
    // The jobs are there again: a second pass adds nothing and says so.
    expect(await recover()).toEqual({ scheduled: 0, resumed: 0, requeued: 0 });
    expect((await p.publishQueue()).delayed).toBe(2);
    expect((await p.t.app.db.prisma.post.findUniqueOrThrow({ where: { id: rawId(postId) } })).status).toBe('SCHEDULED');

    expect((await p.settle(postId)).status).toBe('PUBLISHED');
    const published = await p.t.app.db.prisma.post.findUniqueOrThrow({ where: { id: rawId(postId) } });
    expect(published.publishedAt!.getTime()).toBeGreaterThanOrEqual(at.getTime());
    expect(p.postRequests().length - before).toBe(1);
    expect((await p.t.app.db.prisma.post.findUniqueOrThrow({ where: { id: rawId(untouchedId) } })).status).toBe('SCHEDULED');
    expect(await recover()).toEqual({ scheduled: 0, resumed: 0, requeued: 0 });
  }, 60_000);
});
