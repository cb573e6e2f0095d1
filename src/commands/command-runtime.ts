import { parseArgs } from 'node:util';
import { type Config, loadConfigOrExit } from '../config.js';
import { createDatabase, type Database } from '../infra/db/database.js';
import { applyMigrations } from '../infra/db/migrator.js';
import { createLogger, type Logger } from '../infra/logger.js';
import { isAppError } from '../shared/errors.js';

/** Flags an operator command takes, all strings (`--name value`). */
export type CommandFlags<K extends string> = Partial<Record<K, string>>;

/**
 * Runs an operator command against DATABASE_URL (or the embedded database, migrated like `npm start`
 * does; stop the server first: PGlite takes one process). Only what the command prints goes to stdout;
 * logs go to stderr. A mistake the operator can fix (usage, an unknown email) exits 2 with its message.
 */
export async function runCommand<K extends string>(
  usage: string,
  flags: readonly K[],
  body: (input: { flags: CommandFlags<K>; config: Config; db: Database; logger: Logger }) => Promise<void>,
): Promise<void> {
  let parsed: CommandFlags<K>;
  try {
    const { values } = parseArgs({ options: Object.fromEntries(flags.map((flag) => [flag, { type: 'string' as const }])), strict: true });
    parsed = values as CommandFlags<K>;
  } catch (error) {
    console.error(`${(error as Error).message}\nusage: ${usage}`);
    process.exit(2);
  }
  const config = loadConfigOrExit();
  const logger = createLogger({ ...config.log, pretty: false }, process.stderr);
  const db = createDatabase(config.database, logger);
  let mistake: string | undefined;
  try {
    if (db.kind === 'embedded') await applyMigrations(db.adapterFactory);
    await body({ flags: parsed, config, db, logger });
  } catch (error) {
    if (!isAppError(error)) throw error;
    mistake = error.message;
  } finally {
    await db.close();
  }
  if (mistake) {
    console.error(mistake);
    process.exit(2);
  }
}
