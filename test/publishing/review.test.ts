import { type Client, createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { nextWithin } from '../helpers/next-within.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const CREATE = 'mutation ($content: String!) { createPost(input: { content: $content }) { id version } }';
const SUBMIT = 'mutation ($id: ID!, $v: Int) { submitForReview(id: $id, expectedVersion: $v) { status version reviewComment } }';
const APPROVE = 'mutation ($id: ID!) { approvePost(id: $id) { status reviewComment } }';
const REQUEST_CHANGES = 'mutation ($id: ID!, $comment: String!) { requestChanges(id: $id, comment: $comment) { status reviewComment } }';
const UPDATE = 'mutation ($id: ID!, $input: UpdatePostInput!) { updatePost(id: $id, input: $input) { status content } }';
const ARCHIVE = 'mutation ($id: ID!) { archivePost(id: $id) { status } }';
const UNARCHIVE = 'mutation ($id: ID!) { unarchivePost(id: $id) { status } }';
const READ = 'query ($id: ID!) { post(id: $id) { status version reviewComment } }';

let t: TestApp;
let author: { token: string; id: string };
let stranger: { token: string; id: string };

beforeAll(async () => {
  t = await createTestApp();
  author = await t.signUp('Reviewed');
  stranger = await t.signUp('Stranger');
});
afterAll(() => t?.close());

async function draft(content = 'A post that goes through review'): Promise<string> {
  const { data, errors } = await t.gql<{ createPost: { id: string } }>(CREATE, { content }, { token: author.token });
  expect(errors).toBeUndefined();
  return data!.createPost.id;
}

async function act<T = Record<string, any>>(query: string, variables: Record<string, unknown>, token = author.token) {
  return t.gql<T>(query, variables, { token });
}

const codeOf = (response: { errors?: { extensions?: Record<string, any> }[] }) => response.errors?.[0]?.extensions?.code;

describe('review workflow', () => {
  it('submit, request changes, resubmit, approve; an edit ends the approval; a subscriber sees every status live', async () => {
    const id = await draft();
    const url = (await t.listen()).replace('http', 'ws');
    const client: Client = createClient({ url: `${url}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${author.token}` } });
    try {
      const events = client.iterate<{ postStatusChanged: { status: string } }>({
        query: 'subscription ($postId: ID!) { postStatusChanged(postId: $postId) { status } }',
        variables: { postId: id },
      });
      // Archive and unarchive until the subscription is live (an event arrives), then let those events pass.
      const pending: { next?: ReturnType<typeof events.next> } = {};
      for (let live = false; !live; ) {
        expect((await act(ARCHIVE, { id })).errors).toBeUndefined();
        live = (await nextWithin(events, pending, 500)) !== undefined;
        expect((await act(UNARCHIVE, { id })).errors).toBeUndefined();
      }
      while (await nextWithin(events, pending, 500));
      const next = async () => {
        const event = await nextWithin(events, pending, 5000);
        return event && !event.done ? event.value.data!.postStatusChanged.status : 'nothing';
      };

      expect((await act(SUBMIT, { id })).data!.submitForReview).toMatchObject({ status: 'IN_REVIEW', reviewComment: null });
      expect(await next()).toBe('IN_REVIEW');
      const sentBack = await act(REQUEST_CHANGES, { id, comment: 'Open with the number, not the anecdote.' });
      expect(sentBack.data!.requestChanges).toEqual({ status: 'DRAFT', reviewComment: 'Open with the number, not the anecdote.' });
      expect(await next()).toBe('DRAFT');
      expect((await act(SUBMIT, { id })).data!.submitForReview).toMatchObject({ status: 'IN_REVIEW', reviewComment: null });
      expect(await next()).toBe('IN_REVIEW');
      expect((await act(APPROVE, { id })).data!.approvePost).toEqual({ status: 'APPROVED', reviewComment: null });
      expect(await next()).toBe('APPROVED');

      // A change of tone keeps the approval; a change of content ends it.
      expect((await act(UPDATE, { id, input: { tone: 'CASUAL' } })).data!.updatePost.status).toBe('APPROVED');
      expect((await act(UPDATE, { id, input: { content: 'Rewritten after approval' } })).data!.updatePost).toEqual({
        status: 'DRAFT',
        content: 'Rewritten after approval',
      });
      expect(await next()).toBe('DRAFT');
      await events.return?.();
    } finally {
      await client.dispose();
    }
  });

  it('refuses steps the status does not allow with CONFLICT, and changes nothing', async () => {
    const id = await draft();
    const before = (await act(READ, { id })).data!.post;
    expect(codeOf(await act(APPROVE, { id }))).toBe('CONFLICT');
    expect(codeOf(await act(REQUEST_CHANGES, { id, comment: 'Too soon' }))).toBe('CONFLICT');
    expect((await act(READ, { id })).data!.post).toEqual(before);

    await act(SUBMIT, { id });
    const again = await act(SUBMIT, { id });
    expect(again.errors?.[0]).toMatchObject({
      message: 'The post is in review and cannot be submitted for review; only a post that is a draft, failed to publish can.',
      extensions: { code: 'CONFLICT' },
    });
    expect(codeOf(await act(SUBMIT, { id: await draft(), v: 99 }))).toBe('CONFLICT');
  });

  it('refuses an empty, oversized or NUL comment with BAD_USER_INPUT, and changes nothing', async () => {
    const id = await draft();
    await act(SUBMIT, { id });
    for (const comment of ['', '   ', 'x'.repeat(2001), 'fine\u0000not']) {
      const refused = await act(REQUEST_CHANGES, { id, comment });
      expect(codeOf(refused), JSON.stringify(comment.slice(0, 10))).toBe('BAD_USER_INPUT');
    }
    expect((await act(READ, { id })).data!.post).toMatchObject({ status: 'IN_REVIEW', reviewComment: null });
    expect((await act(REQUEST_CHANGES, { id, comment: 'y'.repeat(2000) })).data!.requestChanges.status).toBe('DRAFT');
  });

  it("lets no one else review someone's post, nor watch its status", async () => {
    const id = await draft();
    for (const query of [SUBMIT, APPROVE]) expect(codeOf(await act(query, { id }, stranger.token))).toBe('FORBIDDEN');
    expect(codeOf(await act(REQUEST_CHANGES, { id, comment: 'Mine now' }, stranger.token))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(SUBMIT, { id }))).toBe('UNAUTHENTICATED');
    expect((await act(READ, { id })).data!.post.status).toBe('DRAFT');
  });

  it('an IN_REVIEW or APPROVED post can be archived and comes back a draft', async () => {
    const id = await draft();
    await act(SUBMIT, { id });
    await act(APPROVE, { id });
    expect((await act(ARCHIVE, { id })).data!.archivePost.status).toBe('ARCHIVED');
    expect((await act(UNARCHIVE, { id })).data!.unarchivePost.status).toBe('DRAFT');
  });
});
