import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MigrationList } from '@prisma/schema-engine-wasm/schema_engine_bg';

/** prisma/ at the repository root, found by walking up so it works from src/ and from dist/src/. */
const PRISMA_DIR = findPrismaDir(fileURLToPath(new URL('.', import.meta.url)));

function findPrismaDir(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'prisma', 'schema.prisma'))) return join(dir, 'prisma');
  }
  throw new Error(`prisma/schema.prisma not found above ${from}`);
}

export const MIGRATIONS_DIR = join(PRISMA_DIR, 'migrations');
const SCHEMA_PATH = join(PRISMA_DIR, 'schema.prisma');

export const readDatamodel = () => readFile(SCHEMA_PATH, 'utf8');

/** The migrations folder in the shape the schema engine expects (Prisma's own layout). */
export async function readMigrations(dir = MIGRATIONS_DIR): Promise<MigrationList> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const folders = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const lockPath = join(dir, 'migration_lock.toml');
  return {
    baseDir: dir,
    lockfile: { path: 'migration_lock.toml', content: await readFile(lockPath, 'utf8').catch(() => null) },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      folders.map(async (folder) => ({
        path: folder,
        migrationFile: {
          path: 'migration.sql',
          content: await readFile(join(dir, folder, 'migration.sql'), 'utf8').then(
            (sql) => ({ tag: 'ok' as const, value: sql }),
            (error: Error) => ({ tag: 'error' as const, value: error.message }),
          ),
        },
      })),
    ),
  };
}
