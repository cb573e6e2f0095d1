import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeId } from '../../src/graphql/global-id.js';
import { CreatePostDocument, DeletePostDocument, RecordEngagementsDocument } from '../generated/graphql.js';
import { lockWaiters } from '../helpers/postgres.js';
import { backend, createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let author: { token: string; id: string };

beforeAll(async () => {
  t = await createTestApp();
  author = await t.signUp('Deleter');
});
afterAll(() => t?.close());

async function draft(content = `To be deleted ${Math.random()}`) {
  const { data, errors } = await t.gql(CreatePostDocument, { input: { content } }, { token: author.token });
  expect(errors).toBeUndefined();
  return data!.createPost.id;
}

const HOUR = 3600_000;
const events = (postId: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({ postId, type: 'IMPRESSION' as const, count: 1, at: new Date(Date.now() - (i % 3) * HOUR).toISOString() }));

/** Rows in every table with a post_id column that still name the post: found from the catalog, so a new table is covered too. */
async function rowsReferring(postId: string): Promise<Record<string, number>> {
  const prisma = t.app.db.prisma;
  const tables = await prisma.$queryRawUnsafe<{ table_name: string }[]>(
    `SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'post_id' ORDER BY table_name`,
  );
  const counts: Record<string, number> = {};
  for (const { table_name } of tables) {
    const [row] = await prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "${table_name}" WHERE post_id = $1::uuid`, postId);
    counts[table_name] = Number(row!.n);
  }
  return counts;
}

describe('deletePost', () => {
  it('leaves nothing that refers to the post: events, hourly roll-ups, totals, attempts; a generation job forgets it', async () => {
    const postId = await draft();
    const id = decodeId(postId).id;
    const recorded = await t.gql(RecordEngagementsDocument, { events: events(postId, 6) }, { token: author.token });
    expect(recorded.data?.recordEngagements).toBe(6);
    const prisma = t.app.db.prisma;
    await prisma.publishAttempt.create({ data: { postId: id, number: 1, idempotencyKey: `${id}:0:1`, outcome: 'FAILED', durationMs: 1 } });
    const job = await prisma.generationJob.create({
      data: {
        userId: decodeId(author.id).id,
        workspaceId: await t.app.services.workspaces.personalWorkspaceId(decodeId(author.id).id),
        topic: 'deletion',
        tone: 'CASUAL',
        input: {},
        status: 'SUCCEEDED',
        postId: id,
      },
    });
    const before = await rowsReferring(id);
    expect(before).toMatchObject({ engagement_events: 6, post_metrics_hourly: 3, post_totals: 1, publish_attempts: 1, generation_jobs: 1 });

    const deleted = await t.gql(DeletePostDocument, { id: postId }, { token: author.token });
    expect(deleted.errors).toBeUndefined();
    expect(await rowsReferring(id)).toEqual(Object.fromEntries(Object.keys(before).map((table) => [table, 0])));
    expect(await prisma.generationJob.findUniqueOrThrow({ where: { id: job.id }, select: { postId: true } })).toEqual({ postId: null });
  });

  // A second connection holds the post's deletion open while the ingest statement runs into it.
  it.skipIf(backend === 'embedded')('an ingest racing the deletion of its post answers BAD_USER_INPUT and stores nothing', async () => {
    const postId = await draft();
    const deleting = new pg.Client({ connectionString: t.env.DATABASE_URL });
    await deleting.connect();
    try {
      await deleting.query('BEGIN');
      await deleting.query('DELETE FROM posts WHERE id = $1', [decodeId(postId).id]);
      const ingest = t.gql(RecordEngagementsDocument, { events: events(postId, 3) }, { token: author.token });
      await lockWaiters(deleting, 1);
      await deleting.query('COMMIT');
      const answer = await ingest;
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [0, 1, 2].map((i) => ({ path: `events.${i}.postId` })) });
    } finally {
      await deleting.end();
    }
    expect(await t.app.db.prisma.engagementEvent.count({ where: { postId: decodeId(postId).id } })).toBe(0);
  });
});
