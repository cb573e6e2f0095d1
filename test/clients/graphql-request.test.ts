import { ClientError, GraphQLClient, gql, type RequestMiddleware } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClientServer, startClientServer } from './client-server.js';

/** graphql-request with `method: 'GET'`: queries travel in the URL, a mutation in a URL is refused clearly. */
let s: ClientServer;
const sent: { method: string; url: URL }[] = [];

const clientWith = (requestMiddleware?: RequestMiddleware) =>
  new GraphQLClient(s.http, {
    method: 'GET',
    // GET must carry a CSRF-prevention header (README, "Browsers"); graphql-request sends none of its own.
    headers: { authorization: `Bearer ${s.token}`, 'x-graphql-csrf': '1' },
    fetch: (input, init) => {
      sent.push({ method: init?.method ?? 'GET', url: new URL(String(input)) });
      return fetch(input, init);
    },
    requestMiddleware,
  });

beforeAll(async () => {
  s = await startClientServer({ posts: 2 });
});
afterAll(() => s.t.close());

describe('graphql-request over GET', () => {
  it('sends a query as GET and reads its answer', async () => {
    const data = await clientWith().request<{ posts: { edges: { node: { id: string } }[] } }>(
      gql`
        query AuthorPosts($authorId: ID!) {
          posts(first: 5, filter: { authorId: $authorId }) { edges { node { id } } }
        }
      `,
      { authorId: s.authorId },
    );
    expect(data.posts.edges.map((edge) => edge.node.id)).toEqual(s.postIds);
    expect(sent.at(-1)?.method).toBe('GET');
    expect(sent.at(-1)?.url.searchParams.get('query')).toMatch(/query AuthorPosts/);
  });

  it('has a mutation put in a GET URL refused with a clear GraphQL error, and nothing deleted', async () => {
    // graphql-request itself always POSTs mutations; a middleware moves this one into the URL, as a
    // misconfigured client or proxy would, to see what the client is told.
    const intoUrl: RequestMiddleware = (request) => {
      const { query, variables, operationName } = JSON.parse(String(request.body)) as Record<string, unknown>;
      const url = new URL(request.url);
      url.searchParams.set('query', String(query));
      url.searchParams.set('variables', JSON.stringify(variables));
      url.searchParams.set('operationName', String(operationName));
      return { ...request, method: 'GET', body: undefined, url: url.toString() };
    };
    const error = await clientWith(intoUrl)
      .request(gql`mutation Delete($id: ID!) { deletePost(id: $id) }`, { id: s.postIds[0] })
      .catch((e: unknown) => e);
    expect(sent.at(-1)?.method).toBe('GET');
    expect(error).toBeInstanceOf(ClientError);
    const { response } = error as ClientError;
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toMatch(/POST/);
    expect(response.errors?.[0]?.message).toMatch(/mutation.*POST/i);
    expect(response.errors?.[0]?.extensions?.code).toEqual(expect.any(String));
    const still = await s.t.gql<{ node: { id: string } | null }>('query ($id: ID!) { node(id: $id) { id } }', { id: s.postIds[0] }, { token: s.token });
    expect(still.data?.node?.id).toBe(s.postIds[0]);
  });
});
