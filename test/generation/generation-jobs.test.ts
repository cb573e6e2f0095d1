import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancelGenerationDocument, GeneratePostsDocument } from '../generated/graphql.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { finished, GENERATE, generate, input, JOB, type Job, jobOf } from './jobs-helpers.js';

let t: TestApp;
const LIMIT = 25;
beforeAll(async () => {
  t = await createTestApp({ env: { GENERATION_RATE_LIMIT_PER_MINUTE: String(LIMIT), GENERATION_LOCAL_CHUNK_DELAY_MS: '2' } });
});
afterAll(() => t?.close());

const jobCount = () => t.app.db.prisma.generationJob.count();

describe('generation jobs with the local writer', () => {
  it('returns a QUEUED job at once and ends with a DRAFT post holding the streamed text', async () => {
    const user = await t.signUp();
    const job = await generate(t, user.token);
    expect(job).toMatchObject({ status: 'QUEUED', progress: 0, topic: 'Remote work productivity', tone: 'PROFESSIONAL', cached: false, post: null });

    const done = await finished(t, user.token, job.id);
    expect(done).toMatchObject({ status: 'SUCCEEDED', progress: 1, provider: 'local', cached: false, error: null, attempts: 1 });
    expect(done.post?.status).toBe('DRAFT');
    expect(done.post?.content).toBe(done.content);
    expect(done.content.length).toBeGreaterThan(100);
    expect(done.finishedAt).not.toBeNull();

    const post = await t.gql(`query ($id: ID!) { post(id: $id) { generatedBy { id } analysis { wordCount } } }`, { id: done.post?.id }, { token: user.token });
    expect(post.data?.post).toMatchObject({ generatedBy: { id: job.id } });
    expect(post.data?.post.analysis.wordCount).toBeGreaterThan(10);
  });

  it('serves an identical request from the cache at once, with a new draft for the caller', async () => {
    const first = await t.signUp();
    const topic = `Cache me ${Date.now()}`;
    const original = await finished(t, first.token, (await generate(t, first.token, { topic })).id);
    const second = await t.signUp();
    const cached = await generate(t, second.token, { topic: `  ${topic.toUpperCase()} ` });
    expect(cached).toMatchObject({ status: 'SUCCEEDED', cached: true, progress: 1, content: original.content, provider: 'local' });
    expect(cached.post?.content).toBe(original.content);
    expect(cached.post?.id).not.toBe(original.post?.id);
  });

  it('creates a batch in input order, and nothing when one input is invalid or there are 21', async () => {
    const user = await t.signUp();
    const batch = print(GeneratePostsDocument);
    const made = await t.gql<{ generatePosts: Job[] }>(
      batch,
      { inputs: [input({ topic: 'Batch one' }), input({ topic: 'Batch two' })] },
      { token: user.token },
    );
    expect(made.data?.generatePosts.map((j) => j.topic)).toEqual(['Batch one', 'Batch two']);

    const before = await jobCount();
    const bad = await t.gql(batch, { inputs: [input(), input({ topic: ' ' })] }, { token: user.token });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'inputs.1.topic', message: 'must not be empty' }] });
    const tooMany = await t.gql(batch, { inputs: Array.from({ length: 21 }, (_, i) => input({ topic: `Topic ${i}` })) }, { token: user.token });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'inputs' }] });
    expect(await jobCount()).toBe(before);
  });

  it('rejects bad input with typed errors and creates no job', async () => {
    const user = await t.signUp();
    const before = await jobCount();
    const empty = await t.gql(GENERATE, { input: input({ topic: '' }) }, { token: user.token });
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.topic' }] });
    const long = await t.gql(GENERATE, { input: input({ maxLength: 3001 }) }, { token: user.token });
    expect(long.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.maxLength' }] });
    const language = await t.gql(GENERATE, { input: input({ language: 'english' }) }, { token: user.token });
    expect(language.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.language' }] });
    const tone = await t.gql(GENERATE, { input: input({ tone: 'ANGRY' }) }, { token: user.token });
    expect(tone.errors?.[0]?.message).toMatch(/ANGRY/);
    expect(tone.data ?? null).toBeNull();
    const anonymous = await t.gql(GENERATE, { input: input() });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await jobCount()).toBe(before);
  });

  it('limits generation requests per user and says when to retry', async () => {
    const user = await t.signUp();
    const batch = print(GeneratePostsDocument);
    const full = await t.gql(batch, { inputs: Array.from({ length: 20 }, (_, i) => input({ topic: `Limit ${i} ${user.id}` })) }, { token: user.token });
    expect(full.errors).toBeUndefined();
    const more = await t.gql(batch, { inputs: Array.from({ length: LIMIT - 20 }, (_, i) => input({ topic: `More ${i} ${user.id}` })) }, { token: user.token });
    expect(more.errors).toBeUndefined();
    const before = await jobCount();
    const over = await t.gql(GENERATE, { input: input({ topic: `One more ${user.id}` }) }, { token: user.token });
    expect(over.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(over.errors?.[0]?.extensions?.retryAfter).toBeGreaterThanOrEqual(1);
    expect(over.errors?.[0]?.extensions?.retryAfter).toBeLessThanOrEqual(60);
    expect(await jobCount()).toBe(before);
    const other = await t.signUp();
    expect((await t.gql(GENERATE, { input: input({ topic: `Other ${other.id}` }) }, { token: other.token })).errors).toBeUndefined();
  });

  it('shows a job to its owner only', async () => {
    const owner = await t.signUp();
    const job = await generate(t, owner.token, { topic: 'Private topic' });
    const stranger = await t.signUp();
    expect(await jobOf(t, stranger.token, job.id)).toBeNull();
    const node = await t.gql('query ($id: ID!) { node(id: $id) { id } }', { id: job.id }, { token: stranger.token });
    expect(node.data?.node).toBeNull();
    const cancel = await t.gql(print(CancelGenerationDocument), { id: job.id }, { token: stranger.token });
    expect(cancel.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await jobOf(t, owner.token, job.id))?.topic).toBe('Private topic');
    const unknown = await t.gql(JOB, { id: 'R2VuZXJhdGlvbkpvYjowMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDE=' }, { token: owner.token });
    expect(unknown.data?.generationJob).toBeNull();
  });

  it('cancels a job; a finished job cannot be cancelled', async () => {
    const user = await t.signUp();
    const job = await generate(t, user.token, { topic: 'Cancel me quickly' });
    const cancelled = await t.gql<{ cancelGeneration: Job }>(print(CancelGenerationDocument), { id: job.id }, { token: user.token });
    expect(cancelled.data?.cancelGeneration).toMatchObject({ status: 'CANCELLED', post: null });
    const done = await finished(t, user.token, job.id);
    expect(done.status).toBe('CANCELLED');
    expect(done.post).toBeNull();
    const again = await t.gql(print(CancelGenerationDocument), { id: job.id }, { token: user.token });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });
});
