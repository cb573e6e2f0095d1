import diagnostics from 'node:diagnostics_channel';
import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { createRedisConnections } from '../../src/infra/redis.js';
import { freePort } from '../helpers/free-port.js';
import { capturedLogger } from '../helpers/log-lines.js';
import { backend, createTestApp } from '../helpers/test-app.js';

const redisUrl = process.env.TEST_REDIS_URL;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const busy = (ms: number) => {
  const until = Date.now() + ms;
  while (Date.now() < until);
};

/**
 * A CPU-starved start: the event loop stalls for `ms` as soon as `client`'s socket has its connect
 * timer (before the loop could read the connection's answer), as when start-up work hogs a loaded machine.
 */
function stallWhileConnecting(client: Redis, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const onSocket = ({ socket }: { socket: { timeout?: number } }) => {
      // ioredis sets the timer a few promise reactions after creating the socket.
      const stallOnceTimed = (hops: number) => {
        if (socket.timeout === undefined && hops > 0) return queueMicrotask(() => stallOnceTimed(hops - 1));
        if (socket !== client.stream) return;
        diagnostics.unsubscribe('net.client.socket', onSocket as (message: unknown) => void);
        busy(ms);
        resolve();
      };
      stallOnceTimed(20);
    };
    diagnostics.subscribe('net.client.socket', onSocket as (message: unknown) => void);
  });
}

/** A healthy start says nothing alarming: no "Redis unreachable" while the connections are still coming up. */
describe.skipIf(backend !== 'postgres' || !redisUrl)('starting with Redis', () => {
  it('warns about nothing, through the warm-up and the first requests', async () => {
    const { logger, lines } = capturedLogger('warn');
    const t = await createTestApp({ app: { logger } });
    try {
      for (let i = 0; i < 5; i++) expect((await t.gql('{ posts(first: 1) { totalCount } }')).status).toBe(200);
      expect(lines).toEqual([]);
    } finally {
      await t.close();
    }
  });
});

describe.skipIf(!redisUrl)('Redis connections at start', () => {
  it('take a connect timeout behind a stalled event loop for no outage', async () => {
    const { logger, lines } = capturedLogger('debug');
    const connections = createRedisConnections({ url: redisUrl!, prefix: 'lpa:start:' }, logger);
    const client = connections.open('starved');
    try {
      await stallWhileConnecting(client, 3000);
      await new Promise((resolve) => client.once('ready', resolve));
      expect(lines.map((l) => l.msg)).toContain('Redis connect timed out while the event loop was stalled; trying again');
      expect(lines.filter((l) => l.level !== 'debug')).toEqual([]);
      expect(connections.healthy).toBe(true);
    } finally {
      connections.closeAll();
    }
  }, 30_000);

  it('still warn, once, when nothing answers', async () => {
    const { logger, lines } = capturedLogger('warn');
    const connections = createRedisConnections({ url: `redis://127.0.0.1:${await freePort()}`, prefix: 'lpa:start:' }, logger);
    connections.open('one');
    connections.open('two');
    try {
      for (let i = 0; i < 200 && lines.length === 0; i++) await sleep(25);
      await sleep(1000);
      expect(lines.map((l) => [l.level, l.msg])).toEqual([
        [
          'warn',
          'Redis unreachable: serving from the in-process cache, live events reach this instance only, queued work waits, rate limits count per instance',
        ],
      ]);
      expect(connections.healthy).toBe(false);
    } finally {
      connections.closeAll();
    }
  });
});
