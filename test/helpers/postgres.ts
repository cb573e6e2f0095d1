import type pg from 'pg';
import { vi } from 'vitest';
import { createDatabase } from '../../src/infra/db/database.js';
import { applyMigrations } from '../../src/infra/db/migrator.js';
import { createLogger } from '../../src/infra/logger.js';

/** The maintenance database of the server behind `url`, where databases are created and dropped. */
export function adminUrl(url: string): string {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  return admin.toString();
}

export function databaseName(url: string): string {
  return new URL(url).pathname.slice(1);
}

export const templateDatabaseName = (url: string) => `${databaseName(url)}_template`;

/** Applies every migration to the database at `url` (a fresh cluster's, a template). */
export async function migrateDatabase(url: string): Promise<void> {
  const db = createDatabase(
    { url, poolMax: 1, poolMaxLifetimeSeconds: 0, preparedStatements: 0, connectTimeoutMs: 5000, statementTimeoutMs: 60_000, dataDir: '' },
    createLogger({ level: 'silent', pretty: false }),
  );
  try {
    await applyMigrations(db.adapterFactory);
  } finally {
    await db.close();
  }
}

/** Resolves once `count` statements in the database of `client` are waiting for a lock (one a test holds). */
export async function lockWaiters(client: pg.Client, count: number): Promise<void> {
  await vi.waitFor(async () => {
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
    if (rows[0].n < count) throw new Error(`${rows[0].n} of ${count} statements are waiting for the lock`);
  });
}
