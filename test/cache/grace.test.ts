import { afterEach, describe, expect, it, vi } from 'vitest';
import { schema } from '../../src/graphql/schema.js';
import { collectCachePolicy } from '../../src/response-cache/policy.js';
import { shortenedAtRandom } from '../../src/response-cache/use-response-cache.js';
import { counter, listeningTestApp, post, publishedPost } from './helpers.js';

const app = listeningTestApp();

// Post and Query.post only: the shortest TTL it meets is Post's.
const READ = 'query GraceRead($id: ID!) { post(id: $id) { id content } }';
const responseCachePolicy = collectCachePolicy(schema);
const TTL_MS = responseCachePolicy.ttlMs.Post!;
const GRACE_MS = responseCachePolicy.graceMs;
// Each TTL is cut by up to this much at random (ResponseCachePolicy.ttlJitter).
const SHORTEST_TTL_MS = TTL_MS * (1 - responseCachePolicy.ttlJitter);
const rawId = (globalId: string) => Buffer.from(globalId, 'base64').toString().split(':')[1]!;

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('an answer past its TTL', () => {
  it('is served within the grace while its first reader has it re-executed, and expires for good after it', async () => {
    const { t, url } = app;
    const { id } = await publishedPost(t, 'The first version of a post edited behind the API');
    // Only the clock moves: timers stay real, so the server keeps working as it would. It starts a
    // second on, or the publish's eviction could share the first read's millisecond and refuse its answer.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 1_000 });
    // Stored with its whole TTL: a TTL cut by the jitter's full 10% (30 s of 5 min) would leave no grace after TTL_MS.
    const noJitter = vi.spyOn(Math, 'random').mockReturnValue(0);
    expect((await post(url, READ, { id })).headers.get('x-cache')).toBe('MISS');
    noJitter.mockRestore();
    // A change that bypasses the API: nothing is invalidated, only the TTL bounds how stale the answer gets.
    await t.app.db.prisma.post.update({ where: { id: rawId(id) }, data: { content: 'The second version' } });

    const storedAt = Date.now();
    vi.setSystemTime(storedAt + SHORTEST_TTL_MS - 1_000);
    const fresh = await post(url, READ, { id });
    expect(fresh.headers.get('x-cache')).toBe('HIT');
    expect(fresh.json.data.post.content).toBe('The first version of a post edited behind the API');

    vi.setSystemTime(storedAt + TTL_MS + 1_000);
    const misses = await counter(t, 'miss', 'GraceRead');
    const stale = await post(url, READ, { id });
    expect(stale.headers.get('x-cache')).toBe('HIT');
    expect(stale.json.data.post.content).toBe('The first version of a post edited behind the API');
    // Re-executed in the background: a later reader gets the current answer, still from the cache.
    await expect.poll(async () => (await post(url, READ, { id })).json.data.post.content, { timeout: 5_000, interval: 20 }).toBe('The second version');
    const refreshed = await post(url, READ, { id });
    expect(refreshed.headers.get('x-cache')).toBe('HIT');
    expect((await counter(t, 'miss', 'GraceRead')) - misses).toBe(0);

    // Nobody reads it for a whole TTL and grace: it is gone, and the next reader waits for a new answer.
    vi.setSystemTime(Date.now() + TTL_MS + GRACE_MS + 1_000);
    expect((await post(url, READ, { id })).headers.get('x-cache')).toBe('MISS');
  });
});

describe('TTLs', () => {
  it('are shortened at random by up to the jitter, so answers stored together do not go stale together', () => {
    expect(shortenedAtRandom(30_000, 0.1, () => 0)).toBe(30_000);
    expect(shortenedAtRandom(30_000, 0.1, () => 0.999_999)).toBe(27_000);
    const ttls = Array.from({ length: 200 }, () => shortenedAtRandom(30_000, 0.1));
    expect(Math.min(...ttls)).toBeGreaterThanOrEqual(27_000);
    expect(Math.max(...ttls)).toBeLessThanOrEqual(30_000);
    expect(new Set(ttls.map((ttl) => Math.floor(ttl / 500))).size).toBeGreaterThanOrEqual(5);
  });
});
