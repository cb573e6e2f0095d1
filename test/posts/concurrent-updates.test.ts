import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeId } from '../../src/graphql/global-id.js';
import { analyzeText } from '../../src/modules/analysis/analysis.service.js';
import { lockWaiters } from '../helpers/postgres.js';
import { backend, createTestApp, openSecondInstance, type TestApp } from '../helpers/test-app.js';

// On PostgreSQL the two edits of a post go to two instances, as behind a load balancer; the
// embedded database belongs to one process, so there both go to the same one.
let t: TestApp;
let other: Pick<TestApp, 'gql' | 'close'> | undefined;
let author: { token: string; id: string };

beforeAll(async () => {
  t = await createTestApp();
  if (backend === 'postgres') other = await openSecondInstance(t);
  author = await t.signUp('Editor');
});
afterAll(async () => {
  await other?.close();
  await t?.close();
});

const FIELDS = 'id content hashtags version';
const CREATE = `mutation ($input: CreatePostInput!) { createPost(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdatePostInput!) { updatePost(id: $id, input: $input) { ${FIELDS} } }`;

interface PostFields {
  id: string;
  content: string;
  hashtags: string[];
  version: number;
}

async function create(input: Record<string, unknown>): Promise<PostFields> {
  const { data, errors } = await t.gql<{ createPost: PostFields }>(CREATE, { input }, { token: author.token });
  expect(errors).toBeUndefined();
  return data!.createPost;
}

const update = (id: string, input: Record<string, unknown>, on: Pick<TestApp, 'gql'> = t) =>
  on.gql<{ updatePost: PostFields }>(UPDATE, { id, input }, { token: author.token });

describe('concurrent edits of one post', () => {
  it('a content edit and a hashtag edit racing on two instances leave hashtags and analysis matching the content, every time', async () => {
    const posts: PostFields[] = [];
    // Four waves of ten posts: every edit races the other edit of its post, and no request waits
    // out the connection pool's timeout on a test machine with two shared cores.
    for (let wave = 0; wave < 4; wave++) {
      const batch = await Promise.all(
        Array.from({ length: 10 }, (_, k) => create({ content: `Draft ${wave * 10 + k} about #old${wave * 10 + k}`, hashtags: ['keep'] })),
      );
      const answers = await Promise.all(
        batch.flatMap(({ id }, k) => [
          update(id, { content: `Rewritten ${wave * 10 + k}: now about #fresh${wave * 10 + k} and #shared` }),
          update(id, { hashtags: [`given${wave * 10 + k}`] }, other ?? t),
        ]),
      );
      expect(answers.flatMap((a) => a.errors ?? [])).toEqual([]);
      posts.push(...batch);
    }

    const rows = await t.app.db.prisma.post.findMany({ where: { id: { in: posts.map((p) => decodeId(p.id).id) } } });
    const byId = new Map(rows.map((row) => [row.id, row]));
    const inconsistent = posts.flatMap(({ id }, i) => {
      const row = byId.get(decodeId(id).id)!;
      const hashtags = [`given${i}`, `fresh${i}`, 'shared'];
      const consistent =
        row.content === `Rewritten ${i}: now about #fresh${i} and #shared` &&
        JSON.stringify(row.hashtags) === JSON.stringify(hashtags) &&
        isDeepStrictEqual(row.analysis, JSON.parse(JSON.stringify(analyzeText(row.content, { hashtags })))) &&
        row.version === 3;
      return consistent ? [] : [{ i, hashtags: row.hashtags, version: row.version }];
    });
    expect(inconsistent).toEqual([]);
  });

  // A side connection holds the rows while both edits of each post arrive, so both have read (or are
  // waiting to read) before either writes: the interleaving that lost updates, made certain.
  it.skipIf(backend === 'embedded')('both edits of a post held back until both are in flight still end consistent', async () => {
    for (let round = 0; round < 2; round++) {
      const posts = await Promise.all(Array.from({ length: 4 }, (_, i) => create({ content: `Held ${round}.${i} about #old`, hashtags: ['keep'] })));
      const ids = posts.map((p) => decodeId(p.id).id);
      const holder = new pg.Client({ connectionString: t.env.DATABASE_URL });
      await holder.connect();
      try {
        await holder.query('BEGIN');
        await holder.query('SELECT id FROM posts WHERE id = ANY($1::uuid[]) FOR UPDATE', [ids]);
        const edits = Promise.all(
          posts.flatMap(({ id }, i) => [update(id, { content: `Held ${round}.${i} now about #fresh` }), update(id, { hashtags: ['given'] }, other)]),
        );
        await lockWaiters(holder, 2 * posts.length);
        await holder.query('COMMIT');
        expect((await edits).flatMap((a) => a.errors ?? [])).toEqual([]);
      } finally {
        await holder.end();
      }
      for (const row of await t.app.db.prisma.post.findMany({ where: { id: { in: ids } } })) {
        expect({ hashtags: row.hashtags, analysis: row.analysis }).toEqual({
          hashtags: ['given', 'fresh'],
          analysis: JSON.parse(JSON.stringify(analyzeText(row.content, { hashtags: ['given', 'fresh'] }))),
        });
      }
    }
  });

  it('edits from the same version on two instances: exactly one wins, the other gets CONFLICT and changes nothing', async () => {
    const posts = await Promise.all(Array.from({ length: 20 }, (_, i) => create({ content: `Shared draft ${i}` })));
    const answers = await Promise.all(
      posts.map(({ id }, i) =>
        Promise.all([
          update(id, { content: `Edited on A ${i}`, expectedVersion: 1 }),
          update(id, { content: `Edited on B ${i} #b`, expectedVersion: 1 }, other ?? t),
        ]),
      ),
    );
    for (const [i, [a, b]] of answers.entries()) {
      const codes = [a, b].map((answer) => answer.errors?.[0]?.extensions?.code ?? 'ok').sort();
      expect(codes).toEqual(['CONFLICT', 'ok']);
      const winner = (a.data?.updatePost ?? b.data?.updatePost)!;
      const row = await t.app.db.prisma.post.findUniqueOrThrow({ where: { id: decodeId(posts[i]!.id).id } });
      expect({ content: row.content, hashtags: row.hashtags, version: row.version }).toEqual({
        content: winner.content,
        hashtags: winner.hashtags,
        version: 2,
      });
    }
  });
});

describe('version and expectedVersion', () => {
  it('starts at 1, grows by one per change, and a stale expectedVersion answers CONFLICT and changes nothing', async () => {
    const post = await create({ content: 'Version one' });
    expect(post.version).toBe(1);
    const second = await update(post.id, { content: 'Version two', expectedVersion: 1 });
    expect(second.data?.updatePost).toMatchObject({ content: 'Version two', version: 2 });
    const stale = await update(post.id, { content: 'Lost edit', expectedVersion: 1 });
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(stale.errors?.[0]?.message).toMatch(/version 2/);
    const third = await update(post.id, { tone: 'CASUAL' });
    expect(third.data?.updatePost).toMatchObject({ content: 'Version two', version: 3 });
    const unchanged = await update(post.id, { content: 'Version two', expectedVersion: 3 });
    expect(unchanged.data?.updatePost.version).toBe(3);
  });

  it('refuses an expectedVersion below 1 as bad input', async () => {
    const post = await create({ content: 'Versioned' });
    const answer = await update(post.id, { content: 'x', expectedVersion: 0 });
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.expectedVersion' }] });
  });
});

describe('hashtags follow the content', () => {
  it('removing an inline tag from the content removes it; tags given beyond the text stay until a new list is given', async () => {
    const post = await create({ content: 'Hiring in #AI and #ML', hashtags: ['career'] });
    expect(post.hashtags).toEqual(['career', 'ai', 'ml']);
    const dropped = await update(post.id, { content: 'Hiring in #AI' });
    expect(dropped.data?.updatePost.hashtags).toEqual(['career', 'ai']);
    const given = await update(post.id, { hashtags: ['#Growth'] });
    expect(given.data?.updatePost.hashtags).toEqual(['growth', 'ai']);
    const plain = await update(post.id, { content: 'Hiring, no tags in the text' });
    expect(plain.data?.updatePost.hashtags).toEqual(['growth']);
  });

  it("a tag both given and written in the text is the text's: it leaves with the text (a generated post's tag line)", async () => {
    const post = await create({ content: 'Five lessons from shipping weekly.\n\n#shipping #teams', hashtags: ['shipping', 'teams'] });
    expect(post.hashtags).toEqual(['shipping', 'teams']);
    const edited = await update(post.id, { content: 'Five lessons from shipping weekly.' });
    expect(edited.data?.updatePost.hashtags).toEqual([]);
    const resent = await update(post.id, { hashtags: ['Teams'], content: 'Five lessons. #teams' });
    expect(resent.data?.updatePost.hashtags).toEqual(['teams']);
    const untagged = await update(post.id, { content: 'Five lessons.' });
    expect(untagged.data?.updatePost.hashtags).toEqual([]);
  });
});
