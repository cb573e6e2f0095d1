import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedDocument } from '../generated/graphql.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  // Every run executes: with the response cache on, the second of three identical runs is a hit and counts 0.
  t = await createTestApp({ env: { FEATURE_RESPONSE_CACHE: 'false' } });
  // Through the service, not over HTTP: a keep-alive socket left idle while the embedded database
  // blocks the event loop for the seeding would be reset under the first request of the tests.
  const { auth } = t.app.services;
  const authors = await Promise.all(
    Array.from({ length: 10 }, (_, i) => auth.signUp({ email: `author${i}@example.com`, password: 'correct horse battery', name: `Author ${i}` })),
  );
  for (let i = 0; i < 120; i++) {
    await t.app.services.posts.create({ userId: authors[i % authors.length]!.userId, requestId: null }, { content: `Post number ${i} about #scaling` });
  }
  await t.app.db.prisma.post.updateMany({ data: { status: 'PUBLISHED', publishedAt: new Date() } });
});
afterAll(() => t?.close());

describe('no N+1', () => {
  it('reads a page of 1 and a page of 100 posts with author, metrics and analysis in the same number of statements', async () => {
    const one = await t.countStatements(() => t.gql(FeedDocument, { first: 1 }), { tries: 3 });
    const hundred = await t.countStatements(
      async () => {
        const { data } = await t.gql(FeedDocument, { first: 100 });
        expect(data?.posts.edges).toHaveLength(100);
        expect(new Set(data?.posts.edges.map((e) => e.node.author.name)).size).toBe(10);
      },
      { tries: 3 },
    );
    expect(one.count).toBeGreaterThanOrEqual(1);
    expect(hundred.count).toBe(one.count);
    expect(hundred.count).toBeLessThanOrEqual(2);
  });

  it("also for the author's nested post lists", async () => {
    const query = (first: number) =>
      `{ posts(first: ${first}) { edges { node { author { name posts(first: 5) { totalCount edges { node { content } } } } } } } }`;
    const one = await t.countStatements(() => t.gql(query(1)), { tries: 3 });
    const many = await t.countStatements(() => t.gql(query(50)), { tries: 3 });
    expect(one.count).toBeGreaterThanOrEqual(1);
    expect(many.count).toBe(one.count);
  });
});

describe('pages away from the start', () => {
  const BACKWARD = `query FeedBack($last: Int, $before: String, $orderBy: PostOrder) {
    posts(last: $last, before: $before, orderBy: $orderBy) { totalCount pageInfo { hasPreviousPage startCursor } edges { node { id content author { name } metrics { reactions } } } }
  }`;

  it('cost the same statements after a cursor and before one, in every order', async () => {
    for (const orderBy of ['NEWEST', 'OLDEST', 'MOST_ENGAGED'] as const) {
      const { data } = await t.gql(FeedDocument, { first: 10, orderBy });
      const after = await t.countStatements(() => t.gql(FeedDocument, { first: 50, after: data?.posts.pageInfo.endCursor, orderBy }), { tries: 3 });
      const before = await t.countStatements(
        async () => {
          const back = await t.gql(BACKWARD, { last: 5, before: data?.posts.edges[7]?.cursor, orderBy });
          expect(back.data?.posts.edges).toHaveLength(5);
        },
        { tries: 3 },
      );
      for (const { count, statements } of [after, before]) {
        expect(count).toBeGreaterThanOrEqual(1);
        expect(count, `${orderBy}:\n${statements.join('\n---\n')}`).toBeLessThanOrEqual(2);
      }
    }
  });
});
