import { decodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobCancelledError } from '../../src/infra/queue/job-queue.js';
import { createGenerationCache } from '../../src/modules/generation/generation-cache.js';
import { normalizeRequest } from '../../src/modules/generation/generation-request.js';
import { createGenerationRunner, type StoredInput } from '../../src/modules/generation/generation-runner.js';
import type { PostWriter } from '../../src/modules/generation/writer-types.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { waitFor } from '../queue/queue-contract.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

/** A writer whose every call waits until the test releases it, then writes `text` in two deltas. */
function heldWriter(text: string) {
  const releases: (() => void)[] = [];
  const writer: PostWriter = {
    name: 'local',
    async write(_request, options) {
      await new Promise<void>((resolve) => releases.push(resolve));
      options?.onDelta?.(text.slice(0, 5));
      options?.onDelta?.(text.slice(5));
      return { provider: 'local', content: text, hashtags: [] };
    },
  };
  return { writer, release: (call: number) => releases[call]!(), calls: () => releases.length };
}

/** A QUEUED job and a runner whose heartbeat is renewed only once a minute (the test stops it at will). */
async function heldJob(topic: string) {
  const userId = decodeGlobalID((await t.signUp()).id).id;
  const prisma = t.app.db.prisma;
  const request = normalizeRequest({ topic, tone: 'PROFESSIONAL', includeHashtags: false, language: 'en' });
  const input: StoredInput = { request, cacheKey: `superseded-${userId}` };
  const job = await prisma.generationJob.create({
    data: { userId, workspaceId: await t.app.services.workspaces.personalWorkspaceId(userId), topic: request.topic, tone: request.tone, input: input as never },
  });
  const held = heldWriter('Written by the run that owns the job.');
  const run = createGenerationRunner({
    prisma,
    writer: held.writer,
    posts: t.app.services.posts,
    pubsub: t.app.services.pubsub,
    cache: createGenerationCache(60),
    logger: t.app.logger,
    attempts: 3,
    flushIntervalMs: 0,
    heartbeat: { intervalMs: 60_000, timeoutMs: 5_000 },
  });
  // The queue thought the first worker stalled and gave the same attempt to a second one.
  const attempt = () => ({ id: job.id, attempt: 1, signal: new AbortController().signal });
  return { userId, prisma, job, run: () => run({ jobId: job.id }, attempt()), ...held };
}

describe('a generation job run twice at once', () => {
  it('stays with a run whose heartbeat goes on: the duplicate stops at once', async () => {
    const { userId, prisma, job, run, release, calls } = await heldJob('Heartbeats');
    const live = run();
    await waitFor(async () => calls() === 1, 5000);
    await run();
    expect(calls()).toBe(1);

    release(0);
    await live;
    const done = await prisma.generationJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(done).toMatchObject({ status: 'SUCCEEDED', attempts: 1, output: 'Written by the run that owns the job.' });
    expect((await prisma.post.findMany({ where: { authorId: userId } })).map((p) => p.id)).toEqual([done.postId]);
  });

  it('is taken over from a run whose heartbeat stopped: that run stops when it wakes and leaves no post', async () => {
    const { userId, prisma, job, run, release, calls } = await heldJob('Fencing tokens');
    const earlier = run();
    await waitFor(async () => calls() === 1, 5000);
    await prisma.generationJob.update({ where: { id: job.id }, data: { heartbeatAt: new Date(Date.now() - 60_000) } });
    const later = run();
    await waitFor(async () => calls() === 2, 5000);

    release(0);
    await expect(earlier).rejects.toBeInstanceOf(JobCancelledError);
    release(1);
    await later;

    const done = await prisma.generationJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(done).toMatchObject({ status: 'SUCCEEDED', attempts: 2, output: 'Written by the run that owns the job.' });
    const posts = await prisma.post.findMany({ where: { authorId: userId } });
    expect(posts.map((p) => p.id)).toEqual([done.postId]);
  });
});
