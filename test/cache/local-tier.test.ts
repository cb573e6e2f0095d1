import { describe, expect, it } from 'vitest';
import { LocalResponseTier } from '../../src/response-cache/local-tier.js';

const entry = (bytes: number, entities = ['Post:1']) => ({ body: 'x'.repeat(bytes), entities, expiresAt: Date.now() + 60_000 });

describe('the in-process response tier', () => {
  it('evicts the least recently used responses once their bytes exceed the budget', () => {
    let evicted = 0;
    const tier = new LocalResponseTier({ maxEntries: 1000, maxBytes: 10_000 }, (n) => (evicted += n));
    const now = Date.now();
    for (const key of ['a', 'b', 'c']) tier.set(key, entry(4_000), now);
    expect(tier.get('a', now)).toBeUndefined();
    expect(tier.get('b', now)?.body.length).toBe(4_000);
    expect(tier.get('c', now)?.body.length).toBe(4_000);
    expect(evicted).toBe(1);
  });

  it('keeps many small responses under the same budget, and still bounds their count', () => {
    const tier = new LocalResponseTier({ maxEntries: 50, maxBytes: 10_000 }, () => {});
    const now = Date.now();
    for (let i = 0; i < 80; i++) tier.set(`k${i}`, entry(20), now);
    expect(tier.size).toBe(50);
  });

  it('an evicted response leaves the entity index, so invalidation counts only what it removed', () => {
    const tier = new LocalResponseTier({ maxEntries: 1000, maxBytes: 10_000 }, () => {});
    const now = Date.now();
    tier.set('old', entry(6_000, ['Post:7']), now);
    tier.set('new', entry(6_000, ['Post:7']), now);
    expect(tier.invalidate(['Post:7'])).toBe(1);
    expect(tier.size).toBe(0);
  });

  it('keeps a response marked stale only within the lag of the first change, and still evicts it on invalidation', () => {
    const tier = new LocalResponseTier({ maxEntries: 1000, maxBytes: 10_000 }, () => {});
    const now = Date.now();
    tier.set('summary', entry(10, ['AuthorMetrics:1']), now);
    tier.set('other', entry(10, ['AuthorMetrics:2']), now);
    expect(tier.markStale(['AuthorMetrics:1'], now, 5_000)).toBe(1);
    expect(tier.get('summary', now + 1_000)).toMatchObject({ staleSince: now, expiresAt: now + 5_000 });
    expect(tier.get('other', now + 1_000)?.staleSince).toBeUndefined();
    // A later change does not extend how long the first one may be lagged.
    expect(tier.markStale(['AuthorMetrics:1'], now + 4_000, 5_000)).toBe(0);
    expect(tier.get('summary', now + 5_000)).toBeUndefined();
    tier.set('summary', entry(10, ['AuthorMetrics:1', 'Post:9']), now);
    tier.markStale(['AuthorMetrics:1'], now, 5_000);
    expect(tier.invalidate(['Post:9'])).toBe(1);
    expect(tier.get('summary', now)).toBeUndefined();
  });

  it('marks a response whose TTL is still ahead, and keeps the mark of one in its grace but not past the lag', () => {
    const tier = new LocalResponseTier({ maxEntries: 1000, maxBytes: 10_000 }, () => {});
    const now = Date.now();
    const graced = { ...entry(10, ['AuthorMetrics:3']), expiresAt: now + 40_000, staleSince: now + 10_000 };
    tier.set('fresh', graced, now);
    expect(tier.markStale(['AuthorMetrics:3'], now, 5_000)).toBe(1);
    expect(tier.get('fresh', now)).toMatchObject({ staleSince: now, expiresAt: now + 5_000 });
    tier.set('fresh', graced, now);
    // Stale since its TTL ended, unread: a change still ends it within the lag, so no reader gets it 30 s late.
    expect(tier.markStale(['AuthorMetrics:3'], now + 11_000, 5_000)).toBe(1);
    expect(tier.get('fresh', now + 11_000)).toMatchObject({ staleSince: now + 10_000, expiresAt: now + 16_000 });
    expect(tier.markStale(['AuthorMetrics:3'], now + 12_000, 5_000)).toBe(0);
  });
});
