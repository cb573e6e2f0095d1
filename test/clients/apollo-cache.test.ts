import { ApolloClient, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClientServer, startClientServer } from './client-server.js';

/** Apollo Client 4's normalized InMemoryCache and relayStylePagination over `posts`, with its defaults. */
let s: ClientServer;
let client: ApolloClient;

beforeAll(async () => {
  s = await startClientServer({ posts: 7 });
  client = new ApolloClient({
    link: new HttpLink({ uri: s.http, headers: { authorization: `Bearer ${s.token}` } }),
    cache: new InMemoryCache({ typePolicies: { Query: { fields: { posts: relayStylePagination(['filter', 'orderBy']) } } } }),
  });
});
afterAll(async () => {
  client?.stop();
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
const EDIT = gql`mutation EditPost($id: ID!, $content: String!) { updatePost(id: $id, input: { content: $content }) { id content } }`;

interface Feed {
  posts: { edges: { cursor: string; node: { id: string; content: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

describe('Apollo Client 4: InMemoryCache with relayStylePagination', () => {
  it('pages through posts with a post deleted between pages, and still reaches the oldest', async () => {
    const feed = client.watchQuery<Feed>({ query: FEED, variables: { authorId: s.authorId } });
    const pages: string[][] = [];
    const subscription = feed.subscribe({ next: () => {} });
    try {
      const first = await feed.refetch();
      pages.push(first.data!.posts.edges.map((edge) => edge.node.id));
      expect(pages[0]).toEqual(s.postIds.slice(0, 3));

      // The page's last post (the one its endCursor points at) is deleted, as the app would: by
      // mutation, evicting it from the normalized cache.
      const gone = s.postIds[2]!;
      await client.mutate({
        mutation: DELETE,
        variables: { id: gone },
        update: (cache) => {
          cache.evict({ id: cache.identify({ __typename: 'Post', id: gone }) });
          cache.gc();
        },
      });

      let hasNextPage = true;
      while (hasNextPage) {
        const endCursor = client.readQuery<Feed>({ query: FEED, variables: { authorId: s.authorId } })!.posts.pageInfo.endCursor;
        const more = await feed.fetchMore({ variables: { after: endCursor } });
        pages.push(more.data!.posts.edges.map((edge) => edge.node.id));
        hasNextPage = more.data!.posts.pageInfo.hasNextPage;
      }
      expect(pages.slice(1).flat()).toEqual(s.postIds.slice(3));
      // The merged list the UI renders: every post but the deleted one, newest first, once each.
      const merged = client.readQuery<Feed>({ query: FEED, variables: { authorId: s.authorId } })!;
      expect(merged.posts.edges.map((edge) => edge.node.id)).toEqual(s.postIds.filter((id) => id !== gone));
    } finally {
      subscription.unsubscribe();
    }
  });

  it('keeps one normalized Post per id: an edit shows in the cached list without refetching it', async () => {
    const target = s.postIds[1]!;
    await client.mutate({ mutation: EDIT, variables: { id: target, content: 'Edited through Apollo' } });
    const cached = client.readQuery<Feed>({ query: FEED, variables: { authorId: s.authorId } })!;
    expect(cached.posts.edges.find((edge) => edge.node.id === target)?.node.content).toBe('Edited through Apollo');
    const normalized = client.cache.extract() as Record<string, unknown>;
    expect(normalized[client.cache.identify({ __typename: 'Post', id: target })!]).toMatchObject({ content: 'Edited through Apollo' });
  });
});
