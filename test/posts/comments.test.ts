import { encodeGlobalID } from '@pothos/plugin-relay';
import { type Client, createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { nextWithin } from '../helpers/next-within.js';
import { markPublished } from '../helpers/publish.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const CREATE = 'mutation ($content: String!) { createPost(input: { content: $content }) { id } }';
const ADD = 'mutation ($postId: ID!, $body: String!) { addComment(postId: $postId, body: $body) { id body author { name } } }';
const EDIT = 'mutation ($id: ID!, $body: String!) { editComment(id: $id, body: $body) { id body } }';
const DELETE = 'mutation ($id: ID!) { deleteComment(id: $id) }';
const COMMENTS =
  'query ($id: ID!, $first: Int, $after: String) { post(id: $id) { comments(first: $first, after: $after) { edges { node { id body } } pageInfo { hasNextPage endCursor } } } }';

type Page = { edges: { node: { id: string; body: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

let t: TestApp;
let author: { token: string; id: string };
let stranger: { token: string; id: string };

beforeAll(async () => {
  t = await createTestApp();
  author = await t.signUp('Commenter');
  stranger = await t.signUp('Outsider');
});
afterAll(() => t?.close());

async function draft(): Promise<string> {
  return (await t.gql<{ createPost: { id: string } }>(CREATE, { content: 'A post to talk about' }, { token: author.token })).data!.createPost.id;
}

async function comment(postId: string, body: string): Promise<string> {
  const { data, errors } = await t.gql<{ addComment: { id: string } }>(ADD, { postId, body }, { token: author.token });
  expect(errors).toBeUndefined();
  return data!.addComment.id;
}

async function comments(id: string, variables: Record<string, unknown> = {}, token = author.token): Promise<Page> {
  const { data, errors } = await t.gql<{ post: { comments: Page } }>(COMMENTS, { id, ...variables }, { token });
  expect(errors).toBeUndefined();
  return data!.post.comments;
}

const bodies = (page: Page) => page.edges.map((edge) => edge.node.body);
const codeOf = (response: { errors?: { extensions?: Record<string, any> }[] }) => response.errors?.[0]?.extensions?.code;

describe('comments on posts', () => {
  it('adds, lists oldest first with cursor paging, edits and deletes; the cached list follows every change', async () => {
    const postId = await draft();
    expect(bodies(await comments(postId))).toEqual([]); // cached now
    const first = await comment(postId, 'Open with the number.');
    await comment(postId, 'Agreed, and cut the last line.');
    const third = await comment(postId, 'Done.');
    const page = await comments(postId, { first: 2 });
    expect(bodies(page)).toEqual(['Open with the number.', 'Agreed, and cut the last line.']);
    expect(bodies(await comments(postId, { first: 2, after: page.pageInfo.endCursor }))).toEqual(['Done.']);

    const edited = await t.gql(EDIT, { id: first, body: 'Open with the 40% number.' }, { token: author.token });
    expect(edited.data!.editComment).toEqual({ id: first, body: 'Open with the 40% number.' });
    expect((await t.gql(DELETE, { id: third }, { token: author.token })).data!.deleteComment).toBe(third);
    expect(bodies(await comments(postId))).toEqual(['Open with the 40% number.', 'Agreed, and cut the last line.']);
    expect(codeOf(await t.gql(DELETE, { id: third }, { token: author.token }))).toBe('NOT_FOUND');
  });

  it('refuses an empty, blank, oversized or NUL body with BAD_USER_INPUT, and stores nothing', async () => {
    const postId = await draft();
    const kept = await comment(postId, 'Kept as it is.');
    for (const body of ['', '  \n ', 'x'.repeat(5001), 'a\u0000b']) {
      expect(codeOf(await t.gql(ADD, { postId, body }, { token: author.token }))).toBe('BAD_USER_INPUT');
      expect(codeOf(await t.gql(EDIT, { id: kept, body }, { token: author.token }))).toBe('BAD_USER_INPUT');
    }
    expect(bodies(await comments(postId))).toEqual(['Kept as it is.']);
    expect((await t.gql(ADD, { postId, body: 'y'.repeat(5000) }, { token: author.token })).errors).toBeUndefined();
  });

  it('are for those who may edit the post: others cannot read, add, edit or delete them', async () => {
    const postId = await draft();
    const id = await comment(postId, 'Team only.');
    await markPublished(t, postId);
    expect(bodies(await comments(postId, {}, stranger.token))).toEqual([]);
    expect(codeOf(await t.gql(ADD, { postId, body: 'Let me in' }, { token: stranger.token }))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(EDIT, { id, body: 'Mine now' }, { token: stranger.token }))).toBe('NOT_FOUND');
    expect(codeOf(await t.gql(DELETE, { id }, { token: stranger.token }))).toBe('NOT_FOUND');
    expect(codeOf(await t.gql(ADD, { postId, body: 'Anyone?' }))).toBe('UNAUTHENTICATED');
    const node = await t.gql<{ node: unknown }>('query ($id: ID!) { node(id: $id) { id } }', { id }, { token: stranger.token });
    expect(node.data!.node).toBeNull();
    expect(bodies(await comments(postId))).toEqual(['Team only.']);
    const missing = encodeGlobalID('PostComment', '00000000-0000-0000-0000-000000000000');
    expect(codeOf(await t.gql(EDIT, { id: missing, body: 'Nothing there' }, { token: author.token }))).toBe('NOT_FOUND');
  });

  it('a subscriber sees each comment added, live over graphql-ws', async () => {
    const postId = await draft();
    const url = (await t.listen()).replace('http', 'ws');
    const client: Client = createClient({ url: `${url}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${author.token}` } });
    try {
      const events = client.iterate<{ postCommentAdded: { body: string; author: { name: string } } }>({
        query: 'subscription ($postId: ID!) { postCommentAdded(postId: $postId) { body author { name } } }',
        variables: { postId },
      });
      const pending: { next?: ReturnType<typeof events.next> } = {};
      const seen: string[] = [];
      // Comment until the subscription is live (a comment arrives); from then on every one does, in order.
      for (let i = 0; seen.length === 0; i++) {
        await comment(postId, `ping ${i}`);
        const event = await nextWithin(events, pending, 500);
        if (event && !event.done) seen.push(event.value.data!.postCommentAdded.body);
      }
      while (await nextWithin(events, pending, 500));
      await comment(postId, 'First real comment');
      await comment(postId, 'Second real comment');
      const next = async () => {
        const event = await nextWithin(events, pending, 5000);
        return event && !event.done ? event.value.data!.postCommentAdded : null;
      };
      expect(await next()).toEqual({ body: 'First real comment', author: { name: 'Commenter' } });
      expect(await next()).toEqual({ body: 'Second real comment', author: { name: 'Commenter' } });
      await events.return?.();
    } finally {
      await client.dispose();
    }
  });

  it("a stranger cannot subscribe to a post's comments", async () => {
    const postId = await draft();
    const url = (await t.listen()).replace('http', 'ws');
    const client: Client = createClient({ url: `${url}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${stranger.token}` } });
    try {
      const events = client.iterate({ query: 'subscription ($postId: ID!) { postCommentAdded(postId: $postId) { body } }', variables: { postId } });
      const first = await events.next();
      expect((first.value as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    } finally {
      await client.dispose();
    }
  });

  it('reads the comments of many posts in as many statements as of one', async () => {
    for (let i = 0; i < 4; i++) await comment(await draft(), `Note ${i}`);
    const query = (count: number) =>
      `query { me { posts(first: ${count}) { edges { node { comments(first: 5) { edges { node { body author { name } } } } } } } } }`;
    const one = await t.countStatements(() => t.gql(query(1), {}, { token: author.token }), { tries: 3 });
    const four = await t.countStatements(() => t.gql(query(4), {}, { token: author.token }), { tries: 3 });
    expect(four.count).toBe(one.count);
  });
});
