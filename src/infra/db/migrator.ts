import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { readDatamodel, readMigrations } from './migrations.js';
import { withSchemaEngine } from './schema-engine.js';

const NO_FILTERS = { externalTables: [], externalEnums: [] };

/**
 * Applies pending SQL migrations from prisma/migrations, recording them in Prisma's own
 * `_prisma_migrations` table, so `prisma migrate deploy` agrees with what ran here.
 */
export async function applyMigrations(adapterFactory: SqlMigrationAwareDriverAdapterFactory): Promise<string[]> {
  const migrationsList = await readMigrations();
  return withSchemaEngine(await readDatamodel(), adapterFactory, async (engine) => {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: NO_FILTERS });
    return appliedMigrationNames;
  });
}

/**
 * SQL that would bring the database behind `adapterFactory` to schema.prisma; empty when
 * they agree. Used to create new migrations and to prove the migrations have no drift.
 */
export async function diffDatabaseToSchema(adapterFactory: SqlMigrationAwareDriverAdapterFactory): Promise<string> {
  const datamodel = await readDatamodel();
  return withSchemaEngine(datamodel, adapterFactory, async (engine) => {
    const captured = await engine.diff({
      from: { tag: 'schemaDatasource', files: [{ path: 'schema.prisma', content: datamodel }], configDir: '.' },
      to: { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: datamodel }] },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    return captured.stdout ?? '';
  });
}
