import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMigrations } from '../../src/infra/db/migrations.js';
import { applyMigrations, diffDatabaseToSchema } from '../../src/infra/db/migrator.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const CATALOG = `
  SELECT 'column' AS kind, table_name || '.' || column_name AS name,
         data_type || '|' || is_nullable || '|' || coalesce(column_default, '') AS definition
    FROM information_schema.columns WHERE table_schema = 'public'
  UNION ALL
  SELECT 'index', indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'
  UNION ALL
  SELECT 'trigger', tgname, pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal
  ORDER BY 1, 2`;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

describe('migrations', () => {
  // The schema engine's introspection reads pg_catalog "char" columns that @prisma/adapter-pg cannot
  // decode, so drift is proven on PGlite and PostgreSQL is compared with PGlite catalog by catalog.
  it.skipIf(t?.backend === 'postgres' || process.env.TEST_BACKEND === 'postgres')(
    'leave the database exactly as schema.prisma describes it (no drift)',
    async () => {
      const sql = await diffDatabaseToSchema(t.app.db.adapterFactory);
      expect(sql.replace(/^--.*$/gm, '').trim()).toBe('');
    },
  );

  it.skipIf(process.env.TEST_BACKEND !== 'postgres')(
    'build the same tables, columns and indexes on PostgreSQL as on PGlite',
    async () => {
      const pglite = new PGlite();
      await applyMigrations(new PrismaPGlite(pglite));
      const onPglite = await pglite.query<Record<string, unknown>>(CATALOG);
      const onPostgres = await t.app.db.prisma.$queryRawUnsafe<Record<string, unknown>[]>(CATALOG);
      await pglite.close();
      expect(onPostgres).toEqual(onPglite.rows);
      expect(onPostgres.length).toBeGreaterThan(40);
    },
    180_000,
  );

  it("are all recorded in Prisma's migration table", async () => {
    const { migrationDirectories } = await readMigrations();
    const rows = await t.app.db.prisma.$queryRawUnsafe<{ migration_name: string }[]>(
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name',
    );
    expect(rows.map((r) => r.migration_name)).toEqual(migrationDirectories.map((m) => m.path));
  });

  it('maintain the full-text search vector with a trigger', async () => {
    const [row] = await t.app.db.prisma.$queryRawUnsafe<{ matches: boolean }[]>(
      `SELECT to_tsvector('english', 'Scaling databases') @@ websearch_to_tsquery('english', 'database') AS matches`,
    );
    expect(row?.matches).toBe(true);
    const triggers = await t.app.db.prisma.$queryRawUnsafe<{ tgname: string }[]>(`SELECT tgname FROM pg_trigger WHERE tgname = 'posts_search_vector'`);
    expect(triggers).toHaveLength(1);
  });
});
