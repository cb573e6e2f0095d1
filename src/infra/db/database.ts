import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../../generated/prisma/client.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { createDatabaseAvailability, type DatabaseAvailability } from './availability.js';
import { createStatementNamer } from './statement-names.js';

export type { PrismaClient };

export interface DatabaseConfig {
  url?: string;
  poolMax: number;
  /** A pooled connection older than this is closed once idle and replaced (0: kept for ever). */
  poolMaxLifetimeSeconds: number;
  /** Distinct SQL texts run as named prepared statements (0: none). */
  preparedStatements: number;
  connectTimeoutMs: number;
  statementTimeoutMs: number;
  /** Where the embedded database lives when there is no url; `memory://` keeps it in RAM. */
  dataDir: string;
}

export interface QueryEvent {
  sql: string;
  durationMs: number;
}

export interface Database {
  readonly kind: 'postgres' | 'embedded';
  readonly prisma: PrismaClient;
  readonly adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  /** The pg pool behind Prisma on PostgreSQL, for pool metrics. */
  readonly pool?: pg.Pool;
  /** Whether PostgreSQL can be reached (the embedded database always can). */
  readonly availability?: DatabaseAvailability;
  /** Every SQL statement Prisma sends goes through these listeners (metrics, tests counting statements). */
  onQuery(listener: (event: QueryEvent) => void): () => void;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A dump of an already-migrated embedded database to start from (tests use it to skip initdb). */
  embeddedSnapshot?: Blob;
  /** Where PostgreSQL's availability is shown (`lpa_database_up`). */
  metrics?: Pick<Metrics, 'databaseUp' | 'databaseOutages'>;
}

/** How Prisma's error events name the server's error code, e.g. Code: `57P01`. */
const SQLSTATE_IN_MESSAGE = /Code: `(\w{5})`/;

export function createDatabase(config: DatabaseConfig, logger: Logger, options: DatabaseOptions = {}): Database {
  const listeners = new Set<(event: QueryEvent) => void>();
  const { adapterFactory, pool, availability, closeDriver } = config.url
    ? postgres(config, logger, options.metrics)
    : embedded(config.dataDir, options.embeddedSnapshot);
  if (!availability) options.metrics?.databaseUp.set(1);
  const prisma = new PrismaClient({
    adapter: adapterFactory,
    // A transaction waits for a pooled connection as long as a single query does (Prisma's default is 2 s).
    transactionOptions: { maxWait: config.connectTimeoutMs },
    log: [
      { emit: 'event', level: 'query' },
      { emit: 'event', level: 'warn' },
      { emit: 'event', level: 'error' },
    ],
  });
  prisma.$on('query', (e) => {
    for (const listener of listeners) listener({ sql: e.query, durationMs: e.duration });
  });
  prisma.$on('warn', (e) => logger.warn({ target: e.target }, e.message));
  prisma.$on('error', (e) => {
    // A query cut off by the server going away (its SQLSTATE is all the event carries) starts an
    // outage; while PostgreSQL is unreachable every failed query says so again, and the outage was logged once.
    const code = SQLSTATE_IN_MESSAGE.exec(e.message)?.[1];
    if (code) availability?.failed({ code });
    if (availability?.up === false) logger.debug({ target: e.target }, e.message);
    else logger.error({ target: e.target }, e.message);
  });

  return {
    kind: config.url ? 'postgres' : 'embedded',
    prisma,
    adapterFactory,
    pool,
    availability,
    onQuery(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async ping() {
      await prisma.$queryRaw`SELECT 1`;
    },
    async close() {
      await prisma.$disconnect();
      await closeDriver();
    },
  };
}

function postgres(config: DatabaseConfig, logger: Logger, metrics?: DatabaseOptions['metrics']) {
  const pool = new pg.Pool({
    connectionString: config.url,
    max: config.poolMax,
    // Recycling spreads connections again after a failover or a PgBouncer/load-balancer change, and
    // bounds the memory a long-lived backend accumulates.
    maxLifetimeSeconds: config.poolMaxLifetimeSeconds,
    connectionTimeoutMillis: config.connectTimeoutMs,
    statement_timeout: config.statementTimeoutMs,
    idleTimeoutMillis: 30_000,
    application_name: 'linkedin-posts-api',
  });
  const availability = createDatabaseAvailability(
    logger,
    async () => {
      const client = await pool.connect();
      client.release();
    },
    metrics,
  );
  // Every query and transaction takes its connection here, so their outcomes tell whether PostgreSQL
  // can be reached (pool.query calls this too).
  const connect = pool.connect.bind(pool) as (callback: (error: Error | undefined, client?: pg.PoolClient, done?: (release?: unknown) => void) => void) => void;
  pool.connect = ((callback?: (error: Error | undefined, client?: pg.PoolClient, done?: (release?: unknown) => void) => void) => {
    const settle = (error: Error | undefined) => (error ? availability.failed(error) : availability.connected());
    if (callback) {
      connect((error, client, done) => {
        settle(error);
        callback(error, client, done);
      });
      return undefined;
    }
    return new Promise<pg.PoolClient>((resolve, reject) =>
      connect((error, client) => {
        settle(error);
        if (error) reject(error);
        else resolve(client!);
      }),
    );
  }) as typeof pool.connect;
  // An idle client losing its connection (server restart) must not crash the process; whether the
  // server is gone shows at the next connection, logged once per outage.
  pool.on('error', (error) => logger.debug({ err: error }, 'idle database connection lost'));
  return {
    adapterFactory: new PrismaPg(
      pool,
      config.preparedStatements > 0 ? { statementNameGenerator: createStatementNamer(config.preparedStatements) as (query: { sql: string }) => string } : {},
    ) as SqlMigrationAwareDriverAdapterFactory,
    pool,
    availability,
    closeDriver: () => {
      availability.close();
      return pool.end();
    },
  };
}

function embedded(dataDir: string, snapshot?: Blob) {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const pglite = new PGlite(dataDir, snapshot ? { loadDataDir: snapshot } : {});
  return {
    adapterFactory: new PrismaPGlite(pglite) as SqlMigrationAwareDriverAdapterFactory,
    pool: undefined,
    availability: undefined,
    closeDriver: () => pglite.close(),
  };
}
