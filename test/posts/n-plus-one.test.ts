import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedDocument } from '../generated/graphql.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  const authors = await Promise.all(Array.from({ length: 10 }, (_, i) => t.signUp(`Author ${i}`)));
  const users = await t.app.db.prisma.user.findMany({ select: { id: true } });
  for (let i = 0; i < 120; i++) {
    await t.app.services.posts.create(users[i % users.length]!.id, { content: `Post number ${i} about #scaling` });
  }
  await t.app.db.prisma.post.updateMany({ data: { status: 'PUBLISHED', publishedAt: new Date() } });
  expect(authors).toHaveLength(10);
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
    expect(hundred.count).toBe(one.count);
    expect(hundred.count).toBeLessThanOrEqual(2);
  });

  it("also for the author's nested post lists", async () => {
    const query = (first: number) =>
      `{ posts(first: ${first}) { edges { node { author { name posts(first: 5) { totalCount edges { node { content } } } } } } } }`;
    const one = await t.countStatements(() => t.gql(query(1)), { tries: 3 });
    const many = await t.countStatements(() => t.gql(query(50)), { tries: 3 });
    expect(many.count).toBe(one.count);
  });
});
