/** `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded database in DATA_DIR. */
import { loadConfig } from '../src/config.js';
import { createDatabase } from '../src/infra/db/database.js';
import { applyMigrations } from '../src/infra/db/migrator.js';
import { createLogger } from '../src/infra/logger.js';

const config = loadConfig();
const logger = createLogger(config.log);
// DDL changes what earlier statements would return: nothing here is worth preparing.
const db = createDatabase({ ...config.database, preparedStatements: 0 }, logger);
try {
  const applied = await applyMigrations(db.adapterFactory);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
} finally {
  await db.close();
}
