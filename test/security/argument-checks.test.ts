import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/** Lists in arguments and inputs are bounded before anything runs, whether written inline or sent as variables. */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const postId = (n: number) => Buffer.from(`Post:00000000-0000-4000-8000-${String(n).padStart(12, '0')}`).toString('base64');
const ids = (count: number) => Array.from({ length: count }, (_, i) => postId(i));

describe('list limits', () => {
  it('refuses nodes(ids:) over 100 ids as BAD_USER_INPUT naming the argument, and answers 100 missing ones with nulls', async () => {
    const over = await t.gql('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: ids(5000) });
    expect(over.data).toBeFalsy();
    expect(over.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'ids', message: 'must hold at most 100 items (it holds 5000)' }],
    });
    const inline = await t.gql(`{ nodes(ids: ${JSON.stringify(ids(101))}) { id } }`);
    expect(inline.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const atLimit = await t.gql<{ nodes: unknown[] }>('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: ids(100) });
    expect(atLimit.errors).toBeUndefined();
    expect(atLimit.data?.nodes).toEqual(Array(100).fill(null));
  });

  it('lets an argument declare a larger limit, and bounds lists inside inputs too', async () => {
    const { token } = await t.signUp('Lister');
    const events = (count: number) => Array.from({ length: count }, () => ({ postId: postId(1), type: 'IMPRESSION' }));
    const tooMany = await t.gql('mutation ($events: [EngagementInput!]!) { recordEngagements(events: $events) }', { events: events(1001) }, { token });
    expect(tooMany.errors?.[0]?.extensions?.fields).toEqual([{ path: 'events', message: 'must hold at most 1000 items (it holds 1001)' }]);
    // Within recordEngagements' own limit, the events are judged by the service (the post does not exist).
    const judged = await t.gql('mutation ($events: [EngagementInput!]!) { recordEngagements(events: $events) }', { events: events(150) }, { token });
    expect(judged.errors?.[0]?.extensions?.fields?.[0]?.path).not.toBe('events');
    const hashtags = Array.from({ length: 101 }, (_, i) => `tag${i}`);
    const nested = await t.gql('mutation ($input: CreatePostInput!) { createPost(input: $input) { id } }', { input: { content: 'x', hashtags } }, { token });
    expect(nested.errors?.[0]?.extensions?.fields).toEqual([{ path: 'input.hashtags', message: 'must hold at most 100 items (it holds 101)' }]);
  });

  it('names the argument or input field holding an invalid or mistyped global ID', async () => {
    const { token } = await t.signUp('Identifier');
    const bad = await t.gql('{ post(id: "not-an-id") { id } }');
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'id', message: 'is not a valid ID' }] });
    const userId = Buffer.from('User:00000000-0000-4000-8000-000000000001').toString('base64');
    const mistyped = await t.gql('query ($id: ID!) { post(id: $id) { id } }', { id: userId });
    expect(mistyped.errors?.[0]?.extensions?.fields).toEqual([{ path: 'id', message: 'must be the ID of a Post, not of a User' }]);
    const nested = await t.gql('{ posts(filter: { authorId: "garbage" }) { totalCount } }', {}, { token });
    expect(nested.errors?.[0]?.extensions?.fields).toEqual([{ path: 'filter.authorId', message: 'is not a valid ID' }]);
    const inList = await t.gql('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [postId(1), 'x'] });
    expect(inList.errors?.[0]?.extensions?.fields).toEqual([{ path: 'ids.1', message: 'is not a valid ID' }]);
  });
});
