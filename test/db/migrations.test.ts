import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMigrations } from '../../src/infra/db/migrations.js';
import { applyMigrations, diffDatabaseToSchema } from '../../src/infra/db/migrator.js';
import { splitSqlStatements } from '../../src/infra/db/sql-script.js';
import { personalWorkspaceOfNewUser } from '../../src/modules/workspaces/workspaces.service.js';
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

  it('delete the engagement a deleted post left behind before its foreign keys hold, and keep the rest', async () => {
    const prisma = t.app.db.prisma;
    const { migrationDirectories } = await readMigrations();
    const migration = migrationDirectories.find((m) => m.path.endsWith('_engagement_foreign_keys'))!.migrationFile.content;
    if (migration.tag !== 'ok') throw new Error(migration.value);
    const user = await prisma.user.create({ data: { email: 'orphans@example.com', passwordHash: 'x', name: 'Orphans', ...personalWorkspaceOfNewUser() } });
    const post = await prisma.post.create({
      data: { authorId: user.id, workspaceId: await t.app.services.workspaces.personalWorkspaceId(user.id), content: 'kept', analysis: {} },
    });
    const gone = '00000000-0000-4000-8000-000000000001';
    // The database as it was before the migration: no constraints, rows of a post deleted long ago.
    await prisma.$executeRawUnsafe('ALTER TABLE engagement_events DROP CONSTRAINT engagement_events_post_id_fkey');
    await prisma.$executeRawUnsafe('ALTER TABLE post_metrics_hourly DROP CONSTRAINT post_metrics_hourly_post_id_fkey');
    for (const postId of [post.id, gone]) {
      await prisma.$executeRawUnsafe(`INSERT INTO engagement_events (post_id, type, count, occurred_at) VALUES ($1::uuid, 'CLICK', 1, now())`, postId);
      await prisma.$executeRawUnsafe(`INSERT INTO post_metrics_hourly (post_id, bucket, clicks) VALUES ($1::uuid, date_trunc('hour', now()), 1)`, postId);
    }
    for (const sql of splitSqlStatements(migration.value)) await prisma.$executeRawUnsafe(sql);

    const left = await prisma.$queryRawUnsafe<{ post_id: string }[]>(
      'SELECT post_id::text FROM engagement_events UNION ALL SELECT post_id::text FROM post_metrics_hourly',
    );
    expect(left).toEqual([{ post_id: post.id }, { post_id: post.id }]);
    const constraints = await prisma.$queryRawUnsafe<{ conname: string; convalidated: boolean }[]>(
      `SELECT conname, convalidated FROM pg_constraint WHERE conname LIKE '%_post_id_fkey' AND conrelid::regclass::text IN ('engagement_events', 'post_metrics_hourly') ORDER BY 1`,
    );
    expect(constraints).toEqual([
      { conname: 'engagement_events_post_id_fkey', convalidated: true },
      { conname: 'post_metrics_hourly_post_id_fkey', convalidated: true },
    ]);
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
