// A Relay project's documents: relay-compiler reads these graphql tags (nothing imports this file).

graphql`
  query RelayFeedQuery($authorId: ID) {
    ...RelayFeed_query @arguments(authorId: $authorId)
  }
`;

graphql`
  fragment RelayFeed_query on Query
  @refetchable(queryName: "RelayFeedPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 3 }, cursor: { type: "String" }, authorId: { type: "ID" }) {
    posts(first: $count, after: $cursor, filter: { authorId: $authorId }) @connection(key: "RelayFeed_posts") {
      edges {
        node {
          id
          ...RelayPost_post
        }
      }
    }
  }
`;

graphql`
  fragment RelayPost_post on Post @refetchable(queryName: "RelayPostRefetchQuery") {
    id
    content
  }
`;

graphql`
  mutation RelayDeletePostMutation($id: ID!, $connections: [ID!]!) {
    deletePost(id: $id) @deleteEdge(connections: $connections)
  }
`;
