import { randomUUID } from 'node:crypto';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AnalyticsSummaryDocument,
  type EngagementInput,
  FeedSeriesDocument,
  PostAnalyticsDocument,
  RecordEngagementDocument,
  RecordEngagementsDocument,
  TopPostsDocument,
} from '../generated/graphql.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { analyticsTableState, createPost, ingestToken, ok, run } from './fixtures.js';

let t: TestApp;
let ann: { token: string; id: string };
let bob: { token: string; id: string };
let annPublic: string;
let annConnections: string;
let bobPublic: string;
let ingest: string;
const DAY = 24 * 3600_000;
const iso = (ms: number) => new Date(ms).toISOString();

beforeAll(async () => {
  t = await createTestApp();
  [ann, bob] = [await t.signUp('Ann'), await t.signUp('Bob')];
  annPublic = await createPost(t, ann.token, 'public');
  annConnections = await createPost(t, ann.token, 'connections');
  bobPublic = await createPost(t, bob.token, 'public');
  ingest = await ingestToken(t);
  await ok(t, RecordEngagementsDocument, { events: [{ postId: annPublic, type: 'IMPRESSION', count: 5, eventId: 'seed' }] }, ingest);
});
afterAll(() => t?.close());

/** The call must fail with `code` (and these field paths) and leave every analytics table as it was. */
async function rejects(call: () => Promise<{ errors?: { extensions?: Record<string, any> }[] }>, code: string, fields?: string[]) {
  const before = await analyticsTableState(t);
  const { errors } = await call();
  expect(errors?.[0]?.extensions?.code).toBe(code);
  if (fields) expect(errors?.[0]?.extensions?.fields.map((f: { path: string }) => f.path)).toEqual(fields);
  expect(await analyticsTableState(t)).toEqual(before);
}

const event = (overrides: Partial<EngagementInput> = {}): EngagementInput => ({ postId: annPublic, type: 'REACTION', ...overrides });
const record = (events: EngagementInput[], token = ingest) => run(t, RecordEngagementsDocument, { events }, token);

describe('ingest rejects bad input and stores nothing from the batch', () => {
  it.each([
    ['zero count', { count: 0 }, 'count'],
    ['negative count', { count: -3 }, 'count'],
    ['huge count', { count: 1_000_001 }, 'count'],
    ['instant in the future', { at: iso(Date.now() + DAY) }, 'at'],
    ['instant older than two years', { at: iso(Date.now() - 800 * DAY) }, 'at'],
    ['empty event id', { eventId: '' }, 'eventId'],
    ['unknown post', { postId: encodeGlobalID('Post', randomUUID()) }, 'postId'],
    ['malformed post ID', { postId: 'not-an-id' }, 'postId'],
    ['ID of a user, not a post', { postId: encodeGlobalID('User', randomUUID()) }, 'postId'],
  ])('%s', async (_name, overrides, field) => {
    await rejects(() => record([event(), event({ eventId: 'fine' }), event(overrides as Partial<EngagementInput>)]), 'BAD_USER_INPUT', [`events.2.${field}`]);
  });

  it('names every bad field of a batch', async () => {
    const events = [event({ count: 0 }), event(), event({ postId: encodeGlobalID('Post', randomUUID()) })];
    await rejects(() => record(events), 'BAD_USER_INPUT', ['events.0.count']);
    await rejects(() => record(events.slice(1)), 'BAD_USER_INPUT', ['events.1.postId']);
  });

  it('more than 1,000 events', async () => {
    await rejects(() => record(Array.from({ length: 1001 }, () => event())), 'BAD_USER_INPUT', ['events']);
  });

  it('recordEngagement with a bad count', async () => {
    await rejects(() => run(t, RecordEngagementDocument, { postId: annPublic, type: 'CLICK', count: 0 }, ann.token), 'BAD_USER_INPUT', ['count']);
  });
});

describe('who may record engagement', () => {
  it('the author records on their own post and gets its new totals', async () => {
    const { recordEngagement } = await ok(t, RecordEngagementDocument, { postId: annConnections, type: 'CLICK', count: 2 }, ann.token);
    expect(recordEngagement).toMatchObject({ clicks: 2, impressions: 0 });
  });

  it('nobody else, not even for one event of a batch', async () => {
    await rejects(() => run(t, RecordEngagementDocument, { postId: annPublic, type: 'CLICK' }, bob.token), 'FORBIDDEN');
    await rejects(() => record([event({ postId: bobPublic }), event()], bob.token), 'FORBIDDEN');
  });

  it("an author naming an unknown post and someone else's learns about the unknown one first", async () => {
    const unknown = encodeGlobalID('Post', randomUUID());
    await rejects(() => record([event({ postId: bobPublic }), event(), event({ postId: unknown }), event({ postId: unknown })], ann.token), 'BAD_USER_INPUT', [
      'events.2.postId',
      'events.3.postId',
    ]);
  });

  it('not anonymously, nor with a service token without the ingest scope', async () => {
    await rejects(() => record([event()], ''), 'UNAUTHENTICATED');
    const reporting = await ingestToken(t, ['report']);
    await rejects(() => record([event()], reporting), 'FORBIDDEN');
  });

  it('an ingest token records for any post; a repeated event id counts once', async () => {
    expect((await ok(t, RecordEngagementsDocument, { events: [event({ postId: bobPublic, eventId: 'once' })] }, ingest)).recordEngagements).toBe(1);
    expect((await ok(t, RecordEngagementsDocument, { events: [event({ postId: bobPublic, eventId: 'once' })] }, ingest)).recordEngagements).toBe(0);
  });

  it("an event id belongs to its post: another author's event with the same id stores, and each retries once", async () => {
    const [annPost, bobPost] = [await createPost(t, ann.token, 'public'), await createPost(t, bob.token, 'public')];
    const same = (postId: string) => [event({ postId, type: 'CLICK', eventId: 'client-7' })];
    expect((await ok(t, RecordEngagementsDocument, { events: same(bobPost) }, bob.token)).recordEngagements).toBe(1);
    expect((await ok(t, RecordEngagementsDocument, { events: same(annPost) }, ann.token)).recordEngagements).toBe(1);
    expect((await ok(t, RecordEngagementsDocument, { events: same(annPost) }, ann.token)).recordEngagements).toBe(0);
    expect((await ok(t, RecordEngagementsDocument, { events: same(bobPost) }, ingest)).recordEngagements).toBe(0);
    const clicks = async (id: string, token: string) =>
      (await ok(t, PostAnalyticsDocument, { id, from: iso(Date.now() - DAY), to: iso(Date.now() + 3600_000), interval: 'DAY' }, token)).post!.metrics.clicks;
    expect([await clicks(annPost, ann.token), await clicks(bobPost, bob.token)]).toEqual([1, 1]);
  });
});

describe('ranges', () => {
  const now = Date.now();
  it.each([
    ['from after to', now, now - DAY, 'DAY', 'from'],
    ['from equal to to', now, now, 'DAY', 'from'],
    ['longer than two years', now - 800 * DAY, now, 'WEEK', 'to'],
    ['an hourly series over 31 days', now - 40 * DAY, now, 'HOUR', 'interval'],
  ] as const)('%s is BAD_USER_INPUT', async (_name, from, to, interval, field) => {
    const variables = { from: iso(from), to: iso(to), interval };
    for (const result of [
      await run(t, PostAnalyticsDocument, { id: annPublic, ...variables }, ann.token),
      await run(t, AnalyticsSummaryDocument, variables, ann.token),
    ]) {
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: field }] });
    }
    if (interval !== 'HOUR') {
      const top = await run(t, TopPostsDocument, { metric: 'CLICK', from: iso(from), to: iso(to) });
      expect(top.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: field }] });
    }
  });

  it('topPosts returns at most 100', async () => {
    const result = await run(t, TopPostsDocument, { metric: 'CLICK', from: iso(now - DAY), to: iso(now), first: 101 });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('a summary needs an author when signed out', async () => {
    const result = await run(t, AnalyticsSummaryDocument, { from: iso(now - DAY), to: iso(now), interval: 'DAY' });
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('analytics visibility', () => {
  it('others see zeros for a post published to connections only, the author sees its numbers', async () => {
    const variables = { id: annConnections, from: iso(Date.now() - DAY), to: iso(Date.now() + 3600_000), interval: 'DAY' as const };
    const own = (await ok(t, PostAnalyticsDocument, variables, ann.token)).post!;
    expect(own).toMatchObject({ analyticsVisible: true, metrics: { clicks: 2 } });
    expect(own.metricsSeries.reduce((sum, p) => sum + p.clicks, 0)).toBe(2);
    for (const token of [bob.token, undefined]) {
      const other = (await ok(t, PostAnalyticsDocument, variables, token)).post!;
      expect(other).toMatchObject({ analyticsVisible: false, metrics: { clicks: 0, engagementRate: 0 } });
      expect(other.metricsSeries.map((p) => p.at)).toEqual(own.metricsSeries.map((p) => p.at));
      expect(other.metricsSeries.every((p) => p.clicks === 0 && p.impressions === 0)).toBe(true);
    }
  });
});

describe('database round trips', () => {
  it('a 1,000-event batch is one statement, the authorisation check included', async () => {
    const events = Array.from({ length: 1000 }, (_, i) => event({ postId: i % 2 ? annPublic : bobPublic, eventId: `batch-${i}` }));
    const { count, statements } = await t.countStatements(() => record(events));
    expect(count).toBe(1);
    expect(statements.filter((sql) => sql.includes('engagement_events'))).toHaveLength(1);
    expect((await analyticsTableState(t)).events).toBeGreaterThanOrEqual(1000);
  });

  it('metricsSeries for a page of posts is one query, however many posts', async () => {
    for (let i = 0; i < 4; i++) await createPost(t, ann.token, 'public');
    const query = (first: number) => () =>
      t.gql(print(FeedSeriesDocument), { first, from: iso(Date.now() - 7 * DAY), to: iso(Date.now()), interval: 'DAY' }, { token: ann.token });
    const small = await t.countStatements(query(1), { tries: 3 });
    const large = await t.countStatements(query(6), { tries: 3 });
    expect(large.count).toBe(small.count);
    expect(large.statements.filter((sql) => sql.includes('post_metrics_hourly'))).toHaveLength(1);
  });
});
