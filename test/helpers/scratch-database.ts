import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { readMigrations } from '../../src/infra/db/migrations.js';
import { adminUrl, databaseName } from './postgres.js';
import { backend } from './test-app.js';

/** For tests of one migration's data changes: a database to replay migrations into. */
export interface Scratch {
  exec(sql: string): Promise<void>;
  rows(sql: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/** An empty database of the backend under test, dropped afterwards. */
export async function scratchDatabase(): Promise<Scratch> {
  if (backend === 'embedded') {
    const pglite = new PGlite();
    return {
      exec: async (sql) => void (await pglite.exec(sql)),
      rows: async (sql) => (await pglite.query<Record<string, unknown>>(sql)).rows,
      close: () => pglite.close(),
    };
  }
  const base = process.env.TEST_DATABASE_URL as string;
  const name = `${databaseName(base)}_mig_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl(base) });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  return {
    exec: async (sql) => void (await client.query(sql)),
    rows: async (sql) => (await client.query(sql)).rows,
    close: async () => {
      await client.end();
      await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
      await admin.end();
    },
  };
}

/** The SQL of every migration in order, and the index of `name` among them. */
export async function migrationSql(name: string): Promise<{ sql: string[]; index: number }> {
  const { migrationDirectories } = await readMigrations();
  const sql = migrationDirectories.map((migration) => {
    const file = migration.migrationFile.content;
    if (file.tag !== 'ok') throw new Error(file.value);
    return file.value;
  });
  return { sql, index: migrationDirectories.findIndex((m) => m.path === name) };
}
