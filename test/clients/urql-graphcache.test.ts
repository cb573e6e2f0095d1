import { Client, fetchExchange, gql, subscriptionExchange } from '@urql/core';
import { cacheExchange } from '@urql/exchange-graphcache';
import { relayPagination } from '@urql/exchange-graphcache/extras';
import { createClient as createWsClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type ClientServer, startClientServer } from './client-server.js';

/** urql (@urql/core) with graphcache's relayPagination and a graphql-ws subscription exchange. */
let s: ClientServer;
let client: Client;
let ws: ReturnType<typeof createWsClient>;

beforeAll(async () => {
  s = await startClientServer({ posts: 7 });
  ws = createWsClient({ url: s.ws, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${s.token}` } });
  client = new Client({
    url: s.http,
    // urql sends queries as GET by default: GET needs a CSRF-prevention header (README, "Browsers").
    fetchOptions: { headers: { authorization: `Bearer ${s.token}`, 'x-graphql-csrf': '1' } },
    exchanges: [
      cacheExchange({
        resolvers: { Query: { posts: relayPagination() } },
        updates: {
          Mutation: {
            // As urql's docs do for lists: unlink the deleted post's edge from every cached page.
            deletePost: (_result, args, cache) => {
              const gone = cache.keyOfEntity({ __typename: 'Post', id: args.id as string });
              for (const field of cache.inspectFields('Query').filter((f) => f.fieldName === 'posts')) {
                const connection = cache.resolve('Query', field.fieldKey) as string | null;
                const edges = connection ? ((cache.resolve(connection, 'edges') as string[] | null) ?? []) : [];
                if (connection)
                  cache.link(
                    connection,
                    'edges',
                    edges.filter((edge) => cache.resolve(edge, 'node') !== gone),
                  );
              }
            },
          },
        },
      }),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({ unsubscribe: ws.subscribe({ ...request, query: request.query ?? '' }, sink) }),
        }),
      }),
    ],
  });
});
afterAll(async () => {
  await ws?.dispose();
  await s.t.close();
});

const FEED = gql`
  query AuthorFeed($authorId: ID!, $after: String) {
    posts(first: 3, after: $after, filter: { authorId: $authorId }) {
      edges { cursor node { id content } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;
const DELETE = gql`mutation DeletePost($id: ID!) { deletePost(id: $id) }`;

interface Feed {
  posts: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

describe('urql + graphcache', () => {
  it('pages with relayPagination past a post deleted between pages, to the oldest', async () => {
    const first = await client.query<Feed>(FEED, { authorId: s.authorId }).toPromise();
    expect(first.error).toBeUndefined();
    expect(first.data!.posts.edges.map((edge) => edge.node.id)).toEqual(s.postIds.slice(0, 3));

    const gone = s.postIds[2]!;
    const deleted = await client.mutation(DELETE, { id: gone }).toPromise();
    expect(deleted.error).toBeUndefined();

    let page = first.data!;
    while (page.posts.pageInfo.hasNextPage) {
      const next = await client.query<Feed>(FEED, { authorId: s.authorId, after: page.posts.pageInfo.endCursor }).toPromise();
      expect(next.error).toBeUndefined();
      page = next.data!;
    }
    // relayPagination hands back every page merged: all but the deleted post, newest first.
    expect(page.posts.edges.map((edge) => edge.node.id)).toEqual(s.postIds.filter((id) => id !== gone));
  });

  it("follows a generation job's progress over graphql-ws to completion", async () => {
    const started = await client
      .mutation<{ generatePost: { id: string } }>(gql`mutation Generate($input: GeneratePostInput!) { generatePost(input: $input) { id status } }`, {
        input: { topic: 'What urql users ask about caching' },
      })
      .toPromise();
    expect(started.error).toBeUndefined();
    const jobId = started.data!.generatePost.id;
    const statuses: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const { unsubscribe } = client
        .subscription<{ generationProgress: { job: { id: string; status: string } } }>(
          gql`subscription Progress($jobId: ID!) { generationProgress(jobId: $jobId) { job { id status } } }`,
          { jobId },
        )
        .subscribe((result) => {
          if (result.error) return reject(result.error);
          const status = result.data!.generationProgress.job.status;
          statuses.push(status);
          if (['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(status)) {
            unsubscribe();
            resolve();
          }
        });
    });
    expect(statuses.at(-1)).toBe('SUCCEEDED');
  });
});
