import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { METRICS_LAG_MS } from '../../src/modules/analytics/metrics-cache.rules.js';
import { markPublished } from '../helpers/publish.js';
import { backend, createTestApp, type TestApp } from '../helpers/test-app.js';

const LIMITS = { RATE_LIMIT_ANONYMOUS: '5', RATE_LIMIT_USER: '40', RATE_LIMIT_SEARCH: '3', RATE_LIMIT_AUTH: '30' };
const post = (url: string, query: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify({ query }),
  });

describe('rate limits', () => {
  let t: TestApp;
  let url: string;
  beforeAll(async () => {
    // The anonymous caller below comes through a proxy as another address than the test's own requests.
    t = await createTestApp({ env: { ...LIMITS, TRUST_PROXY: 'true' } });
    url = await t.listen();
  });
  afterAll(() => t.close());

  it('refuses an anonymous IP over its global budget with 429, RATE_LIMITED, retryAfter and RateLimit headers', async () => {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 7; i++) {
      last = await post(url, '{ __typename }', { 'x-forwarded-for': '198.51.100.7' });
      statuses.push(last.status);
      if (i === 0) {
        expect(last.headers.get('ratelimit-limit')).toBe('5');
        expect(last.headers.get('ratelimit-remaining')).toBe('4');
        expect(Number(last.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
        expect(last.headers.get('ratelimit-policy')).toBe('5;w=60');
      }
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const body = (await last!.json()) as { errors: { extensions: { code: string; retryAfter: number } }[] };
    expect(body.errors[0]!.extensions.code).toBe('RATE_LIMITED');
    expect(body.errors[0]!.extensions.retryAfter).toBeGreaterThan(0);
    expect(last!.headers.get('retry-after')).toBe(String(body.errors[0]!.extensions.retryAfter));
    expect(last!.headers.get('ratelimit-remaining')).toBe('0');
    const metrics = await t.app.metrics.registry.getSingleMetricAsString('lpa_rate_limit_rejections_total');
    expect(metrics).toContain('limit="anonymous"} 2');
  });

  it('gives a signed-in user their own budget and a tighter one on searchPosts', async () => {
    const { token } = await t.signUp('Limited');
    const auth = { authorization: `Bearer ${token}` };
    expect((await post(url, '{ me { id } }', auth)).headers.get('ratelimit-limit')).toBe('40');
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 4; i++) {
      // Distinct queries: a response-cache hit costs nothing and is not a searchPosts execution.
      last = await post(url, `{ searchPosts(query: "hello ${i}") { totalCount } }`, auth);
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    const body = (await last!.json()) as { errors: { path: string[]; extensions: { code: string; retryAfter: number } }[] };
    expect(body.errors[0]!).toMatchObject({ path: ['searchPosts'], extensions: { code: 'RATE_LIMITED' } });
    expect(body.errors[0]!.extensions.retryAfter).toBeGreaterThan(0);
    expect(last!.headers.get('retry-after')).toBeTruthy();
    // Other fields are still served.
    expect((await post(url, '{ me { id } }', auth)).status).toBe(200);
  });

  it('does not charge a caller for the server re-executing the stale search it was served', async () => {
    const { token } = await t.signUp('Stale Searcher');
    const auth = { authorization: `Bearer ${token}` };
    const created = await t.gql<{ createPost: { id: string } }>('mutation { createPost(input: { content: "Zebras in the standup" }) { id } }', {}, { token });
    const id = created.data!.createPost.id;
    await markPublished(t, id);
    const search = `{ searchPosts(query: "zebras") { edges { node { metrics { impressions } } } } }`;
    const impressions = async () => ((await (await post(url, search, auth)).json()) as any).data.searchPosts.edges[0].node.metrics.impressions;
    expect(await impressions()).toBe(0);
    await t.gql('mutation ($id: ID!) { recordEngagement(postId: $id, type: IMPRESSION, count: 5) { impressions } }', { id }, { token });
    await expect.poll(impressions, { timeout: METRICS_LAG_MS, interval: 20 }).toBe(5);
    // One of three searches was spent; the background re-execution spent none.
    for (const query of ['zebras standup', 'standup']) expect((await post(url, `{ searchPosts(query: "${query}") { totalCount } }`, auth)).status).toBe(200);
  });

  it('counts every alias of a limited field', async () => {
    const { token } = await t.signUp('Aliaser');
    const res = await t.gql(
      '{ a: searchPosts(query: "a") { totalCount } b: searchPosts(query: "b") { totalCount } c: searchPosts(query: "c") { totalCount } d: searchPosts(query: "d") { totalCount } }',
      {},
      { token },
    );
    expect(res.status).toBe(429);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
  });
});

describe('FEATURE_RATE_LIMIT=false', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { ...LIMITS, FEATURE_RATE_LIMIT: 'false' } });
  });
  afterAll(() => t.close());

  it('serves everything without limits or headers', async () => {
    for (let i = 0; i < 8; i++) {
      const res = await t.gql('{ searchPosts(query: "x") { totalCount } }');
      expect(res.status).toBe(200);
      expect(res.headers.get('ratelimit-limit')).toBeNull();
    }
  });
});

describe.skipIf(backend === 'embedded')('rate limits across two instances sharing Redis', () => {
  let t: TestApp;
  let second: App;
  let secondUrl: string;
  beforeAll(async () => {
    t = await createTestApp({ env: LIMITS });
    second = await createApp(loadConfig(t.env));
    secondUrl = (await second.start(0)).url;
  });
  afterAll(async () => {
    await second.stop();
    await t.close();
  });

  it('enforces on instance B what was consumed on instance A', async () => {
    const { token } = await t.signUp('Shared');
    const urlOf = new Map<App, string>([
      [t.app, t.url],
      [second, secondUrl],
    ]);
    // Distinct searches: a response-cache hit executes nothing and spends no search budget.
    let searches = 0;
    const request = (app: App) =>
      fetch(`${urlOf.get(app)}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: `{ searchPosts(query: "shared ${++searches}") { totalCount } }` }),
      });
    expect((await request(t.app)).status).toBe(200);
    expect((await request(t.app)).status).toBe(200);
    expect((await request(t.app)).status).toBe(200);
    const onB = await request(second);
    expect(onB.status).toBe(429);
    expect(((await onB.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('RATE_LIMITED');
  });
});
