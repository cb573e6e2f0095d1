import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationSql, type Scratch, scratchDatabase } from '../helpers/scratch-database.js';

const WORKSPACES_MIGRATION = '20261205211403_workspaces';

/** Every table the schema had before workspaces, with the order its rows are compared in. */
const TABLES: Record<string, string> = {
  users: 'id',
  service_tokens: 'id',
  sessions: 'id',
  refresh_tokens: 'token_hash',
  revoked_sessions: 'session_id',
  posts: 'id',
  engagement_events: 'id',
  post_metrics_hourly: 'post_id, bucket',
  post_totals: 'post_id',
  generation_jobs: 'id',
  linkedin_accounts: 'id',
  linkedin_oauth_flows: 'id',
  publish_attempts: 'id',
};

/**
 * Data of every table as the previous schema held it: three users, posts in every status (with
 * engagement, roll-ups, totals and publishing attempts), generation jobs in every status (one wrote a
 * post), LinkedIn accounts, OAuth flows, sessions with refresh tokens, ended sessions, service tokens.
 */
const FILL = `
INSERT INTO users (id, email, password_hash, name, headline, role, created_at, updated_at)
SELECT ('00000000-0000-4000-8000-00000000000' || n)::uuid, 'user' || n || '@example.com', 'hash' || n, 'User ' || n,
       CASE WHEN n = 2 THEN NULL ELSE 'Headline ' || n END, CASE WHEN n = 1 THEN 'OWNER' ELSE 'USER' END::"UserRole",
       timestamptz '2026-01-01' + n * interval '1 day', timestamptz '2026-02-01'
  FROM generate_series(1, 3) AS n;

INSERT INTO posts (id, author_id, content, hashtags, tone, visibility, status, scheduled_at, published_at, created_at, updated_at, version,
                   analysis, linkedin_urn, publish_error, publish_attempt_count)
SELECT gen_random_uuid(), ('00000000-0000-4000-8000-00000000000' || (1 + n % 3))::uuid, 'Post number ' || n || ' about #growth',
       ARRAY['growth', 'tag' || n], (enum_range(NULL::"PostTone"))[1 + n % 6], (enum_range(NULL::"PostVisibility"))[1 + n % 2],
       (enum_range(NULL::"PostStatus"))[1 + n % 6],
       CASE WHEN n % 6 = 1 THEN timestamptz '2027-01-01' END, CASE WHEN n % 6 IN (3, 5) THEN timestamptz '2026-03-01' END,
       timestamptz '2026-02-01' + n * interval '1 minute', timestamptz '2026-02-02', 1 + n % 4,
       jsonb_build_object('language', 'en', 'n', n), CASE WHEN n % 6 = 3 THEN 'urn:li:share:' || n END,
       CASE WHEN n % 6 = 4 THEN 'LinkedIn said no' END, n % 3
  FROM generate_series(1, 36) AS n;

INSERT INTO post_totals (post_id, impressions, reactions, comments, reposts, clicks, engagements)
SELECT id, 100, 3, 2, 1, 4, 10 FROM posts;

INSERT INTO engagement_events (post_id, type, count, occurred_at, event_id)
SELECT p.id, (enum_range(NULL::"EngagementType"))[1 + k % 5], k, timestamptz '2026-03-01' + k * interval '1 hour', CASE WHEN k % 2 = 0 THEN 'e' || k END
  FROM posts p CROSS JOIN generate_series(1, 4) AS k;

INSERT INTO post_metrics_hourly (post_id, bucket, impressions, reactions, comments, reposts, clicks)
SELECT p.id, timestamptz '2026-03-01' + k * interval '1 hour', 10 * k, k, 0, 0, k FROM posts p CROSS JOIN generate_series(1, 2) AS k;

INSERT INTO linkedin_accounts (id, user_id, urn, name, kind, access_token_encrypted, refresh_token_encrypted, scope, expires_at, status, updated_at)
SELECT gen_random_uuid(), u.id, 'urn:li:person:' || u.name, u.name, 'PERSON', 'cipher', NULL, 'w_member_social',
       timestamptz '2027-01-01', (enum_range(NULL::"LinkedInAccountStatus"))[1 + right(u.id::text, 1)::int % 3], timestamptz '2026-02-01'
  FROM users u;

UPDATE posts SET linkedin_account_id = a.id FROM linkedin_accounts a WHERE a.user_id = posts.author_id AND posts.status IN ('SCHEDULED', 'PUBLISHED');

INSERT INTO publish_attempts (id, post_id, number, idempotency_key, outcome, http_status, duration_ms)
SELECT gen_random_uuid(), id, 1, id || ':1', 'PUBLISHED', 201, 120 FROM posts WHERE status = 'PUBLISHED';

INSERT INTO generation_jobs (id, user_id, status, progress, topic, tone, input, output, post_id, attempts, failure_reason)
SELECT gen_random_uuid(), ('00000000-0000-4000-8000-00000000000' || (1 + n % 3))::uuid, (enum_range(NULL::"GenerationStatus"))[1 + n % 5],
       (n % 5) / 4.0, 'topic ' || n, 'CASUAL', jsonb_build_object('topic', 'topic ' || n), 'text ' || n,
       CASE WHEN n = 2 THEN (SELECT id FROM posts WHERE author_id = '00000000-0000-4000-8000-000000000003' ORDER BY created_at LIMIT 1) END,
       n % 3, CASE WHEN n % 5 = 3 THEN 'TIMEOUT'::"GenerationFailureReason" END
  FROM generate_series(1, 10) AS n;

INSERT INTO sessions (id, user_id, expires_at) SELECT gen_random_uuid(), id, timestamptz '2027-01-01' FROM users;
INSERT INTO refresh_tokens (token_hash, family_id, expires_at, used_at)
SELECT 'hash-' || s.id || '-' || k, s.id, timestamptz '2027-01-01', CASE WHEN k = 1 THEN timestamptz '2026-03-01' END
  FROM sessions s CROSS JOIN generate_series(1, 2) AS k;
INSERT INTO revoked_sessions (session_id, expires_at) SELECT gen_random_uuid(), timestamptz '2027-01-01' FROM generate_series(1, 2);
INSERT INTO service_tokens (id, name, scopes, token_hash, created_by_user_id, revoked_at)
VALUES (gen_random_uuid(), 'pipeline', ARRAY['ingest'], 'svc-hash-1', '00000000-0000-4000-8000-000000000001', NULL),
       (gen_random_uuid(), 'old', ARRAY['ingest'], 'svc-hash-2', NULL, timestamptz '2026-03-01');
INSERT INTO linkedin_oauth_flows (id, user_id, code_verifier, expires_at)
SELECT gen_random_uuid(), id, 'verifier', timestamptz '2027-01-01' FROM users WHERE name <> 'User 2';
`;

/** Every row of every table, as JSON text (so both drivers compare alike), without the columns the migration adds. */
async function snapshot(db: Scratch): Promise<Record<string, unknown[]>> {
  const tables: Record<string, unknown[]> = {};
  for (const [table, order] of Object.entries(TABLES)) {
    const rows = await db.rows(`SELECT (to_jsonb(t) - 'workspace_id')::text AS row FROM ${table} t ORDER BY ${order}`);
    tables[table] = rows.map((r) => JSON.parse(r.row as string));
  }
  return tables;
}

describe(`the ${WORKSPACES_MIGRATION} migration`, () => {
  let db: Scratch;
  let before: Record<string, unknown[]>;
  beforeAll(async () => {
    db = await scratchDatabase();
    const { sql, index } = await migrationSql(WORKSPACES_MIGRATION);
    expect(index).toBeGreaterThan(0);
    for (let i = 0; i < index; i++) await db.exec(sql[i]!);
    await db.exec(FILL);
    before = await snapshot(db);
    await db.exec(sql[index]!);
  }, 120_000);
  afterAll(() => db?.close());

  it('starts from data in every table', () => {
    for (const [table, rows] of Object.entries(before)) expect(rows.length, table).toBeGreaterThan(0);
    expect(new Set(before.posts!.map((p) => (p as { status: string }).status))).toEqual(
      new Set(['DRAFT', 'SCHEDULED', 'PUBLISHING', 'PUBLISHED', 'FAILED', 'ARCHIVED']),
    );
  });

  it('keeps every row of every table as it was', async () => {
    const after = await snapshot(db);
    for (const table of Object.keys(TABLES)) expect(after[table], table).toEqual(before[table]);
  });

  it('gives every user one personal workspace, which they own alone', async () => {
    const workspaces = await db.rows(`
      SELECT u.id AS "userId", count(w.id)::int AS personal, min(m.role::text) AS role, min(w.name) AS name,
             bool_and(w.created_at = u.created_at) AS "createdWithUser",
             (SELECT count(*)::int FROM workspace_members o WHERE o.workspace_id = min(w.id::text)::uuid) AS members
        FROM users u
        LEFT JOIN workspace_members m ON m.user_id = u.id
        LEFT JOIN workspaces w ON w.id = m.workspace_id AND w.personal
       GROUP BY u.id, u.created_at ORDER BY u.id`);
    expect(workspaces).toEqual(
      [1, 2, 3].map((n) => ({
        userId: `00000000-0000-4000-8000-00000000000${n}`,
        personal: 1,
        role: 'OWNER',
        name: 'Personal',
        createdWithUser: true,
        members: 1,
      })),
    );
    const [totals] = await db.rows(`SELECT (SELECT count(*)::int FROM workspaces) AS workspaces, (SELECT count(*)::int FROM workspace_members) AS members,
                                           (SELECT count(*)::int FROM workspace_invitations) AS invitations`);
    expect(totals).toEqual({ workspaces: 3, members: 3, invitations: 0 });
  });

  it("moves every post, generation job and LinkedIn account into its owner's personal workspace", async () => {
    const misplaced = await db.rows(`
      SELECT 'post' AS kind, p.id FROM posts p JOIN workspaces w ON w.id = p.workspace_id
        JOIN workspace_members m ON m.workspace_id = w.id WHERE NOT (w.personal AND m.user_id = p.author_id)
      UNION ALL
      SELECT 'job', j.id FROM generation_jobs j JOIN workspaces w ON w.id = j.workspace_id
        JOIN workspace_members m ON m.workspace_id = w.id WHERE NOT (w.personal AND m.user_id = j.user_id)
      UNION ALL
      SELECT 'account', a.id FROM linkedin_accounts a JOIN workspaces w ON w.id = a.workspace_id
        JOIN workspace_members m ON m.workspace_id = w.id WHERE NOT (w.personal AND m.user_id = a.user_id)`);
    expect(misplaced).toEqual([]);
    const [placed] = await db.rows(`
      SELECT (SELECT count(*)::int FROM posts p JOIN workspaces w ON w.id = p.workspace_id) AS posts,
             (SELECT count(*)::int FROM generation_jobs j JOIN workspaces w ON w.id = j.workspace_id) AS jobs,
             (SELECT count(*)::int FROM linkedin_accounts a JOIN workspaces w ON w.id = a.workspace_id) AS accounts`);
    expect(placed).toEqual({ posts: before.posts!.length, jobs: before.generation_jobs!.length, accounts: before.linkedin_accounts!.length });
  });

  it('leaves the workspace columns required', async () => {
    const columns = await db.rows(`
      SELECT table_name AS "table", is_nullable AS nullable FROM information_schema.columns
       WHERE column_name = 'workspace_id' AND table_name IN ('posts', 'generation_jobs', 'linkedin_accounts') ORDER BY 1`);
    expect(columns).toEqual([
      { table: 'generation_jobs', nullable: 'NO' },
      { table: 'linkedin_accounts', nullable: 'NO' },
      { table: 'posts', nullable: 'NO' },
    ]);
  });
});
