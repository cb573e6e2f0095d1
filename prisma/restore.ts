/**
 * `npm run db:restore -- --in <file> --database <new name> [--database-url <url>]`: restores a
 * `db:backup` dump into a NEW database on the server of DATABASE_URL (or --database-url), which it
 * creates; it never writes into an existing one. Point DATABASE_URL at the new database to use it.
 * Needs pg_restore of at least the dump's pg_dump version on PATH.
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { databaseUrlOf, runPgTool, withDatabase } from './pg-tools.js';

const { values } = parseArgs({ options: { in: { type: 'string' }, database: { type: 'string' }, 'database-url': { type: 'string' } } });
const NAME = /^[a-z_][a-z0-9_]{0,62}$/;
if (!values.in || !values.database || !NAME.test(values.database)) {
  console.error('usage: npm run db:restore -- --in <file> --database <new database name: a-z, 0-9, _> [--database-url <url>]');
  process.exit(2);
}

const serverUrl = databaseUrlOf(values['database-url']);
const database = values.database;
const admin = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
await admin.connect();
try {
  // CREATE DATABASE fails when the name is taken, so an existing database is never restored over.
  await admin.query(`CREATE DATABASE "${database}"`);
  const target = withDatabase(serverUrl, database);
  try {
    await runPgTool('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${target}`, values.in]);
  } catch (error) {
    await admin.query(`DROP DATABASE IF EXISTS "${database}"`);
    throw error;
  }
  console.log(`restored ${values.in} into database ${database}`);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await admin.end();
}
