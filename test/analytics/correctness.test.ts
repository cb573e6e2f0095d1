import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AnalyticsSummaryDocument,
  type EngagementType,
  FeedSeriesDocument,
  type MetricInterval,
  RecordEngagementsDocument,
  TopPostsDocument,
} from '../generated/graphql.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { createPost, ingestToken, type Kind, ok } from './fixtures.js';
import * as oracle from './oracle.js';
import { DAY, HOUR, type RawEvent } from './oracle.js';

/** Deterministic PRNG (mulberry32) so a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let r = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

const TYPES: EngagementType[] = ['IMPRESSION', 'IMPRESSION', 'IMPRESSION', 'REACTION', 'COMMENT', 'REPOST', 'CLICK'];
const INTERVALS: MetricInterval[] = ['HOUR', 'DAY', 'WEEK'];
const rawId = (globalId: string) => Buffer.from(globalId, 'base64').toString().split(':')[1]!;
const iso = (ms: number) => new Date(ms).toISOString();

interface Author {
  token: string;
  id: string;
  posts: { id: string; kind: Kind }[];
}

let t: TestApp;
let ann: Author;
let bob: Author;
let stored: RawEvent[];
let sentStored = 0;
const now = Date.now();
const start = Math.floor(now / DAY) * DAY - 30 * DAY;
const rand = random(20261128);

async function author(name: string, kinds: [Kind, number][]): Promise<Author> {
  const user = await t.signUp(name);
  const posts: Author['posts'] = [];
  for (const [kind, n] of kinds) {
    for (let i = 0; i < n; i++) posts.push({ id: await createPost(t, user.token, kind), kind });
  }
  return { token: user.token, id: user.id, posts };
}

/** 10,000 random events over 30 days, plus events exactly on hour/day/week edges and repeated event ids. */
function generate(postIds: string[]): RawEvent[] {
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)]!;
  const event = (i: number, at: number): RawEvent => ({
    postId: pick(postIds),
    type: pick(TYPES),
    count: rand() < 0.01 ? 1000 : 1 + Math.floor(rand() * 5),
    at,
    ...(rand() < 0.6 ? { eventId: `ev-${i}` } : {}),
  });
  const latest = now - 60_000;
  const events = Array.from({ length: 10_000 }, (_, i) => event(i, start + Math.floor(rand() * (latest - start))));
  for (let d = 1; d < 30; d++) {
    const midnight = start + d * DAY;
    const hour = midnight + Math.floor(rand() * 24) * HOUR;
    for (const at of [midnight - 1, midnight, hour - 1, hour]) events.push(event(events.length, at));
  }
  for (let i = 0; i < 300; i++) {
    const original = pick(events.filter((e) => e.eventId));
    events.splice(Math.floor(rand() * events.length), 0, { ...original });
  }
  return events;
}

const input = (e: RawEvent) => ({ postId: e.postId, type: e.type, count: e.count, at: iso(e.at), eventId: e.eventId });

beforeAll(async () => {
  t = await createTestApp();
  ann = await author('Ann', [
    ['public', 12],
    ['connections', 9],
    ['draft', 9],
  ]);
  bob = await author('Bob', [
    ['public', 12],
    ['connections', 4],
    ['draft', 4],
  ]);
  // Ann's last post (a draft) gets no engagement: it counts in a summary only by being created in range.
  const events = generate([...ann.posts.slice(0, -1), ...bob.posts].map((p) => p.id));
  const token = await ingestToken(t);
  for (let i = 0; i < events.length; i += 1000) {
    const batch = events.slice(i, i + 1000).map(input);
    sentStored += (await ok(t, RecordEngagementsDocument, { events: batch }, token)).recordEngagements;
  }
  stored = oracle.dedupe(events);
  const retry = events
    .filter((e) => e.eventId)
    .slice(0, 1000)
    .map(input);
  sentStored += (await ok(t, RecordEngagementsDocument, { events: retry }, token)).recordEngagements;
}, 300_000);
afterAll(() => t?.close());

const pastRange = { from: start + 5.5 * HOUR + 123, to: start + 20 * DAY + 3 * HOUR + 59_999 };
const wideRange = { from: start - 3 * DAY + 7 * HOUR, to: now + 2 * HOUR };
// Hourly series are long (24 points a day per post): ten days keep the responses small.
const hourRange = { from: start + 12 * DAY + 5.5 * HOUR + 123, to: start + 22 * DAY + 30 * 60_000 };
const rangeFor = (interval: MetricInterval) => (interval === 'HOUR' ? hourRange : wideRange);

describe('engagement analytics match a brute-force computation over the raw events', () => {
  it('stores every event once, however often its event id was sent', async () => {
    expect(stored.length).toBeGreaterThan(10_000);
    expect(sentStored).toBe(stored.length);
    expect(await t.app.db.prisma.engagementEvent.count()).toBe(stored.length);
  });

  it.each(INTERVALS)('metrics and metricsSeries (%s) of every post, read by its author', async (interval) => {
    for (const who of [ann, bob]) {
      const { from, to } = rangeFor(interval);
      const { posts } = await ok(t, FeedSeriesDocument, { first: 100, filter: { authorId: who.id }, from: iso(from), to: iso(to), interval }, who.token);
      expect(posts.edges.map((e) => e.node.id).sort()).toEqual(who.posts.map((p) => p.id).sort());
      for (const { node } of posts.edges) {
        const events = oracle.byPost(stored, node.id);
        const expected = oracle.totals(events);
        expect(node.metrics).toMatchObject(expected);
        expect(node.metrics.engagementRate).toBeCloseTo(oracle.engagementRate(expected), 12);
        expect(node.metricsSeries).toEqual(oracle.series(events, from, to, interval));
      }
    }
  });

  it('hides analytics of posts that are not published publicly from everyone but the author', async () => {
    const { from, to } = pastRange;
    const { posts } = await ok(t, FeedSeriesDocument, { first: 100, filter: { authorId: bob.id }, from: iso(from), to: iso(to), interval: 'DAY' }, ann.token);
    const kinds = new Map(bob.posts.map((p) => [p.id, p.kind]));
    expect(posts.edges).toHaveLength(16); // Bob's drafts are not Ann's to see
    for (const { node } of posts.edges) {
      const events = kinds.get(node.id) === 'public' ? oracle.byPost(stored, node.id) : [];
      expect(node.metrics).toMatchObject(oracle.totals(events));
      expect(node.metricsSeries).toEqual(oracle.series(events, from, to, 'DAY'));
    }
  });

  const summaries = [
    { name: "Ann's own, wide range", viewer: () => ann, of: () => undefined, range: wideRange, all: true },
    { name: "Ann's own, past range", viewer: () => ann, of: () => undefined, range: pastRange, all: true },
    { name: "Bob's, read by Ann", viewer: () => ann, of: () => bob, range: wideRange, all: false },
    { name: "Ann's, read anonymously", viewer: () => undefined, of: () => ann, range: pastRange, all: false },
  ];
  it.each(summaries)('analyticsSummary: $name', async ({ viewer, of, range, all }) => {
    const subject = of() ?? viewer()!;
    const covered = subject.posts.filter((p) => all || p.kind === 'public').map((p) => p.id);
    const events = stored.filter((e) => covered.includes(e.postId));
    const createdInRange = range.to > now - 10 * 60_000;
    for (const interval of INTERVALS) {
      const { from, to } = interval === 'HOUR' ? hourRange : range;
      const variables = { authorId: of()?.id, from: iso(from), to: iso(to), interval };
      const { analyticsSummary: summary } = await ok(t, AnalyticsSummaryDocument, variables, viewer()?.token);
      expect(summary.series).toEqual(oracle.series(events, from, to, interval));
      if (interval === 'HOUR') continue;
      const totals = oracle.totals(events, from, to);
      expect(summary.totals).toMatchObject(totals);
      expect(summary.totals.engagementRate).toBeCloseTo(oracle.engagementRate(totals), 12);
      expect(summary.bestPost?.id ?? null).toBe(oracle.bestPost(events, covered, from, to, rawId));
      const counted = covered.filter((id) => createdInRange || oracle.hadEngagement(events, id, from, to));
      expect(summary.posts).toBe(counted.length);
    }
  });

  it.each(['IMPRESSION', 'REACTION', 'COMMENT', 'REPOST', 'CLICK'] as EngagementType[])('topPosts by %s', async (metric) => {
    const { from, to } = pastRange;
    const visibleToAnn = [...ann.posts, ...bob.posts.filter((p) => p.kind === 'public')].map((p) => p.id);
    const { topPosts } = await ok(t, TopPostsDocument, { metric, from: iso(from), to: iso(to), first: 100 }, ann.token);
    expect(topPosts.map((p) => p.id)).toEqual(oracle.topPosts(stored, visibleToAnn, metric, from, to, rawId));
    const publicPosts = [...ann.posts, ...bob.posts].filter((p) => p.kind === 'public').map((p) => p.id);
    const anonymous = await ok(t, TopPostsDocument, { metric, from: iso(from), to: iso(to), first: 5 });
    expect(anonymous.topPosts.map((p) => p.id)).toEqual(oracle.topPosts(stored, publicPosts, metric, from, to, rawId).slice(0, 5));
  });
});
