import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type GraphQLResponse, type TestApp } from '../helpers/test-app.js';

/** Small budgets, one per variable: each test spends its budget and sees the next call refused. */
const LIMITS = { RATE_LIMIT_GENERATION: '2', RATE_LIMIT_INGEST: '3', RATE_LIMIT_ANALYTICS: '3' };

const DAY = 86_400_000;
/** A distinct range per call: a response-cache hit is no execution and spends nothing. */
const range = (i: number) => ({ from: new Date(Date.UTC(2026, 0, 1) + i * DAY).toISOString(), to: new Date(Date.UTC(2026, 0, 2) + i * DAY).toISOString() });

function expectRateLimited(res: GraphQLResponse, field: string, limit: string) {
  expect(res.status).toBe(429);
  expect(res.errors?.[0]).toMatchObject({ path: [field], extensions: { code: 'RATE_LIMITED' } });
  expect(res.errors?.[0]?.message).toContain(`at most ${limit} every 60 s`);
  expect(res.errors?.[0]?.extensions?.retryAfter).toBeGreaterThan(0);
  expect(res.headers.get('retry-after')).toBeTruthy();
}

describe('per-field rate limits of generation, ingest and analytics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { ...LIMITS, GENERATION_LOCAL_CHUNK_DELAY_MS: '0' } });
  });
  afterAll(() => t.close());

  it('RATE_LIMIT_GENERATION: generatePost and generatePosts share the budget; the call past it is refused', async () => {
    const { token } = await t.signUp('Generator');
    const input = (i: number) => ({ topic: `Rate limited topic number ${i}` });
    const one = 'mutation ($input: GeneratePostInput!) { generatePost(input: $input) { id } }';
    for (const i of [1, 2]) expect((await t.gql(one, { input: input(i) }, { token })).errors).toBeUndefined();
    const refused = await t.gql('mutation ($inputs: [GeneratePostInput!]!) { generatePosts(inputs: $inputs) { id } }', { inputs: [input(3)] }, { token });
    expectRateLimited(refused, 'generatePosts', LIMITS.RATE_LIMIT_GENERATION);
    // The budget is the caller's: another user still generates.
    const other = await t.signUp('Other generator');
    expect((await t.gql(one, { input: input(4) }, { token: other.token })).errors).toBeUndefined();
  });

  it('RATE_LIMIT_INGEST: recordEngagement and recordEngagements share the budget; the call past it is refused and stores nothing', async () => {
    const { token } = await t.signUp('Ingester');
    const created = await t.gql<{ createPost: { id: string } }>('mutation { createPost(input: { content: "Counted" }) { id } }', {}, { token });
    const postId = created.data!.createPost.id;
    const single = 'mutation ($postId: ID!) { recordEngagement(postId: $postId, type: CLICK) { clicks } }';
    for (let i = 0; i < 2; i++) expect((await t.gql(single, { postId }, { token })).errors).toBeUndefined();
    const bulk = 'mutation ($events: [EngagementInput!]!) { recordEngagements(events: $events) }';
    expect((await t.gql(bulk, { events: [{ postId, type: 'CLICK' }] }, { token })).errors).toBeUndefined();
    expectRateLimited(await t.gql(single, { postId }, { token }), 'recordEngagement', LIMITS.RATE_LIMIT_INGEST);
    expectRateLimited(await t.gql(bulk, { events: [{ postId, type: 'CLICK' }] }, { token }), 'recordEngagements', LIMITS.RATE_LIMIT_INGEST);
    expect(await t.app.db.prisma.engagementEvent.count()).toBe(3);
  });

  it('RATE_LIMIT_ANALYTICS: analyticsSummary, topPosts and metricsSeries share the budget; the call past it is refused', async () => {
    const { token } = await t.signUp('Analyst');
    const summary = 'query ($from: DateTime!, $to: DateTime!) { analyticsSummary(from: $from, to: $to) { posts } }';
    expect((await t.gql(summary, range(0), { token })).errors).toBeUndefined();
    expect(
      (await t.gql('query ($from: DateTime!, $to: DateTime!) { topPosts(metric: CLICK, from: $from, to: $to) { id } }', range(1), { token })).errors,
    ).toBeUndefined();
    const series =
      'query ($from: DateTime!, $to: DateTime!) { posts(first: 5) { edges { node { metricsSeries(from: $from, to: $to, interval: DAY) { at } } } } }';
    expect((await t.gql(series, range(2), { token })).errors).toBeUndefined();
    expectRateLimited(await t.gql(summary, range(3), { token }), 'analyticsSummary', LIMITS.RATE_LIMIT_ANALYTICS);
  });
});
