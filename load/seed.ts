import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { analyzeText } from '../src/modules/analysis/analysis.service.js';
import { hashPassword } from '../src/modules/users/password.js';
import { postContent, seededRandom, userProfile } from './content.js';

export interface DatasetSpec {
  database: string;
  users: number;
  posts: number;
  events: number;
  /** A shared workspace of the first `members` users (bench.user0…), holding `posts` posts of its own besides `posts` above. */
  team: { members: number; posts: number };
}

/** The team workspace's id: fixed, so the bench finds it without asking. */
export const TEAM_WORKSPACE_ID = '00000000-0000-4000-8000-000000007ea3';

/** Every seeded user has this password, hashed once and shared by all rows. */
export const BENCH_PASSWORD = 'bench-password-1234';
const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const DAY_MS = 24 * 3600 * 1000;
const POST_BATCH = 5000;
const CONTENT_POOL = 10_000;
/**
 * How the seeded database is used, recorded with its spec: since layout 2 it is a template that no
 * run writes to (see `freshCopy`), so a database seeded before, which runs grew, is seeded again.
 */
const DATASET_LAYOUT = 2;

function databaseUrl(database: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A fingerprint of the migrations, so a dataset seeded on an older schema is rebuilt. */
async function migrationsFingerprint(root: string): Promise<string> {
  const dir = join(root, 'prisma', 'migrations');
  const hash = createHash('sha256');
  for (const name of (await readdir(dir)).sort()) {
    if (name.endsWith('.toml')) continue;
    hash.update(name).update(await readFile(join(dir, name, 'migration.sql')));
  }
  return hash.digest('hex').slice(0, 16);
}

function runMigrations(root: string, url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'db:migrate'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`npm run db:migrate exited with ${code}`))));
  });
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const markerOf = (spec: DatasetSpec) => JSON.stringify({ ...spec, layout: DATASET_LAYOUT });

async function isSeeded(spec: DatasetSpec, fingerprint: string): Promise<boolean> {
  const exists = await withClient(PG_ADMIN_URL, async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [spec.database])).rowCount === 1);
  if (!exists) return false;
  return withClient(databaseUrl(spec.database), async (c) => {
    const table = await c.query(`SELECT to_regclass('public.bench_dataset') AS t`);
    if (!table.rows[0].t) return false;
    const marker = await c.query('SELECT 1 FROM bench_dataset WHERE spec = $1::jsonb AND migrations = $2', [markerOf(spec), fingerprint]);
    return marker.rowCount === 1;
  });
}

/**
 * The database a run measures on: a copy of the seeded one, so every run starts from the same rows. Named after this
 * process, so two runs on one machine (an A/B in one checkout, a full run in another) never drop each other's copy.
 */
const runDatabaseOf = (spec: DatasetSpec) => `${spec.database}_run_${process.pid}`;

/**
 * Copies the seeded database into the run's own (dropping copies left by runs whose process is gone), and returns
 * its URL. Runs write (ingest, new posts, their roll-ups): on one shared database each run measured a bigger
 * dataset than the last. A file copy of about a gigabyte takes seconds.
 */
export async function freshCopy(spec: DatasetSpec): Promise<string> {
  const name = runDatabaseOf(spec);
  await withClient(PG_ADMIN_URL, async (c) => {
    const copies = await c.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${spec.database}\\_run%`]);
    for (const { datname } of copies.rows) {
      if (datname === name || !isLeftOver(datname.slice(`${spec.database}_run`.length))) continue;
      await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${name}" TEMPLATE "${spec.database}" STRATEGY FILE_COPY`);
  });
  return databaseUrl(name);
}

/** A copy's suffix names the process that made it ("_<pid>"; none before copies were named): left over once that process is gone. */
function isLeftOver(suffix: string): boolean {
  if (suffix === '') return true;
  const pid = Number(suffix.slice(1));
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

export async function dropCopy(spec: DatasetSpec): Promise<void> {
  await withClient(PG_ADMIN_URL, (c) => c.query(`DROP DATABASE IF EXISTS "${runDatabaseOf(spec)}" WITH (FORCE)`));
}

async function recreateDatabase(name: string): Promise<void> {
  await withClient(PG_ADMIN_URL, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${name}"`);
  });
}

async function insertUsers(c: pg.Client, spec: DatasetSpec, now: number): Promise<string[]> {
  const random = seededRandom(1);
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const ids: string[] = [];
  const emails: string[] = [];
  const names: string[] = [];
  const headlines: (string | null)[] = [];
  const created: string[] = [];
  for (let i = 0; i < spec.users; i++) {
    const profile = userProfile(i, random);
    ids.push(randomUUID());
    emails.push(profile.email);
    names.push(profile.name);
    headlines.push(profile.headline);
    created.push(new Date(now - (120 + random() * 600) * DAY_MS).toISOString());
  }
  await c.query(
    `INSERT INTO users (id, email, password_hash, name, headline, created_at, updated_at)
     SELECT id, email, $6, name, headline, created_at, created_at
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[]) AS u(id, email, name, headline, created_at)`,
    [ids, emails, names, headlines, created, passwordHash],
  );
  // Each user's personal workspace, as sign-up makes it (its id is the user's, as the workspaces migration gives existing users).
  await c.query(`INSERT INTO workspaces (id, name, personal, created_at, updated_at) SELECT id, 'Personal', true, created_at, created_at FROM users`);
  await c.query(`INSERT INTO workspace_members (workspace_id, user_id, role, created_at) SELECT id, id, 'OWNER', created_at FROM users`);
  return ids;
}

function postStatus(r: number): string {
  if (r < 0.85) return 'PUBLISHED';
  if (r < 0.93) return 'DRAFT';
  if (r < 0.96) return 'SCHEDULED';
  if (r < 0.99) return 'ARCHIVED';
  return 'FAILED';
}

/**
 * Distinct texts with their analysis. The analyser costs a few milliseconds a post, so posts draw their
 * text from this pool (each text is shared by about ten posts of different authors and dates) to keep
 * seeding within minutes while every stored analysis is the real one for its text.
 */
function contentPool(size: number) {
  const random = seededRandom(2);
  return Array.from({ length: size }, () => {
    const post = postContent(random);
    return { ...post, hashtagsLiteral: `{${post.hashtags.join(',')}}`, analysis: JSON.stringify(analyzeText(post.content, { hashtags: post.hashtags })) };
  });
}

type ContentPool = ReturnType<typeof contentPool>;

/** `count` posts by `authors` (the first ones write most), in each author's personal workspace or in `workspaceId`. */
async function insertPosts(
  c: pg.Client,
  { count, authors, workspaceId, pool, random }: { count: number; authors: string[]; workspaceId?: string; pool: ContentPool; random: () => number },
  now: number,
): Promise<void> {
  for (let start = 0; start < count; start += POST_BATCH) {
    const cols = {
      id: [] as string[],
      author: [] as string[],
      content: [] as string[],
      hashtags: [] as string[],
      tone: [] as string[],
      status: [] as string[],
      created: [] as string[],
      published: [] as (string | null)[],
      scheduled: [] as (string | null)[],
      analysis: [] as string[],
    };
    for (let i = start; i < Math.min(count, start + POST_BATCH); i++) {
      const post = pool[i % pool.length]!;
      const status = postStatus(random());
      const createdAt = now - random() * 90 * DAY_MS;
      cols.id.push(randomUUID());
      cols.author.push(authors[Math.floor(random() ** 1.5 * authors.length)]!);
      cols.content.push(post.content);
      cols.hashtags.push(post.hashtagsLiteral);
      cols.tone.push(post.tone);
      cols.status.push(status);
      cols.created.push(new Date(createdAt).toISOString());
      cols.published.push(status === 'PUBLISHED' || status === 'ARCHIVED' ? new Date(createdAt + random() * 3600_000).toISOString() : null);
      cols.scheduled.push(status === 'SCHEDULED' ? new Date(now + random() * 14 * DAY_MS).toISOString() : null);
      cols.analysis.push(post.analysis);
    }
    await c.query(
      `INSERT INTO posts (id, author_id, workspace_id, content, hashtags, tone, visibility, status, created_at, updated_at, published_at, scheduled_at, analysis)
       SELECT id, author_id, coalesce($11::uuid, author_id), content, hashtags::text[], tone::"PostTone",
              CASE WHEN random() < 0.9 THEN 'PUBLIC' ELSE 'CONNECTIONS' END::"PostVisibility",
              status::"PostStatus", created_at, created_at, published_at, scheduled_at, analysis::jsonb
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::timestamptz[], $9::timestamptz[], $10::text[])
         AS p(id, author_id, content, hashtags, tone, status, created_at, published_at, scheduled_at, analysis)`,
      [
        cols.id,
        cols.author,
        cols.content,
        cols.hashtags,
        cols.tone,
        cols.status,
        cols.created,
        cols.published,
        cols.scheduled,
        cols.analysis,
        workspaceId ?? null,
      ],
    );
  }
}

/** Roles of the team's members in turn: an OWNER, then admins, editors and a few viewers, as a team has them. */
const TEAM_ROLES = ['OWNER', 'ADMIN', 'EDITOR', 'EDITOR', 'VIEWER'] as const;

/** The team workspace (issue "Teams": its feed keeps its two SQL statements a page at 10,000 posts and 20 members). */
async function insertTeam(c: pg.Client, spec: DatasetSpec, userIds: string[], pool: ContentPool, now: number): Promise<void> {
  const members = userIds.slice(0, spec.team.members);
  await c.query(`INSERT INTO workspaces (id, name, personal, created_at, updated_at) VALUES ($1, 'Team', false, $2, $2)`, [
    TEAM_WORKSPACE_ID,
    new Date(now - 100 * DAY_MS).toISOString(),
  ]);
  await c.query(
    `INSERT INTO workspace_members (workspace_id, user_id, role, created_at)
     SELECT $1, user_id, role::"WorkspaceRole", $4 FROM unnest($2::uuid[], $3::text[]) AS m(user_id, role)`,
    [TEAM_WORKSPACE_ID, members, members.map((_, i) => TEAM_ROLES[i % TEAM_ROLES.length]), new Date(now - 100 * DAY_MS).toISOString()],
  );
  await insertPosts(c, { count: spec.team.posts, authors: members, workspaceId: TEAM_WORKSPACE_ID, pool, random: seededRandom(5) }, now);
}

/** Engagement lands on published posts, popular posts get most of it, and decays over two weeks. */
async function insertEvents(c: pg.Client, spec: DatasetSpec): Promise<void> {
  await c.query(`CREATE TEMP TABLE bench_targets AS
    SELECT row_number() OVER (ORDER BY id) AS n, id, published_at FROM posts WHERE published_at IS NOT NULL`);
  const { rows } = await c.query('SELECT count(*)::int AS n FROM bench_targets');
  const targets = rows[0].n as number;
  await c.query(
    `INSERT INTO engagement_events (post_id, type, count, occurred_at, created_at)
     SELECT t.id,
            CASE WHEN e.kind < 0.70 THEN 'IMPRESSION' WHEN e.kind < 0.86 THEN 'REACTION' WHEN e.kind < 0.93 THEN 'CLICK'
                 WHEN e.kind < 0.98 THEN 'COMMENT' ELSE 'REPOST' END::"EngagementType",
            CASE WHEN e.kind < 0.70 THEN 1 + floor(e.size * 25)::int ELSE 1 END,
            least(now(), t.published_at + e.age * interval '14 days'),
            least(now(), t.published_at + e.age * interval '14 days')
     FROM (SELECT 1 + floor($2 * power(random(), 2))::bigint AS n, random() AS kind, random() AS size, power(random(), 3) AS age
           FROM generate_series(1, $1::int)) AS e
     JOIN bench_targets t ON t.n = e.n`,
    [spec.events, targets],
  );
}

/** Roll-ups aggregated from the raw events, so they agree exactly. */
async function rollUp(c: pg.Client): Promise<void> {
  const sum = (type: string) => `coalesce(sum(count) FILTER (WHERE type = '${type}'), 0)::int`;
  await c.query(`INSERT INTO post_metrics_hourly (post_id, bucket, impressions, reactions, comments, reposts, clicks)
    SELECT post_id, date_trunc('hour', occurred_at), ${sum('IMPRESSION')}, ${sum('REACTION')}, ${sum('COMMENT')}, ${sum('REPOST')}, ${sum('CLICK')}
    FROM engagement_events GROUP BY 1, 2`);
  const hasEngagements =
    (await c.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'post_totals' AND column_name = 'engagements'`)).rowCount === 1;
  await c.query(`INSERT INTO post_totals (post_id, impressions, reactions, comments, reposts, clicks${hasEngagements ? ', engagements' : ''})
    SELECT p.id, coalesce(sum(h.impressions), 0), coalesce(sum(h.reactions), 0), coalesce(sum(h.comments), 0),
           coalesce(sum(h.reposts), 0), coalesce(sum(h.clicks), 0)
           ${hasEngagements ? ', coalesce(sum(h.reactions + h.comments + h.reposts + h.clicks), 0)' : ''}
    FROM posts p LEFT JOIN post_metrics_hourly h ON h.post_id = p.id GROUP BY p.id`);
  await c.query('ANALYZE');
}

/**
 * Seeds the dataset once into its own database and reuses it while the spec and migrations are unchanged.
 * Runs measure a copy of it (`freshCopy`), never the seeded database itself.
 */
export async function ensureDataset(root: string, spec: DatasetSpec, log: (line: string) => void): Promise<void> {
  const url = databaseUrl(spec.database);
  const fingerprint = await migrationsFingerprint(root);
  if (await isSeeded(spec, fingerprint)) {
    log(`dataset ${spec.database} present, reusing it`);
    await runMigrations(root, url);
    return;
  }
  const started = Date.now();
  log(
    `seeding ${spec.database}: ${spec.users} users, ${spec.posts} posts, ${spec.events} events, a team of ${spec.team.members} with ${spec.team.posts} posts`,
  );
  await recreateDatabase(spec.database);
  await runMigrations(root, url);
  await withClient(url, async (c) => {
    const now = Date.now();
    const userIds = await insertUsers(c, spec, now);
    const pool = contentPool(Math.min(spec.posts, CONTENT_POOL));
    await insertPosts(c, { count: spec.posts, authors: userIds, pool, random: seededRandom(4) }, now);
    await insertTeam(c, spec, userIds, pool, now);
    log(`  users and posts in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await insertEvents(c, spec);
    await rollUp(c);
    await c.query('CREATE TABLE bench_dataset (spec jsonb NOT NULL, migrations text NOT NULL, seeded_at timestamptz NOT NULL DEFAULT now())');
    await c.query('INSERT INTO bench_dataset (spec, migrations) VALUES ($1::jsonb, $2)', [markerOf(spec), fingerprint]);
  });
  log(`  seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
