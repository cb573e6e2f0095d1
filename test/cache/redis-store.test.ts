import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/infra/logger.js';
import { RedisResponseTier } from '../../src/response-cache/redis-tier.js';
import { ResponseStore } from '../../src/response-cache/response-store.js';
import { backend } from '../helpers/test-app.js';

const redisUrl = process.env.TEST_REDIS_URL;
const logger = createLogger({ level: 'silent', pretty: false });

describe.skipIf(backend === 'embedded' || !redisUrl)('response store in Redis', () => {
  const prefix = `${process.env.TEST_REDIS_PREFIX ?? 'lpa:test:'}store-${randomBytes(4).toString('hex')}:rc:`;
  let redis: Redis;
  const stores: { store: ResponseStore; close(): void }[] = [];

  async function openStore(now?: () => number) {
    const client = new Redis(redisUrl!);
    const subscriber = new Redis(redisUrl!);
    await Promise.all([new Promise((r) => client.once('ready', r)), new Promise((r) => subscriber.once('ready', r))]);
    const store = new ResponseStore({ maxEntries: 100, maxBytes: 1 << 20, logger, redis: { client, subscriber, prefix, localTtlMs: 30_000 }, now });
    const handle = { store, close: () => (client.disconnect(), subscriber.disconnect()) };
    stores.push(handle);
    return store;
  }

  beforeAll(() => {
    redis = new Redis(redisUrl!);
  });
  afterAll(async () => {
    for (const s of stores) s.close();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
    redis.disconnect();
  });

  it('gives responses and indexes the intended TTL in seconds (the plugin speaks milliseconds)', async () => {
    const store = await openStore();
    await store.set('ttl', { body: '{"data":{}}', entities: ['Post:ttl'], expiresAt: Date.now() + 90_000 }, Date.now());
    const ttl = await redis.ttl(`${prefix}r5:ttl`);
    const pttl = await redis.pttl(`${prefix}r5:ttl`);
    expect(ttl).toBeGreaterThan(80);
    expect(ttl).toBeLessThanOrEqual(90);
    expect(pttl).toBeLessThanOrEqual(90_000);
    // The index outlives its responses, by at most half their TTL.
    const indexTtl = await redis.ttl(`${prefix}e:Post:ttl`);
    expect(indexTtl).toBeGreaterThanOrEqual(ttl);
    expect(indexTtl).toBeLessThanOrEqual(135);
  });

  it('keeps every index alive at least as long as its longest-lived response', async () => {
    const store = await openStore();
    const now = Date.now();
    const index = `${prefix}e:Post:mixed`;
    await store.set('mixed-short', { body: '{}', entities: ['Post:mixed'], expiresAt: now + 10_000 }, now);
    expect(await redis.ttl(index)).toBeGreaterThanOrEqual(10);
    await store.set('mixed-long', { body: '{}', entities: ['Post:mixed'], expiresAt: now + 100_000 }, now);
    expect(await redis.ttl(index)).toBeGreaterThanOrEqual(await redis.ttl(`${prefix}r5:mixed-long`));
    await store.set('mixed-brief', { body: '{}', entities: ['Post:mixed'], expiresAt: now + 5_000 }, now);
    expect(await redis.ttl(index)).toBeGreaterThanOrEqual(await redis.ttl(`${prefix}r5:mixed-long`));
    expect(await redis.zcard(index)).toBe(3);
  });

  it('trims expired members from entity indexes so they stay as small as the live responses', async () => {
    let clock = Date.now();
    const store = await openStore(() => clock);
    for (let i = 0; i < 50; i++) {
      await store.set(`short-${i}`, { body: '{}', entities: ['Post:hot'], expiresAt: clock + 1000 }, clock);
    }
    expect(await redis.zcard(`${prefix}e:Post:hot`)).toBe(50);
    clock += 5000;
    await store.set('fresh', { body: '{}', entities: ['Post:hot'], expiresAt: clock + 60_000 }, clock);
    expect(await redis.zrange(`${prefix}e:Post:hot`, 0, -1)).toEqual([`${prefix}r5:fresh`]);
  });

  it('invalidates through the indexes without ever sending KEYS', async () => {
    const store = await openStore();
    const other = await openStore();
    const monitor = await redis.duplicate().monitor();
    const commands: string[] = [];
    monitor.on('monitor', (_time: string, args: string[]) => commands.push(String(args[0]).toLowerCase()));
    const now = Date.now();
    await store.set('a', { body: '{"a":1}', entities: ['Post:x', 'User:y'], expiresAt: now + 60_000 }, now);
    await store.set('b', { body: '{"b":1}', entities: ['Post:z'], expiresAt: now + 60_000 }, now);
    expect((await other.get('a'))?.body).toBe('{"a":1}');
    await store.invalidate(['Post:x']);
    // Gone from Redis at once; from the other instance's memory as soon as the announcement arrives.
    expect(await redis.exists(`${prefix}r5:a`)).toBe(0);
    for (let i = 0; i < 100 && (await other.get('a')); i++) await new Promise((r) => setTimeout(r, 10));
    expect(await other.get('a')).toBeUndefined();
    expect((await other.get('b'))?.body).toBe('{"b":1}');
    expect(await redis.exists(`${prefix}r5:a`, `${prefix}e:Post:x`)).toBe(0);
    await monitor.disconnect();
    expect(commands).toContain('unlink');
    expect(commands).not.toContain('keys');
  });

  it('does not store a response whose entity was invalidated after its execution began', async () => {
    const store = await openStore();
    const other = await openStore();
    const startedAt = Date.now();
    await other.invalidate(['Post:raced']);
    await store.set('raced', { body: '{}', entities: ['Post:raced'], expiresAt: Date.now() + 60_000 }, startedAt);
    expect(await redis.exists(`${prefix}r5:raced`)).toBe(0);
    expect(await store.get('raced')).toBeUndefined();
  });

  it('drops only the refused response in process when Redis refuses it, not everything sharing its tags', async () => {
    const store = await openStore();
    const now = Date.now();
    await store.set('neighbour', { body: '{}', entities: ['Post', 'Post:neighbour'], expiresAt: now + 60_000 }, now);
    // A change Redis knows about but this instance has not heard of (its announcement still on the way).
    await new RedisResponseTier(redis, prefix).invalidate(['Post:refused'], Date.now());
    await store.set('refused', { body: '{}', entities: ['Post', 'Post:refused'], expiresAt: now + 60_000 }, now);
    expect(store.peek('refused')).toBeUndefined();
    expect(store.peek('neighbour')).toBeDefined();
  });

  it('keeps a response a lagging change marked stale, on every instance, for at most the lag', async () => {
    let clock = Date.now();
    const store = await openStore(() => clock);
    const other = await openStore(() => clock);
    await store.set('lagging', { body: '{"n":1}', entities: ['PostMetrics:lag'], expiresAt: clock + 60_000 }, clock);
    expect((await other.get('lagging'))?.staleSince).toBeUndefined();
    await store.markStale(['PostMetrics:lag'], 5_000);
    const shared = await redis.get(`${prefix}r5:lagging`);
    expect(shared?.split('\n').slice(0, 2)).toEqual([String(clock + 5_000), String(clock)]);
    expect(await redis.pttl(`${prefix}r5:lagging`)).toBeLessThanOrEqual(5_000);
    for (let i = 0; i < 100 && (await other.get('lagging'))?.staleSince === undefined; i++) await new Promise((r) => setTimeout(r, 10));
    expect(await other.get('lagging')).toMatchObject({ body: '{"n":1}', staleSince: clock, expiresAt: clock + 5_000 });
    // An answer computed before the change is not stored after it; one computed after it is, fresh.
    await store.set('lagging', { body: '{"n":1}', entities: ['PostMetrics:lag'], expiresAt: clock + 60_000 }, clock - 1);
    expect((await store.get('lagging'))?.staleSince).toBe(clock);
    clock += 1;
    await store.set('lagging', { body: '{"n":2}', entities: ['PostMetrics:lag'], expiresAt: clock + 60_000 }, clock);
    expect((await redis.get(`${prefix}r5:lagging`))?.split('\n')[1]).toBe('');
    // The other instance's own stale copy lapses within the lag; then it reads the fresh one.
    clock += 6_000;
    expect(await other.get('lagging')).toMatchObject({ body: '{"n":2}' });
    await store.markStale(['PostMetrics:lag'], 5_000);
    for (let i = 0; i < 100 && (await other.get('lagging'))?.staleSince === undefined; i++) await new Promise((r) => setTimeout(r, 10));
    clock += 5_000;
    expect(await store.get('lagging')).toBeUndefined();
    expect(await other.get('lagging')).toBeUndefined();
  });

  it('marks a response whose TTL is still ahead when a lagging change comes, and ends one in its grace within the lag', async () => {
    let clock = Date.now();
    const store = await openStore(() => clock);
    // Fresh for 10 s, then served stale for a 30 s grace (see ResponseCachePolicy.graceMs).
    const graced = (body: string) => ({ body, entities: ['PostMetrics:grace'], expiresAt: clock + 40_000, staleSince: clock + 10_000 });
    await store.set('graced', graced('{"n":1}'), clock);
    expect((await redis.get(`${prefix}r5:graced`))?.split('\n').slice(0, 2)).toEqual([String(clock + 40_000), String(clock + 10_000)]);
    await store.markStale(['PostMetrics:grace'], 5_000);
    expect((await redis.get(`${prefix}r5:graced`))?.split('\n').slice(0, 2)).toEqual([String(clock + 5_000), String(clock)]);
    // Past its TTL it is stale already: a change keeps its mark but still ends it within the lag.
    clock += 1;
    const storedAt = clock;
    await store.set('graced', graced('{"n":2}'), storedAt);
    clock += 11_000;
    await store.markStale(['PostMetrics:grace'], 5_000);
    expect((await redis.get(`${prefix}r5:graced`))?.split('\n').slice(0, 2)).toEqual([String(clock + 5_000), String(storedAt + 10_000)]);
    expect(await redis.pttl(`${prefix}r5:graced`)).toBeLessThanOrEqual(5_000);
  });
});
