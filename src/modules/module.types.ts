import type { Config, SwitchableFeature } from '../config.js';
import type { Database } from '../infra/db/database.js';
import type { Logger } from '../infra/logger.js';
import type { Metrics } from '../infra/metrics.js';
import type { QueueFactory } from '../infra/queue/job-queue.js';
import type { RedisConnections } from '../infra/redis.js';
import type { ResponseCacheInvalidator } from '../response-cache/invalidator.js';
import type { LivePubSub } from './topics.types.js';

/** What every module is built from: the runtime's infrastructure. */
export interface ModuleDeps {
  config: Config;
  db: Database;
  logger: Logger;
  metrics: Metrics;
  pubsub: LivePubSub;
  /** Response cache invalidation, for every service that writes what queries read. */
  cache: ResponseCacheInvalidator;
  queues: QueueFactory;
  /** Redis, when configured (REDIS_URL). */
  redis?: RedisConnections;
  /** An API process (`npm start`) or a queue worker (`npm run worker`). */
  role: 'api' | 'worker';
}

/** Work a module runs in the background (queue workers, sweeps), started and stopped by the runtime. */
export interface Background {
  start(): Promise<void> | void;
  /** Stops taking new work and waits for what is under way, before the queues and the database close. */
  stop(): Promise<void> | void;
}

/** The one shape of every module: its services, its background work if any, and what it must release. */
export interface Module<S extends object> {
  services: S;
  background?: Background;
  /** The feature switch this module's background work belongs to: switched off, it does not start. */
  feature?: SwitchableFeature;
  /** Releases the module's own connections, after every background has stopped and the queues closed. */
  close?(): Promise<void>;
}
