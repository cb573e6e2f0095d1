import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';

export interface RedisConfig {
  url: string;
  prefix: string;
}

export interface RedisConnections {
  readonly config: RedisConfig;
  /** A new connection, reconnecting by itself, whose state counts towards `healthy`. */
  open(role: string, options?: RedisOptions): Redis;
  /** False from the first connection lost until every one is back. */
  readonly healthy: boolean;
  /** Disconnects every connection opened (owners usually close theirs first). */
  closeAll(): void;
}

/**
 * Every Redis connection of a process, opened with the same failure behaviour: commands fail fast
 * while Redis is down (rejected instead of queueing behind a dead socket; callers degrade) and the
 * connection comes back by itself. An outage is logged once, with its end, however many
 * connections and calls it hits; `lpa_redis_up` shows it and `lpa_redis_outages_total` counts them.
 */
/**
 * A connect timeout whose timer ran this much past its deadline says nothing about Redis: the event
 * loop was stalled (CPU starvation, a long synchronous start-up step), and the connection's answer may
 * be waiting unread behind the timer. ioredis tries again by itself; only a timeout that fired on time
 * (or any other error) is an outage.
 */
const LATE_TIMER_MS = 200;
const DEFAULT_CONNECT_TIMEOUT_MS = 2000;

const isConnectTimeout = (error: Error) =>
  (error as { code?: string; syscall?: string }).code === 'ETIMEDOUT' && (error as { syscall?: string }).syscall === 'connect';

export function createRedisConnections(config: RedisConfig, logger: Logger, metrics?: Pick<Metrics, 'redisUp' | 'redisOutages'>): RedisConnections {
  const clients = new Set<Redis>();
  const down = new Set<Redis>();
  let outageStarted: number | undefined;
  metrics?.redisUp.set(1);

  const lost = (client: Redis, role: string, error?: Error) => {
    if (down.has(client)) return;
    down.add(client);
    if (outageStarted !== undefined) return;
    outageStarted = Date.now();
    metrics?.redisUp.set(0);
    metrics?.redisOutages.inc();
    logger.warn(
      { err: error, role },
      'Redis unreachable: serving from the in-process cache, live events reach this instance only, queued work waits, rate limits count per instance',
    );
  };
  const regained = (client: Redis) => {
    if (!down.delete(client) || down.size > 0 || outageStarted === undefined) return;
    logger.info({ downMs: Date.now() - outageStarted }, 'Redis reachable again');
    outageStarted = undefined;
    metrics?.redisUp.set(1);
  };

  return {
    config,
    open(role, options = {}) {
      const client = new Redis(config.url, {
        connectionName: `linkedin-posts-api:${role}`,
        enableOfflineQueue: true,
        maxRetriesPerRequest: 1,
        connectTimeout: DEFAULT_CONNECT_TIMEOUT_MS,
        retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
        ...options,
      });
      clients.add(client);
      const connectTimeoutMs = client.options.connectTimeout ?? DEFAULT_CONNECT_TIMEOUT_MS;
      let connectingAt = performance.now();
      let stalledAttempt = false;
      client.on('connecting', () => (connectingAt = performance.now()));
      client.on('error', (error: Error) => {
        if (isConnectTimeout(error) && performance.now() - connectingAt > connectTimeoutMs + LATE_TIMER_MS) {
          stalledAttempt = true;
          logger.debug({ err: error, role }, 'Redis connect timed out while the event loop was stalled; trying again');
          return;
        }
        lost(client, role, error);
      });
      // Emitted only when the connection was lost, not when its owner closed it.
      client.on('reconnecting', () => {
        if (stalledAttempt) stalledAttempt = false;
        else lost(client, role);
      });
      client.on('ready', () => regained(client));
      client.on('end', () => {
        clients.delete(client);
        regained(client);
      });
      return client;
    },
    get healthy() {
      return outageStarted === undefined;
    },
    closeAll() {
      for (const client of clients) client.disconnect();
    },
  };
}
