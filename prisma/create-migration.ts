/**
 * `npm run db:migration -- <name>`: writes the SQL that takes the existing migrations to
 * schema.prisma as a new migration, offline. The existing migrations are replayed into a
 * throw-away in-memory PGlite and the schema engine diffs that database against the schema.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { MIGRATIONS_DIR } from '../src/infra/db/migrations.js';
import { applyMigrations, diffDatabaseToSchema } from '../src/infra/db/migrator.js';

const name = (process.argv[2] ?? '').replace(/[^a-z0-9_]+/gi, '_').toLowerCase();
if (!name) {
  console.error('usage: npm run db:migration -- <name>');
  process.exit(2);
}

const scratch = new PrismaPGlite(new PGlite());
await applyMigrations(scratch);
const sql = await diffDatabaseToSchema(scratch);
if (!sql.trim() || sql.trim() === '-- This is an empty migration.') {
  console.log('schema.prisma matches the migrations: nothing to create.');
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const folder = join(MIGRATIONS_DIR, `${stamp}_${name}`);
await mkdir(folder, { recursive: true });
await writeFile(join(folder, 'migration.sql'), sql);
await writeFile(join(MIGRATIONS_DIR, 'migration_lock.toml'), 'provider = "postgresql"\n');
console.log(`created ${folder}/migration.sql`);
process.exit(0);
