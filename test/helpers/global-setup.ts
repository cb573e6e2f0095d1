import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { TestProject } from 'vitest/node';
import { applyMigrations } from '../../src/infra/db/migrator.js';
import { adminUrl, migrateDatabase, templateDatabaseName } from './postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    embeddedSnapshotPath: string;
    postgresTemplate: string;
  }
}

/** Migrates once per run: a PGlite snapshot to load, or a PostgreSQL template database to clone. */
export default async function setup(project: TestProject) {
  if (project.name === 'postgres') {
    const url = process.env.TEST_DATABASE_URL as string;
    const template = templateDatabaseName(url);
    const admin = new pg.Client({ connectionString: adminUrl(url) });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${template}"`);
    const target = new URL(url);
    target.pathname = `/${template}`;
    await migrateDatabase(target.toString());
    project.provide('postgresTemplate', template);
    project.provide('embeddedSnapshotPath', '');
    return async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
      await admin.end();
    };
  }
  const pglite = new PGlite();
  await applyMigrations(new PrismaPGlite(pglite));
  const path = join(tmpdir(), `lpa-test-${randomBytes(6).toString('hex')}.tar`);
  await writeFile(path, Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer()));
  await pglite.close();
  project.provide('embeddedSnapshotPath', path);
  project.provide('postgresTemplate', '');
  return () => rm(path, { force: true });
}
