import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markPublished } from '../helpers/publish.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const CREATE = 'mutation ($content: String!) { createPost(input: { content: $content }) { id version } }';
const UPDATE = 'mutation ($id: ID!, $input: UpdatePostInput!) { updatePost(id: $id, input: $input) { version } }';
const REVISIONS = `query ($id: ID!, $first: Int, $after: String) { post(id: $id) { content revisions(first: $first, after: $after) {
  edges { node { id content hashtags contentVersion author { name } summary { wordCount characterCount sentiment hookLength } } }
  pageInfo { hasNextPage endCursor } } } }`;
const RESTORE =
  'mutation ($id: ID!, $revisionId: ID!, $v: Int) { restoreRevision(id: $id, revisionId: $revisionId, expectedVersion: $v) { content status version } }';
const DIFF = 'query ($from: ID!, $to: ID!) { revisionDiff(from: $from, to: $to) { kind text } }';

interface Revision {
  id: string;
  content: string;
  hashtags: string[];
  contentVersion: number;
  author: { name: string } | null;
  summary: { wordCount: number; characterCount: number; sentiment: string; hookLength: number };
}
type Page = { edges: { node: Revision }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

let t: TestApp;
let author: { token: string; id: string };
let stranger: { token: string; id: string };

beforeAll(async () => {
  t = await createTestApp();
  author = await t.signUp('Writer');
  stranger = await t.signUp('Stranger');
});
afterAll(() => t?.close());

async function draft(content: string): Promise<string> {
  const { data, errors } = await t.gql<{ createPost: { id: string } }>(CREATE, { content }, { token: author.token });
  expect(errors).toBeUndefined();
  return data!.createPost.id;
}

async function edit(id: string, input: Record<string, unknown>) {
  const { errors } = await t.gql(UPDATE, { id, input }, { token: author.token });
  expect(errors).toBeUndefined();
}

async function revisions(id: string, variables: Record<string, unknown> = {}, token = author.token): Promise<Page> {
  const { data, errors } = await t.gql<{ post: { revisions: Page } }>(REVISIONS, { id, ...variables }, { token });
  expect(errors).toBeUndefined();
  return data!.post.revisions;
}

const contents = (page: Page) => page.edges.map((edge) => edge.node.content);

describe('revision history', () => {
  it('stores a revision with every change of content or hashtags, newest first, paged by cursor', async () => {
    const id = await draft('We launched the beta.');
    await edit(id, { content: 'We launched the product today.' });
    await edit(id, { tone: 'CASUAL' }); // no content change: no revision
    await edit(id, { hashtags: ['launch'] }); // hashtags only: a revision at the same content version
    const all = await revisions(id);
    expect(all.edges.map(({ node }) => [node.content, node.hashtags, node.contentVersion])).toEqual([
      ['We launched the product today.', ['launch'], 2],
      ['We launched the product today.', [], 2],
      ['We launched the beta.', [], 1],
    ]);
    expect(all.edges[0]!.node).toMatchObject({ author: { name: 'Writer' }, summary: { wordCount: 5, characterCount: 30, hookLength: 30 } });
    expect(all.edges[0]!.node.summary.sentiment).toMatch(/^(POSITIVE|NEUTRAL|NEGATIVE)$/);

    const first = await revisions(id, { first: 2 });
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = await revisions(id, { first: 2, after: first.pageInfo.endCursor });
    expect([...contents(first), ...contents(rest)]).toEqual(contents(all));
    expect(rest.pageInfo.hasNextPage).toBe(false);
  });

  it('restores a revision as a new one, at the version read; the cached history shows it at once', async () => {
    const id = await draft('Version one of the post.');
    await edit(id, { content: 'Version two of the post.' });
    const before = await revisions(id); // cached now
    const oldest = before.edges.at(-1)!.node;

    const stale = await t.gql(RESTORE, { id, revisionId: oldest.id, v: 1 }, { token: author.token });
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const restored = await t.gql<{ restoreRevision: { content: string; status: string } }>(RESTORE, { id, revisionId: oldest.id }, { token: author.token });
    expect(restored.errors).toBeUndefined();
    expect(restored.data!.restoreRevision).toMatchObject({ content: 'Version one of the post.', status: 'DRAFT' });
    const after = await revisions(id);
    expect(contents(after)).toEqual(['Version one of the post.', 'Version two of the post.', 'Version one of the post.']);
    expect(after.edges[0]!.node.contentVersion).toBe(3);
  });

  it('restoring an approved post is an edit: it goes back to DRAFT', async () => {
    const id = await draft('Approved wording.');
    await edit(id, { content: 'Approved wording, improved.' });
    await t.gql('mutation ($id: ID!) { submitForReview(id: $id) { id } }', { id }, { token: author.token });
    await t.gql('mutation ($id: ID!) { approvePost(id: $id) { id } }', { id }, { token: author.token });
    const oldest = (await revisions(id)).edges.at(-1)!.node;
    const restored = await t.gql<{ restoreRevision: { status: string } }>(RESTORE, { id, revisionId: oldest.id }, { token: author.token });
    expect(restored.data!.restoreRevision.status).toBe('DRAFT');
  });

  it('diffs two revisions word by word', async () => {
    const id = await draft('Hiring two engineers in Berlin.');
    await edit(id, { content: 'Hiring three engineers in Berlin and Lisbon.' });
    const [newer, older] = (await revisions(id)).edges.map((edge) => edge.node);
    const { data, errors } = await t.gql(DIFF, { from: older!.id, to: newer!.id }, { token: author.token });
    expect(errors).toBeUndefined();
    expect(data!.revisionDiff).toEqual([
      { kind: 'UNCHANGED', text: 'Hiring ' },
      { kind: 'REMOVED', text: 'two' },
      { kind: 'ADDED', text: 'three' },
      { kind: 'UNCHANGED', text: ' engineers in Berlin' },
      { kind: 'ADDED', text: ' and Lisbon' },
      { kind: 'UNCHANGED', text: '.' },
    ]);
  });

  it("keeps a post's history to its author: others see none, cannot diff or restore it", async () => {
    const id = await draft('Soon to be public.');
    await edit(id, { content: 'Public now.' });
    await markPublished(t, id);
    const [newer, older] = (await revisions(id)).edges.map((edge) => edge.node);
    expect((await revisions(id, {}, stranger.token)).edges).toEqual([]);
    const diff = await t.gql(DIFF, { from: older!.id, to: newer!.id }, { token: stranger.token });
    expect(diff.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const restore = await t.gql(RESTORE, { id, revisionId: older!.id }, { token: stranger.token });
    expect(restore.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const node = await t.gql<{ node: unknown }>('query ($id: ID!) { node(id: $id) { id } }', { id: older!.id }, { token: stranger.token });
    expect(node.data!.node).toBeNull();
  });

  it('refuses a revision of another post (NOT_FOUND to restore, BAD_USER_INPUT to diff) and changes nothing', async () => {
    const one = await draft('First post.');
    const two = await draft('Second post.');
    const ofTwo = (await revisions(two)).edges[0]!.node.id;
    const ofOne = (await revisions(one)).edges[0]!.node.id;
    const restore = await t.gql(RESTORE, { id: one, revisionId: ofTwo }, { token: author.token });
    expect(restore.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(contents(await revisions(one))).toEqual(['First post.']);
    const diff = await t.gql(DIFF, { from: ofOne, to: ofTwo }, { token: author.token });
    expect(diff.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const missing = encodeGlobalID('PostRevision', '00000000-0000-0000-0000-000000000000');
    expect((await t.gql(DIFF, { from: ofOne, to: missing }, { token: author.token })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('reads the history of many posts in as many statements as of one', async () => {
    for (let i = 0; i < 6; i++) await edit(await draft(`Post ${i} for the history list`), { content: `Post ${i}, edited` });
    const query = (count: number) =>
      `query { me { posts(first: ${count}) { edges { node { revisions(first: 5) { edges { node { content author { name } } } } } } } } }`;
    const one = await t.countStatements(() => t.gql(query(1), {}, { token: author.token }), { tries: 3 });
    const six = await t.countStatements(
      async () => {
        const { data, errors } = await t.gql<{ me: { posts: { edges: { node: { revisions: Page } }[] } } }>(query(6), {}, { token: author.token });
        expect(errors).toBeUndefined();
        expect(data!.me.posts.edges.map(({ node }) => node.revisions.edges.length)).toEqual([2, 2, 2, 2, 2, 2]);
      },
      { tries: 3 },
    );
    expect(six.count).toBe(one.count);
  });
});
