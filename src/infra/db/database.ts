import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../../generated/prisma/client.js';
import type { Logger } from '../logger.js';
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
  /** Every SQL statement Prisma sends goes through these listeners (metrics, tests counting statements). */
  onQuery(listener: (event: QueryEvent) => void): () => void;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A dump of an already-migrated embedded database to start from (tests use it to skip initdb). */
  embeddedSnapshot?: Blob;
}

export function createDatabase(config: DatabaseConfig, logger: Logger, options: DatabaseOptions = {}): Database {
  const listeners = new Set<(event: QueryEvent) => void>();
  const { adapterFactory, pool, closeDriver } = config.url ? postgres(config, logger) : embedded(config.dataDir, options.embeddedSnapshot);
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
  prisma.$on('error', (e) => logger.error({ target: e.target }, e.message));

  return {
    kind: config.url ? 'postgres' : 'embedded',
    prisma,
    adapterFactory,
    pool,
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

function postgres(config: DatabaseConfig, logger: Logger) {
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
  // An idle client losing its connection (server restart) must not crash the process.
  pool.on('error', (error) => logger.warn({ err: error }, 'idle database connection lost'));
  return {
    adapterFactory: new PrismaPg(
      pool,
      config.preparedStatements > 0 ? { statementNameGenerator: createStatementNamer(config.preparedStatements) as (query: { sql: string }) => string } : {},
    ) as SqlMigrationAwareDriverAdapterFactory,
    pool,
    closeDriver: () => pool.end(),
  };
}

function embedded(dataDir: string, snapshot?: Blob) {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const pglite = new PGlite(dataDir, snapshot ? { loadDataDir: snapshot } : {});
  return {
    adapterFactory: new PrismaPGlite(pglite) as SqlMigrationAwareDriverAdapterFactory,
    pool: undefined,
    closeDriver: () => pglite.close(),
  };
}
