/**
 * `npm run db:backup -- --out <file> [--database-url <url>]`: a consistent snapshot of the PostgreSQL
 * database (DATABASE_URL by default) in pg_dump's custom format, which `npm run db:restore` reads.
 * Needs pg_dump of at least the server's major version on PATH.
 */
import { parseArgs } from 'node:util';
import { databaseUrlOf, runPgTool } from './pg-tools.js';

const { values } = parseArgs({ options: { out: { type: 'string' }, 'database-url': { type: 'string' } } });
if (!values.out) {
  console.error('usage: npm run db:backup -- --out <file> [--database-url <url>]');
  process.exit(2);
}
try {
  // Owners and grants belong to the server the dump came from; the restore gives everything to its own user.
  await runPgTool('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${values.out}`, `--dbname=${databaseUrlOf(values['database-url'])}`]);
  console.log(`backed up to ${values.out}`);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
