import { createHash } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApolloClient, type DocumentNode, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { print } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { type ClientServer, SETUP_OPERATIONS, startClientServer } from './client-server.js';

/** Apollo Client 4's persisted-query link (sha256), unchanged, against the server's allow and require modes. */
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const AUTHOR_POSTS = gql`
  query AuthorPosts($authorId: ID!) {
    posts(first: 5, filter: { authorId: $authorId }) { edges { node { id content } } }
  }
`;
const ME = gql`query Me { me { id name } }`;
const NOT_IN_MANIFEST = gql`query NotInManifest { me { id email } }`;

interface Sent {
  hash?: string;
  withText: boolean;
}

/** A fresh Apollo Client (empty cache, as a new page load) whose requests are recorded. */
function apollo(s: ClientServer, sent: Sent[]) {
  return new ApolloClient({
    cache: new InMemoryCache(),
    defaultOptions: { query: { fetchPolicy: 'network-only' } },
    link: new PersistedQueryLink({ sha256 }).concat(
      new HttpLink({
        uri: s.http,
        headers: { authorization: `Bearer ${s.token}` },
        fetch: (uri, init) => {
          const body = JSON.parse(String(init?.body)) as { query?: string; extensions?: { persistedQuery?: { sha256Hash: string } } };
          sent.push({ hash: body.extensions?.persistedQuery?.sha256Hash, withText: typeof body.query === 'string' });
          return fetch(uri, init);
        },
      }),
    ),
  });
}

/**
 * The manifest a client build writes (Apollo's generate-persisted-query-manifest format): each
 * document as the client sends it, after its cache's transform (which adds __typename), hashed.
 */
function apolloManifest(documents: DocumentNode[]) {
  const cache = new InMemoryCache();
  return {
    format: 'apollo-persisted-query-manifest',
    version: 1,
    operations: documents.map((document) => {
      const body = print(cache.transformDocument(document));
      return { id: sha256(body), name: (document.definitions[0] as { name?: { value: string } }).name?.value, type: 'query', body };
    }),
  };
}

let s: ClientServer | undefined;
afterEach(async () => {
  await s?.t.close();
  s = undefined;
});

describe('Apollo persisted-query link', () => {
  it('in allow mode: the second request registers the query, every later request is its hash alone', async () => {
    s = await startClientServer({ posts: 2, env: { PERSISTED_OPERATIONS: 'allow' } });
    const sent: Sent[] = [];
    const first = apollo(s, sent);
    const { data } = await first.query({ query: AUTHOR_POSTS, variables: { authorId: s.authorId } });
    expect((data as { posts: { edges: { node: { id: string } }[] } }).posts.edges.map((edge) => edge.node.id)).toEqual(s.postIds);
    // Hash only (PERSISTED_QUERY_NOT_FOUND), then hash with text: registered.
    expect(sent).toEqual([
      { hash: expect.stringMatching(/^[0-9a-f]{64}$/), withText: false },
      { hash: sent[0]!.hash, withText: true },
    ]);
    first.stop();

    for (let load = 0; load < 2; load++) {
      const later = apollo(s, sent);
      const again = await later.query({ query: AUTHOR_POSTS, variables: { authorId: s.authorId } });
      expect(again.data).toEqual(data);
      later.stop();
    }
    expect(sent.slice(2)).toEqual([
      { hash: sent[0]!.hash, withText: false },
      { hash: sent[0]!.hash, withText: false },
    ]);
  });

  it("in require mode: the client build's manifest lets each document run by hash in one request, and nothing else runs", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lpa-apollo-manifest-'));
    const manifestPath = join(dir, 'persisted-query-manifest.json');
    const manifest = apolloManifest([AUTHOR_POSTS, ME]);
    // The app's own sign-up and editing operations are in the build too (the test's setup sends them).
    for (const body of SETUP_OPERATIONS) manifest.operations.push({ id: sha256(body), name: undefined, type: 'mutation', body });
    await writeFile(manifestPath, JSON.stringify(manifest));
    s = await startClientServer({ posts: 1, env: { PERSISTED_OPERATIONS: 'require', PERSISTED_OPERATIONS_MANIFEST: manifestPath } });
    const sent: Sent[] = [];
    const client = apollo(s, sent);
    try {
      const posts = await client.query({ query: AUTHOR_POSTS, variables: { authorId: s.authorId } });
      expect(posts.data).toMatchObject({ posts: { edges: [{ node: { id: s.postIds[0] } }] } });
      const me = await client.query({ query: ME });
      expect(me.data).toMatchObject({ me: { id: s.authorId } });
      expect(sent.every((request) => !request.withText)).toBe(true);
      expect(sent).toHaveLength(2);

      // A document the build did not list: the link retries once with its text, which is refused too.
      const refused = await client.query({ query: NOT_IN_MANIFEST }).catch((error: unknown) => error);
      expect((refused as { errors?: { extensions?: { code?: string } }[] }).errors?.map((error) => error.extensions?.code)).toEqual([
        'PERSISTED_QUERY_NOT_FOUND',
      ]);
      expect(sent.slice(2)).toEqual([
        { hash: expect.any(String), withText: false },
        { hash: sent[2]!.hash, withText: true },
      ]);
    } finally {
      client.stop();
    }
  });
});
