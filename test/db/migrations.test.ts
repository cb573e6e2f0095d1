import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffDatabaseToSchema } from '../../src/infra/db/migrator.js';
import { readMigrations } from '../../src/infra/db/migrations.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

describe('migrations', () => {
  it('leave the database exactly as schema.prisma describes it (no drift)', async () => {
    const sql = await diffDatabaseToSchema(t.app.db.adapterFactory);
    expect(sql.replace(/^--.*$/gm, '').trim()).toBe('');
  });

  it('are all recorded in Prisma\'s migration table', async () => {
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
    const triggers = await t.app.db.prisma.$queryRawUnsafe<{ tgname: string }[]>(
      `SELECT tgname FROM pg_trigger WHERE tgname = 'posts_search_vector'`,
    );
    expect(triggers).toHaveLength(1);
  });
});
