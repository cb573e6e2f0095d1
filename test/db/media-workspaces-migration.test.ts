import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationSql, type Scratch, scratchDatabase } from '../helpers/scratch-database.js';

const MIGRATION = '20261206002543_media_in_workspaces_and_posts';

/**
 * Two uploaders as the previous schema held them: user 1 from before workspaces (their personal
 * workspace has their own id) and user 2 signed up since (a personal workspace of its own id, and the
 * OWNER of a shared one too), each with media; and a post of each attachment kind there was.
 */
const FILL = `
INSERT INTO users (id, email, password_hash, name, updated_at) VALUES
  ('00000000-0000-4000-8000-000000000001', 'old@example.com', 'h', 'Old', now()),
  ('00000000-0000-4000-8000-000000000002', 'new@example.com', 'h', 'New', now());
INSERT INTO workspaces (id, name, personal, updated_at) VALUES
  ('00000000-0000-4000-8000-000000000001', 'Personal', true, now()),
  ('00000000-0000-4000-8000-0000000000a2', 'Personal', true, now()),
  ('00000000-0000-4000-8000-0000000000b2', 'Agency', false, now());
INSERT INTO workspace_members (workspace_id, user_id, role) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000001', 'OWNER'),
  ('00000000-0000-4000-8000-0000000000b2', '00000000-0000-4000-8000-000000000002', 'OWNER'),
  ('00000000-0000-4000-8000-0000000000a2', '00000000-0000-4000-8000-000000000002', 'OWNER'),
  ('00000000-0000-4000-8000-0000000000b2', '00000000-0000-4000-8000-000000000001', 'EDITOR');
INSERT INTO media (id, owner_id, kind, status, storage_key, content_type, bytes)
SELECT ('00000000-0000-4000-9000-00000000000' || n)::uuid, ('00000000-0000-4000-8000-00000000000' || (1 + n % 2))::uuid,
       'IMAGE', 'READY', 'media/k' || n, 'image/png', 100
  FROM generate_series(1, 4) AS n;
INSERT INTO posts (id, author_id, workspace_id, content, analysis, updated_at) VALUES
  ('00000000-0000-4000-a000-000000000001', '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000001', 'a', '{}', now()),
  ('00000000-0000-4000-a000-000000000002', '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000001', 'b', '{}', now());
INSERT INTO post_attachments (post_id, kind, article_url) VALUES ('00000000-0000-4000-a000-000000000001', 'ARTICLE', 'https://example.com/');
INSERT INTO post_attachments (post_id, kind, poll_question, poll_options, poll_duration_days)
VALUES ('00000000-0000-4000-a000-000000000002', 'POLL', 'Q?', ARRAY['a', 'b'], 3);
`;

describe(`the ${MIGRATION} migration`, () => {
  let db: Scratch;
  beforeAll(async () => {
    db = await scratchDatabase();
    const { sql, index } = await migrationSql(MIGRATION);
    expect(index).toBeGreaterThan(0);
    for (let i = 0; i < index; i++) await db.exec(sql[i]!);
    await db.exec(FILL);
    await db.exec(sql[index]!);
  }, 120_000);
  afterAll(() => db?.close());

  it("moves each media into its uploader's personal workspace, whatever that workspace's id, and keeps its uploader", async () => {
    expect(await db.rows('SELECT id::text, owner_id::text AS owner, workspace_id::text AS workspace FROM media ORDER BY id')).toEqual([
      { id: '00000000-0000-4000-9000-000000000001', owner: '00000000-0000-4000-8000-000000000002', workspace: '00000000-0000-4000-8000-0000000000a2' },
      { id: '00000000-0000-4000-9000-000000000002', owner: '00000000-0000-4000-8000-000000000001', workspace: '00000000-0000-4000-8000-000000000001' },
      { id: '00000000-0000-4000-9000-000000000003', owner: '00000000-0000-4000-8000-000000000002', workspace: '00000000-0000-4000-8000-0000000000a2' },
      { id: '00000000-0000-4000-9000-000000000004', owner: '00000000-0000-4000-8000-000000000001', workspace: '00000000-0000-4000-8000-000000000001' },
    ]);
  });

  it('keeps the article and poll rows, and holds the media kinds to their own columns', async () => {
    expect(await db.rows('SELECT kind::text FROM post_attachments ORDER BY post_id')).toEqual([{ kind: 'ARTICLE' }, { kind: 'POLL' }]);
    await db.exec(
      `UPDATE post_attachments SET kind = 'MEDIA', article_url = NULL, media_title = 'Deck' WHERE post_id = '00000000-0000-4000-a000-000000000001'`,
    );
    await db.exec(
      `INSERT INTO post_attachment_media (post_id, position, media_id) VALUES ('00000000-0000-4000-a000-000000000001', 0, '00000000-0000-4000-9000-000000000002')`,
    );
    await expect(
      db.exec(`UPDATE post_attachments SET article_url = 'https://example.com/' WHERE post_id = '00000000-0000-4000-a000-000000000001'`),
    ).rejects.toThrow(/post_attachments_kind_fields/);
    await expect(db.exec(`UPDATE post_attachments SET kind = 'MULTI_IMAGE' WHERE post_id = '00000000-0000-4000-a000-000000000001'`)).rejects.toThrow(
      /post_attachments_kind_fields/,
    );
    await expect(db.exec(`DELETE FROM media WHERE id = '00000000-0000-4000-9000-000000000002'`)).rejects.toThrow(/post_attachment_media_media_id_fkey/);
    // Deleting the workspace takes its posts and media together (NO ACTION is checked at the statement's end).
    await db.exec(`DELETE FROM workspaces WHERE id = '00000000-0000-4000-8000-000000000001'`);
    expect(await db.rows('SELECT count(*)::int AS n FROM media')).toEqual([{ n: 2 }]);
  });
});
