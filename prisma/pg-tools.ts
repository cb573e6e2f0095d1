/** What `db:backup` and `db:restore` share: the database URL they work on and running PostgreSQL's own tools. */
import { spawn } from 'node:child_process';

/** The database URL of a command: `--database-url`, else DATABASE_URL; the embedded database has no pg_dump. */
export function databaseUrlOf(flag: string | undefined): string {
  const url = flag ?? process.env.DATABASE_URL;
  if (!url) {
    throw new Error(
      'DATABASE_URL is not set (or pass --database-url): backup and restore work on PostgreSQL. ' +
        'The embedded database is a directory (DATA_DIR): copy it while the server is stopped.',
    );
  }
  return url;
}

/** The same server's URL with another database in its path. */
export function withDatabase(url: string, database: string): string {
  const target = new URL(url);
  target.pathname = `/${encodeURIComponent(database)}`;
  return target.toString();
}

/** Runs one of PostgreSQL's client tools (pg_dump, pg_restore) from PATH; rejects with its stderr when it fails. */
export function runPgTool(tool: 'pg_dump' | 'pg_restore', args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new Error(`${tool} is not installed (Debian: apt-get install postgresql-client)`) : error),
    );
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${tool} exited with ${code}: ${stderr.trim()}`))));
  });
}
