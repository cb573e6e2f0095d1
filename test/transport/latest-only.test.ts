import { createPubSub } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { latestOnly } from '../../src/shared/latest-only.js';

type Topics = { totals: [postId: string, reactions: number] };

describe('a live value for subscribers that fall behind', () => {
  it('keeps only the newest value for a reader that stopped, without overflowing the publisher', async () => {
    const pubsub = createPubSub<Topics>();
    const stalled = latestOnly(pubsub.subscribe('totals', 'p1'));
    const reading = pubsub.subscribe('totals', 'p1')[Symbol.asyncIterator]();
    const seen: number[] = [];
    const readAll = (async () => {
      for (let next = await reading.next(); !next.done; next = await reading.next()) if (seen.push(next.value) === 2_000) return;
    })();
    await new Promise((resolve) => setImmediate(resolve));
    // Published over many turns, as engagement arrives: a raw subscription left unread throws on
    // the 1,025th pending value (in process: an uncaught error).
    for (let i = 1; i <= 2_000; i++) {
      pubsub.publish('totals', 'p1', i);
      if (i % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await readAll;
    expect(seen).toHaveLength(2_000);
    expect(await stalled.next()).toEqual({ done: false, value: 2_000 });
    pubsub.publish('totals', 'p1', 2_001);
    expect(await stalled.next()).toEqual({ done: false, value: 2_001 });
    await stalled.return!();
    await reading.return!();
  });

  it('stops listening when the subscriber leaves, even while it waits', async () => {
    const pubsub = createPubSub<Topics>();
    const values = latestOnly(pubsub.subscribe('totals', 'p2'));
    const waiting = values.next();
    await values.return!();
    expect(await waiting).toEqual({ done: true, value: undefined });
    expect(() => pubsub.publish('totals', 'p2', 1)).not.toThrow();
    expect(await values.next()).toEqual({ done: true, value: undefined });
  });
});
