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

describe('a generation job run twice at once', () => {
  it('belongs to the run that claimed it last: the earlier one stops and leaves no post', async () => {
    const userId = decodeGlobalID((await t.signUp()).id).id;
    const prisma = t.app.db.prisma;
    const request = normalizeRequest({ topic: 'Fencing tokens', tone: 'PROFESSIONAL', includeHashtags: false, language: 'en' });
    const input: StoredInput = { request, cacheKey: `superseded-${userId}` };
    const job = await prisma.generationJob.create({ data: { userId, topic: request.topic, tone: request.tone, input: input as never } });
    const { writer, release, calls } = heldWriter('Written by the run that owns the job.');
    const run = createGenerationRunner({
      prisma,
      writer,
      posts: t.app.services.posts,
      pubsub: t.app.services.pubsub,
      cache: createGenerationCache(60),
      logger: t.app.logger,
      attempts: 1,
      flushIntervalMs: 0,
    });
    // The queue thought the first worker stalled and gave the same attempt to a second one.
    const attempt = () => ({ id: job.id, attempt: 1, signal: new AbortController().signal });
    const earlier = run({ jobId: job.id }, attempt());
    await waitFor(async () => calls() === 1, 5000);
    const later = run({ jobId: job.id }, attempt());
    await waitFor(async () => calls() === 2, 5000);

    release(0);
    await expect(earlier).rejects.toBeInstanceOf(JobCancelledError);
    release(1);
    await later;

    const done = await prisma.generationJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(done).toMatchObject({ status: 'SUCCEEDED', output: 'Written by the run that owns the job.' });
    const posts = await prisma.post.findMany({ where: { authorId: userId } });
    expect(posts.map((p) => p.id)).toEqual([done.postId]);
  });
});
