import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeOpenAI, startFakeOpenAI } from '../fakes/openai-server.js';
import { CancelGenerationDocument } from '../generated/graphql.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { waitFor } from '../queue/queue-contract.js';
import { finished, followOverSSE, followOverWebSocket, generate, joinDeltas, type ProgressEvent } from './jobs-helpers.js';

let t: TestApp;
let fake: FakeOpenAI;
let url: string;
beforeAll(async () => {
  fake = await startFakeOpenAI();
  t = await createTestApp({ env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.url, GENERATION_CONCURRENCY: '1' } });
  url = await t.listen();
});
afterAll(async () => {
  await t?.close();
  await fake?.close();
});

const unique = (name: string) => `${name} ${Math.random().toString(36).slice(2)}`;
const statuses = (events: ProgressEvent[]) => [...new Set(events.map((e) => e.job.status))];

describe('live generation progress through the real openai SDK', () => {
  it('follows a job over graphql-ws from QUEUED to SUCCEEDED; the deltas are the saved post', async () => {
    const user = await t.signUp();
    fake.enqueue({ kind: 'stream', chunkDelayMs: 20 });
    const blocker = await generate(t, user.token, { topic: unique('Blocker') });
    await waitFor(() => fake.requests.length > 0 && fake.requests.at(-1)?.body.messages?.[1]?.content.includes('Blocker') === true);
    const job = await generate(t, user.token, { topic: unique('Websocket') });
    const { done } = followOverWebSocket(url, user.token, job.id);
    const { events, errors } = await done;

    expect(errors).toBeUndefined();
    expect(events[0]?.job.status).toBe('QUEUED');
    expect(statuses(events)).toEqual(['QUEUED', 'RUNNING', 'SUCCEEDED']);
    // It streams; a subscriber that falls behind (a loaded machine) gets fewer, longer deltas.
    expect(events.filter((e) => e.delta).length).toBeGreaterThanOrEqual(2);
    const last = events.at(-1)!;
    expect(last.job).toMatchObject({ status: 'SUCCEEDED', provider: 'openai', progress: 1 });
    expect(joinDeltas(events)).toBe(last.job.post?.content);
    const progress = events.filter((e) => e.job.status === 'RUNNING').map((e) => e.job.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBeGreaterThan(0.2);
    await finished(t, user.token, blocker.id);
  });

  it('streams the same events over Server-Sent Events', async () => {
    const user = await t.signUp();
    fake.enqueue({ kind: 'stream', chunkDelayMs: 5 });
    const job = await generate(t, user.token, { topic: unique('SSE') });
    const result = await followOverSSE(url, user.token, job.id);

    expect(result.status).toBe(200);
    expect(result.contentType).toContain('text/event-stream');
    expect(result.errors).toEqual([]);
    expect(result.completed).toBe(true);
    expect(result.events.filter((e) => e.delta).length).toBeGreaterThanOrEqual(5);
    const last = result.events.at(-1)!;
    expect(last.job.status).toBe('SUCCEEDED');
    expect(joinDeltas(result.events)).toBe(last.job.post?.content);
  });

  it('cancels mid-stream: the model request is aborted, the job is CANCELLED, no post is saved', async () => {
    const user = await t.signUp();
    fake.enqueue({ kind: 'stream', chunkDelayMs: 40 });
    const job = await generate(t, user.token, { topic: unique('Cancel') });
    let deltas = 0;
    const { done } = followOverWebSocket(url, user.token, job.id, (e) => void (e.delta && deltas++));
    await waitFor(() => deltas >= 3);
    const request = fake.requests.at(-1)!;
    const cancelled = await t.gql(print(CancelGenerationDocument), { id: job.id }, { token: user.token });
    expect(cancelled.errors).toBeUndefined();
    const { events } = await done;
    expect(events.at(-1)?.job).toMatchObject({ status: 'CANCELLED', post: null });
    await request.closed;
    expect(request.clientAborted()).toBe(true);
    const after = await finished(t, user.token, job.id);
    expect(after).toMatchObject({ status: 'CANCELLED', post: null });
    expect(await t.app.db.prisma.post.count({ where: { authorId: Buffer.from(user.id, 'base64').toString().split(':')[1] } })).toBe(0);
  });

  it('gives a late subscriber the text so far first, so its deltas still add up to the post', async () => {
    const user = await t.signUp();
    fake.enqueue({ kind: 'stream', chunkDelayMs: 15 });
    const job = await generate(t, user.token, { topic: unique('Late') });
    let early = 0;
    const first = followOverWebSocket(url, user.token, job.id, (e) => void (e.delta && early++));
    await waitFor(() => early >= 20);
    const late = await followOverWebSocket(url, user.token, job.id).done;
    await first.done;

    expect(late.events[0]?.job.status).toBe('RUNNING');
    expect(late.events[0]?.delta?.length).toBeGreaterThan(20);
    const last = late.events.at(-1)!;
    expect(last.job.status).toBe('SUCCEEDED');
    expect(joinDeltas(late.events)).toBe(last.job.post?.content);
    expect(joinDeltas(first.events)).toBe(last.job.post?.content);
  });

  it('lets only the owner subscribe', async () => {
    const owner = await t.signUp();
    const job = await generate(t, owner.token, { topic: unique('Mine') });
    const stranger = await t.signUp();
    const denied = await followOverWebSocket(url, stranger.token, job.id).done;
    expect(denied.events).toEqual([]);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const sse = await followOverSSE(url, stranger.token, job.id);
    expect(sse.errors[0]?.extensions?.code).toBe('FORBIDDEN');
    const missing = await followOverWebSocket(url, owner.token, 'R2VuZXJhdGlvbkpvYjowMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDE=').done;
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    await finished(t, owner.token, job.id);
  });
});
