import { print } from 'graphql';
import { type Client, createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { createLiveMetrics } from '../../src/modules/analytics/live-metrics.js';
import { PostMetricsUpdatedDocument, RecordEngagementDocument, RecordEngagementsDocument, type TotalsFragment } from '../generated/graphql.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { createPost, ingestToken, ok } from './fixtures.js';

const totals = (impressions: number) => ({ impressions, reactions: 0, comments: 0, reposts: 0, clicks: 0 });

describe('createLiveMetrics coalescing', () => {
  it('sends the first update at once, then at most one per window with the newest totals', () => {
    vi.useFakeTimers();
    try {
      const sent: [string, number][] = [];
      const live = createLiveMetrics((postId, t) => sent.push([postId, t.impressions]), 250);
      for (let i = 1; i <= 100; i++) live.totalsChanged('a', totals(i));
      live.totalsChanged('b', totals(7));
      expect(sent).toEqual([
        ['a', 1],
        ['b', 7],
      ]);
      vi.advanceTimersByTime(250);
      expect(sent).toEqual([
        ['a', 1],
        ['b', 7],
        ['a', 100],
      ]);
      vi.advanceTimersByTime(1000);
      expect(sent).toHaveLength(3);
      live.totalsChanged('a', totals(101));
      live.totalsChanged('a', totals(103));
      live.totalsChanged('a', totals(102)); // raced: an older snapshot arrives last
      live.flush();
      expect(sent.slice(3)).toEqual([
        ['a', 101],
        ['a', 103],
      ]);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('postMetricsUpdated over a real WebSocket', () => {
  let t: TestApp;
  let client: Client;
  let author: { token: string };
  let postId: string;
  let ingest: string;
  const received: TotalsFragment[] = [];
  let notify = () => {};

  const sameTotals = (a: TotalsFragment, b: Omit<TotalsFragment, 'engagementRate'>) =>
    a.impressions === b.impressions && a.reactions === b.reactions && a.comments === b.comments && a.reposts === b.reposts && a.clicks === b.clicks;

  /** Waits until an update equal to `expected` arrives; returns every update since `from`. */
  async function updatesUntil(expected: Omit<TotalsFragment, 'engagementRate'>, from: number): Promise<TotalsFragment[]> {
    while (!received.slice(from).some((m) => sameTotals(m, expected))) await new Promise<void>((resolve) => (notify = resolve));
    return received.slice(from);
  }

  const storedTotals = async () => {
    const { impressions, reactions, comments, reposts, clicks } = await t.app.db.prisma.postTotals.findUniqueOrThrow({
      where: { postId: Buffer.from(postId, 'base64').toString().split(':')[1]! },
    });
    return { impressions, reactions, comments, reposts, clicks };
  };

  beforeAll(async () => {
    t = await createTestApp({ env: { RATE_LIMIT_INGEST: '1000' } });
    author = await t.signUp('Live');
    postId = await createPost(t, author.token, 'public');
    ingest = await ingestToken(t);
    const url = `${(await t.listen()).replace('http', 'ws')}/graphql`;
    client = createClient({ url, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${author.token}` }, retryAttempts: 0 });
    const subscription = client.iterate<{ postMetricsUpdated: TotalsFragment }>({ query: print(PostMetricsUpdatedDocument), variables: { postId } });
    void (async () => {
      for await (const result of subscription) {
        received.push(result.data!.postMetricsUpdated);
        notify();
      }
    })();
    // The protocol has no "subscribed" acknowledgement: record impressions until the first update proves it is live.
    while (!received.length) {
      await ok(t, RecordEngagementsDocument, { events: [{ postId, type: 'IMPRESSION' }] }, ingest);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await updatesUntil(await storedTotals(), 0);
  });
  afterAll(async () => {
    await client?.dispose();
    await t?.close();
  });

  it("recordEngagements → the post's new totals arrive", async () => {
    const before = await storedTotals();
    const mark = received.length;
    await ok(
      t,
      RecordEngagementsDocument,
      {
        events: [
          { postId, type: 'IMPRESSION', count: 10 },
          { postId, type: 'REACTION', count: 2 },
        ],
      },
      ingest,
    );
    const expected = { ...before, impressions: before.impressions + 10, reactions: 2 };
    expect(await storedTotals()).toEqual(expected);
    const updates = await updatesUntil(expected, mark);
    expect(updates.at(-1)!.engagementRate).toBeCloseTo(2 / expected.impressions, 12);
  });

  it('100 rapid ingests are coalesced into a few updates, the last one the final totals', async () => {
    const mark = received.length;
    const started = performance.now();
    let last: TotalsFragment | undefined;
    for (let i = 0; i < 100; i++) last = (await ok(t, RecordEngagementDocument, { postId, type: 'CLICK' }, author.token)).recordEngagement;
    expect(last).toMatchObject({ clicks: 100 });
    const updates = await updatesUntil(last!, mark);
    // At most one update per 250 ms window (plus the first), however slowly a loaded machine sends the 100.
    const windows = Math.ceil((performance.now() - started) / 250);
    expect(updates.length).toBeLessThanOrEqual(windows + 1);
    expect(updates.map((u) => u.clicks)).toEqual(updates.map((u) => u.clicks).sort((a, b) => a - b));
  });
});
