import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markPublished } from '../helpers/publish.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const CREATE = 'mutation ($content: String!) { createPost(input: { content: $content }) { id version } }';
const ARCHIVE = 'mutation ($id: ID!, $v: Int) { archivePost(id: $id, expectedVersion: $v) { id status version } }';
const UNARCHIVE = 'mutation ($id: ID!, $v: Int) { unarchivePost(id: $id, expectedVersion: $v) { id status version } }';
const STATUS = 'query ($id: ID!) { post(id: $id) { status version } }';
const FEED =
  'query ($filter: PostFilter, $first: Int, $after: String, $last: Int, $before: String) { posts(filter: $filter, first: $first, after: $after, last: $last, before: $before) { totalCount edges { cursor node { id } } pageInfo { endCursor startCursor hasNextPage hasPreviousPage } } }';
const USER_POSTS =
  'query ($id: ID!, $status: PostStatus, $all: Boolean) { node(id: $id) { ... on User { posts(status: $status, includeArchived: $all) { totalCount edges { node { id } } } } } }';
const SEARCH = 'query ($q: String!, $all: Boolean) { searchPosts(query: $q, includeArchived: $all) { totalCount edges { node { id } } } }';

type Connection = { totalCount: number; edges: { cursor: string; node: { id: string } }[]; pageInfo: { endCursor: string | null; startCursor: string | null } };

let t: TestApp;
let author: { token: string; id: string };
let reader: { token: string; id: string };

beforeAll(async () => {
  t = await createTestApp();
  author = await t.signUp('Archivist');
  reader = await t.signUp('Reader');
});
afterAll(() => t?.close());

async function post(content: string): Promise<{ id: string; version: number }> {
  const { data, errors } = await t.gql<{ createPost: { id: string; version: number } }>(CREATE, { content }, { token: author.token });
  expect(errors).toBeUndefined();
  return data!.createPost;
}

async function archive(id: string, version?: number) {
  return t.gql<{ archivePost: { id: string; status: string; version: number } }>(ARCHIVE, { id, v: version }, { token: author.token });
}

const ids = (connection: Connection) => connection.edges.map((edge) => edge.node.id);
const feed = async (variables: Record<string, unknown>, token?: string) => (await t.gql<{ posts: Connection }>(FEED, variables, { token })).data!.posts;
const userPosts = async (variables: Record<string, unknown>, token?: string) =>
  (await t.gql<{ node: { posts: Connection } }>(USER_POSTS, { id: author.id, ...variables }, { token })).data!.node.posts;
const search = async (variables: Record<string, unknown>, token?: string) =>
  (await t.gql<{ searchPosts: Connection }>(SEARCH, variables, { token })).data!.searchPosts;

describe('archivePost and unarchivePost', () => {
  it('archive a draft at the version read, and bring it back as a draft; a stale version is CONFLICT and changes nothing', async () => {
    const draft = await post('A draft to retire');
    const stale = await archive(draft.id, draft.version + 1);
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await t.gql(STATUS, { id: draft.id }, { token: author.token })).data).toEqual({ post: { status: 'DRAFT', version: draft.version } });

    const archived = await archive(draft.id, draft.version);
    expect(archived.data?.archivePost).toEqual({ id: draft.id, status: 'ARCHIVED', version: draft.version + 1 });
    const again = await archive(draft.id);
    expect(again.errors?.[0]).toMatchObject({
      message: 'The post is archived and cannot be archived; only a post that is a draft, in review, approved, published, failed to publish can.',
      extensions: { code: 'CONFLICT' },
    });

    const staleBack = await t.gql(UNARCHIVE, { id: draft.id, v: draft.version }, { token: author.token });
    expect(staleBack.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const back = await t.gql(UNARCHIVE, { id: draft.id, v: draft.version + 1 }, { token: author.token });
    expect(back.data).toEqual({ unarchivePost: { id: draft.id, status: 'DRAFT', version: draft.version + 2 } });
    const notArchived = await t.gql(UNARCHIVE, { id: draft.id }, { token: author.token });
    expect(notArchived.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('are the author’s alone: FORBIDDEN for others, UNAUTHENTICATED signed out, NOT_FOUND for no post', async () => {
    const mine = await post('Only mine to archive');
    for (const document of [ARCHIVE, UNARCHIVE]) {
      expect((await t.gql(document, { id: mine.id }, { token: reader.token })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await t.gql(document, { id: mine.id })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    const missing = encodeGlobalID('Post', '00000000-0000-4000-8000-000000000000');
    expect((await t.gql(ARCHIVE, { id: missing }, { token: author.token })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await t.gql(STATUS, { id: mine.id }, { token: author.token })).data).toEqual({ post: { status: 'DRAFT', version: mine.version } });
  });

  it('take a published post out of every listing (cached answers included) and put it back as PUBLISHED', async () => {
    const published = await post('Quokkas are the happiest marsupials');
    await markPublished(t, published.id);
    // Read (and cache) every listing first.
    expect(ids(await feed({}))).toContain(published.id);
    expect(ids(await userPosts({}, reader.token))).toContain(published.id);
    expect(ids(await search({ q: 'quokkas' }))).toEqual([published.id]);

    expect((await archive(published.id)).data?.archivePost.status).toBe('ARCHIVED');
    expect(ids(await feed({}))).not.toContain(published.id);
    expect(ids(await feed({}, reader.token))).not.toContain(published.id);
    expect(ids(await userPosts({}, reader.token))).not.toContain(published.id);
    expect(ids(await userPosts({ all: true }, reader.token))).not.toContain(published.id);
    expect((await search({ q: 'quokkas' })).totalCount).toBe(0);
    expect((await search({ q: 'quokkas', all: true }, reader.token)).totalCount).toBe(0);

    // Its author leaves it out too, unless asking for it.
    expect(ids(await feed({ filter: { authorId: author.id } }, author.token))).not.toContain(published.id);
    expect(ids(await feed({ filter: { authorId: author.id, includeArchived: true } }, author.token))).toContain(published.id);
    expect(ids(await feed({ filter: { status: 'ARCHIVED' } }, author.token))).toEqual([published.id]);
    expect(ids(await userPosts({}, author.token))).not.toContain(published.id);
    expect(ids(await userPosts({ all: true }, author.token))).toContain(published.id);
    expect(ids(await userPosts({ status: 'ARCHIVED' }, author.token))).toEqual([published.id]);
    expect(await search({ q: 'quokkas' }, author.token)).toMatchObject({ totalCount: 0, edges: [] });
    expect(await search({ q: 'quokkas', all: true }, author.token)).toMatchObject({ totalCount: 1, edges: [{ node: { id: published.id } }] });

    expect((await t.gql(UNARCHIVE, { id: published.id }, { token: author.token })).data).toMatchObject({ unarchivePost: { status: 'PUBLISHED' } });
    expect(ids(await feed({}))).toContain(published.id);
    expect(ids(await search({ q: 'quokkas' }))).toEqual([published.id]);
    expect(ids(await feed({ filter: { status: 'ARCHIVED' } }, author.token))).toEqual([]);
  });

  it('keep keyset paging whole around archived posts, forward and backward', async () => {
    const pager = await t.signUp('Pager');
    const created: string[] = [];
    for (let i = 0; i < 6; i++) {
      const { data } = await t.gql<{ createPost: { id: string } }>(CREATE, { content: `Paged post ${i}` }, { token: pager.token });
      created.push(data!.createPost.id);
    }
    const newestFirst = [...created].reverse();
    for (const id of [newestFirst[1]!, newestFirst[4]!]) {
      expect((await t.gql(ARCHIVE, { id }, { token: pager.token })).data).toMatchObject({ archivePost: { status: 'ARCHIVED' } });
    }
    const live = newestFirst.filter((_, i) => i !== 1 && i !== 4);
    const mine = (extra: Record<string, unknown>) => feed({ filter: { authorId: pager.id }, ...extra }, pager.token);

    const forward: string[] = [];
    let after: string | null = null;
    do {
      const page = await mine({ first: 2, after });
      expect(page.totalCount).toBe(4);
      forward.push(...ids(page));
      after = page.edges.length === 2 ? page.pageInfo.endCursor : null;
    } while (after);
    expect(forward).toEqual(live);

    const lastTwo = await mine({ last: 2 });
    expect(ids(lastTwo)).toEqual(live.slice(-2));
    expect(ids(await mine({ last: 2, before: lastTwo.pageInfo.startCursor }))).toEqual(live.slice(0, 2));

    const everything = await feed({ filter: { authorId: pager.id, includeArchived: true }, first: 10 }, pager.token);
    expect(everything.totalCount).toBe(6);
    expect(ids(everything)).toEqual(newestFirst);
  });
});
