import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminUrl, databaseName } from '../helpers/postgres.js';
import { backend, createTestApp, type TestApp } from '../helpers/test-app.js';

const run = promisify(execFile);
const tsx = (script: string, args: string[]) => run(process.execPath, ['--import', 'tsx', script, ...args], { encoding: 'utf8' });

/** Every table of the public schema with its row count. */
async function rowCounts(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
    const counts: Record<string, number> = {};
    for (const { tablename } of rows) {
      const result = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "public"."${tablename}"`);
      counts[tablename] = result.rows[0]!.n;
    }
    return counts;
  } finally {
    await client.end();
  }
}

const withDatabase = (url: string, database: string) => Object.assign(new URL(url), { pathname: `/${database}` }).toString();

describe.skipIf(backend !== 'postgres')('npm run db:backup / db:restore', () => {
  let t: TestApp;
  let dir: string;
  let sourceUrl: string;
  let restored: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lpa-backup-'));
    t = await createTestApp();
    sourceUrl = t.env.DATABASE_URL!;
    restored = `${databaseName(sourceUrl)}_restored_${randomBytes(4).toString('hex')}`;
    for (const name of ['Backup One', 'Backup Two']) {
      const user = await t.signUp(name);
      for (let i = 0; i < 3; i++) {
        const created = await t.gql<{ createPost: { id: string } }>(
          'mutation ($input: CreatePostInput!) { createPost(input: $input) { id } }',
          { input: { content: `Backups are only real once restored, lesson ${i} from ${name}.`, hashtags: ['ops'] } },
          { token: user.token },
        );
        const postId = created.data!.createPost.id;
        const recorded = await t.gql(
          'mutation ($events: [EngagementInput!]!) { recordEngagements(events: $events) }',
          {
            events: [
              { postId, type: 'IMPRESSION', count: 10 },
              { postId, type: 'REACTION' },
            ],
          },
          { token: user.token },
        );
        expect(recorded.errors).toBeUndefined();
      }
    }
    // Nothing writes once the API has stopped (roll-ups, session reads), so the counts below hold still.
    await t.app.stop();
  });

  afterAll(async () => {
    if (!t) return;
    const admin = new pg.Client({ connectionString: adminUrl(sourceUrl) });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${restored}" WITH (FORCE)`);
    await admin.end();
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('restores a dump into a new database with the same rows in every table', async () => {
    const dump = join(dir, 'lpa.dump');
    await tsx('prisma/backup.ts', ['--out', dump, '--database-url', sourceUrl]);
    await tsx('prisma/restore.ts', ['--in', dump, '--database', restored, '--database-url', sourceUrl]);

    const source = await rowCounts(sourceUrl);
    expect(source.users).toBe(2);
    expect(source.posts).toBe(6);
    expect(source.engagement_events).toBe(12);
    expect(source.sessions).toBe(2);
    expect(Object.keys(source).length).toBeGreaterThan(10);
    expect(await rowCounts(withDatabase(sourceUrl, restored))).toEqual(source);
  });

  it('refuses to restore over a database that exists, and leaves it as it was', async () => {
    const dump = join(dir, 'again.dump');
    await tsx('prisma/backup.ts', ['--out', dump, '--database-url', sourceUrl]);
    const before = await rowCounts(sourceUrl);
    const refused = tsx('prisma/restore.ts', ['--in', dump, '--database', databaseName(sourceUrl), '--database-url', sourceUrl]);
    await expect(refused).rejects.toThrow(/already exists/);
    expect(await rowCounts(sourceUrl)).toEqual(before);
  });

  it('fails without a database to back up rather than writing an empty file', async () => {
    const env = { ...process.env, DATABASE_URL: '' };
    const refused = run(process.execPath, ['--import', 'tsx', 'prisma/backup.ts', '--out', join(dir, 'none.dump')], { env });
    await expect(refused).rejects.toThrow(/DATABASE_URL is not set/);
  });
});
