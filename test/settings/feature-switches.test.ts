import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturedLogger, type LogLine } from '../helpers/log-lines.js';
import { backend, createTestApp, isolatedBackendEnv, type TestApp } from '../helpers/test-app.js';
import { wsClient } from '../observability/helpers.js';
import { startServerProcess } from '../observability/server-process.js';

const RANGE = { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' };
const SOME_JOB = 'R2VuZXJhdGlvbkpvYjowMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDA=';

/** Every operation of each switchable feature, with the field its error names. */
const OPERATIONS: Record<'generation' | 'analytics', [field: string, query: string][]> = {
  generation: [
    ['generatePost', 'mutation { generatePost(input: { topic: "Switched off topic" }) { id } }'],
    ['generatePosts', 'mutation { generatePosts(inputs: [{ topic: "Switched off topic" }]) { id } }'],
    ['cancelGeneration', `mutation { cancelGeneration(id: "${SOME_JOB}") { id } }`],
    ['generationJob', `{ generationJob(id: "${SOME_JOB}") { id } }`],
  ],
  analytics: [
    ['analyticsSummary', `{ analyticsSummary(from: "${RANGE.from}", to: "${RANGE.to}") { posts } }`],
    ['topPosts', `{ topPosts(metric: CLICK, from: "${RANGE.from}", to: "${RANGE.to}") { id } }`],
    ['metricsSeries', `{ posts(first: 1) { edges { node { metricsSeries(from: "${RANGE.from}", to: "${RANGE.to}", interval: DAY) { at } } } } }`],
  ],
};

const said = (lines: LogLine[], msg: string) => lines.some((line) => line.msg === msg);

describe('FEATURE_GENERATION=false and FEATURE_ANALYTICS=false', () => {
  let t: TestApp;
  let token: string;
  const { logger, lines } = capturedLogger('info');
  beforeAll(async () => {
    t = await createTestApp({ env: { FEATURE_GENERATION: 'false', FEATURE_ANALYTICS: 'false' }, app: { logger } });
    ({ token } = await t.signUp('Switched off'));
  });
  afterAll(() => t.close());

  for (const [feature, operations] of Object.entries(OPERATIONS)) {
    it.each(operations)(`${feature}: %s answers FEATURE_DISABLED and runs nothing`, async (field, query) => {
      const res = await t.gql(query, {}, { token });
      expect(res.status).toBe(403);
      expect(res.data ?? null).toBeNull();
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0]).toMatchObject({ path: [field], extensions: { code: 'FEATURE_DISABLED', feature } });
      expect(res.errors![0]!.message).toBe(`${field} is not available: ${feature} is switched off on this server.`);
      expect(await t.app.db.prisma.generationJob.count()).toBe(0);
    });
  }

  it('generation: the generationProgress subscription answers FEATURE_DISABLED over WebSocket', async () => {
    const client = wsClient(t.url, { authorization: `Bearer ${token}` });
    try {
      const errors = await new Promise<unknown>((resolve, reject) => {
        client.subscribe(
          { query: `subscription { generationProgress(jobId: "${SOME_JOB}") { delta } }` },
          { next: (result) => resolve(result.errors), error: resolve, complete: () => reject(new Error('completed without an answer')) },
        );
      });
      expect(errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'FEATURE_DISABLED', feature: 'generation' }) })]);
    } finally {
      await client.dispose();
    }
  });

  it('serves everything else: posts, engagement ingest, the post metrics', async () => {
    const created = await t.gql<{ createPost: { id: string } }>('mutation { createPost(input: { content: "Still served" }) { id } }', {}, { token });
    const postId = created.data!.createPost.id;
    const recorded = await t.gql('mutation ($postId: ID!) { recordEngagement(postId: $postId, type: CLICK) { clicks } }', { postId }, { token });
    expect(recorded.data).toEqual({ recordEngagement: { clicks: 1 } });
    const read = await t.gql('query ($id: ID!) { post(id: $id) { content metrics { clicks } generatedBy { id } } }', { id: postId }, { token });
    expect(read.data).toEqual({ post: { content: 'Still served', metrics: { clicks: 1 }, generatedBy: null } });
  });

  it('starts no generation worker in the API process', () => {
    expect(said(lines, 'generation is switched off: its background work does not start')).toBe(true);
    expect(said(lines, 'generation worker started')).toBe(false);
  });
});

describe('with the features on (the default)', () => {
  it('starts the generation worker and serves the operations', async () => {
    const { logger, lines } = capturedLogger('info');
    const t = await createTestApp({ app: { logger } });
    try {
      expect(said(lines, 'generation worker started')).toBe(true);
      const { token } = await t.signUp('Switched on');
      for (const [, query] of OPERATIONS.analytics) expect((await t.gql(query, {}, { token })).errors).toBeUndefined();
      expect((await t.gql(OPERATIONS.generation[0]![1], {}, { token })).errors).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});

// The worker process needs Redis (its queue is BullMQ).
describe.skipIf(backend === 'embedded' || !process.env.TEST_REDIS_URL)('npm run worker with FEATURE_GENERATION=false', () => {
  it('runs no generation worker, and still the publishing one', async () => {
    const isolated = await isolatedBackendEnv();
    const worker = startServerProcess({ NODE_ENV: 'test', LOG_LEVEL: 'info', FEATURE_GENERATION: 'false', ...isolated.env }, 'src/worker.ts');
    try {
      await worker.waitForLine((line) => line.msg === 'generation and publishing worker started');
      expect(worker.lines.some((line) => line.msg === 'generation is switched off: its background work does not start')).toBe(true);
      expect(worker.lines.some((line) => line.msg === 'generation worker started')).toBe(false);
    } finally {
      worker.kill('SIGTERM');
      await worker.exited;
      await isolated.drop();
    }
  }, 60_000);
});
