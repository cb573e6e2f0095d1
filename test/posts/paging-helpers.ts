import { encodeGlobalID } from '@pothos/plugin-relay';
import { expect } from 'vitest';
import { decodeId } from '../../src/graphql/global-id.js';
import type { GraphQLResponse, TestApp } from '../helpers/test-app.js';

export interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  edges: { cursor: string; node: { id: string } }[];
}

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

const PAGE = 'fragment Page on PostConnection { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } } }';
const PAGE_ARGS = '$first: Int, $after: String, $last: Int, $before: String';
const PAGE_VARS = 'first: $first, after: $after, last: $last, before: $before';

const POSTS = `query PostsPage(${PAGE_ARGS}, $filter: PostFilter, $orderBy: PostOrder) { list: posts(${PAGE_VARS}, filter: $filter, orderBy: $orderBy) { ...Page } } ${PAGE}`;
const USER_POSTS = `query UserPostsPage(${PAGE_ARGS}, $id: ID!, $status: PostStatus) { node(id: $id) { ... on User { list: posts(${PAGE_VARS}, status: $status) { ...Page } } } } ${PAGE}`;
const SEARCH = `query SearchPage(${PAGE_ARGS}, $query: String!) { list: searchPosts(${PAGE_VARS}, query: $query) { ...Page } } ${PAGE}`;

/** One connection as a client reads it: a page for some arguments, as the given caller. */
export interface PagedList {
  name: string;
  request(args: PageArgs): Promise<GraphQLResponse>;
}

export const postsList = (t: TestApp, variables: { filter?: object; orderBy?: string }, token?: string): PagedList => ({
  name: `posts ${JSON.stringify(variables)}`,
  request: (args) => t.gql(POSTS, { ...variables, ...args }, { token }),
});

export const userPostsList = (t: TestApp, userId: string, token?: string, status?: string): PagedList => ({
  name: `User.posts ${status ?? ''}`,
  request: (args) => t.gql(USER_POSTS, { id: userId, status, ...args }, { token }),
});

export const searchList = (t: TestApp, query: string, token?: string): PagedList => ({
  name: `searchPosts "${query}"`,
  request: (args) => t.gql(SEARCH, { query, ...args }, { token }),
});

export async function page(list: PagedList, args: PageArgs): Promise<Page> {
  const { data, errors } = await list.request(args);
  expect(errors, `${list.name} ${JSON.stringify(args)}`).toBeUndefined();
  const node = (data?.node ?? data) as { list?: Page } | undefined;
  if (!node?.list) throw new Error(`${list.name}: no page in ${JSON.stringify(data)}`);
  return node.list;
}

export const ids = (p: Page) => p.edges.map((e) => e.node.id);

/** Every edge's cursor is the page's start or end cursor at the ends. */
function expectCursorsAgree(p: Page) {
  expect(p.pageInfo.startCursor).toBe(p.edges[0]?.cursor ?? p.pageInfo.startCursor);
  expect(p.pageInfo.endCursor).toBe(p.edges.at(-1)?.cursor ?? p.pageInfo.endCursor);
}

/**
 * Pages through `list` with `first`/`after` (forward) or `last`/`before` (backward) from `from`, or
 * from the start of that direction, until pageInfo says there is no more; checks pageInfo at both
 * ends. The ids come back in list order either way.
 */
export async function walk(list: PagedList, direction: 'forward' | 'backward', size: number, from: string | null = null): Promise<string[]> {
  const forward = direction === 'forward';
  const seen: string[] = [];
  let cursor = from;
  for (let n = 0; n < 100; n++) {
    const p = await page(list, forward ? { first: size, after: cursor } : { last: size, before: cursor });
    expectCursorsAgree(p);
    const { hasNextPage, hasPreviousPage, startCursor, endCursor } = p.pageInfo;
    // Read from an end, the page knows nothing lies beyond that end.
    if (n === 0 && !from) expect(forward ? hasPreviousPage : hasNextPage, `${list.name}: first page ${direction}`).toBe(false);
    if (forward) seen.push(...ids(p));
    else seen.unshift(...ids(p));
    if (!(forward ? hasNextPage : hasPreviousPage)) return seen;
    expect(p.edges).toHaveLength(size);
    cursor = forward ? endCursor : startCursor;
  }
  throw new Error(`${list.name}: paging ${direction} never ended`);
}

/** The error a request got: one BAD_USER_INPUT naming `argument`. */
export async function expectBadArgument(list: PagedList, args: PageArgs, argument: string) {
  const { errors, status } = await list.request(args);
  expect(errors, `${list.name} ${JSON.stringify(args)}`).toHaveLength(1);
  expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: argument }] });
  expect(status).toBeLessThan(500);
}

export const postGlobalId = (raw: string) => encodeGlobalID('Post', raw);
export const rawId = (globalId: string) => decodeId(globalId).id;
