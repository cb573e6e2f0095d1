import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { carriesCacheMetadata, collectResultEntities, fieldTypesOf, withoutLibraryWalk } from '../../src/response-cache/result-entities.js';

const schema = buildSchema(`
  type Query { post(id: ID!): Post, posts: [Post!]! }
  type Post { id: ID!, title: String, tags: [String!]!, author: User!, metrics: Metrics, related: [Post!]! }
  type User { id: ID!, name: String! }
  type Metrics { reactions: Int! }
`);
const fieldTypes = fieldTypesOf(schema);
const ttlByType = { Post: 300_000, User: 600_000, Metrics: 30_000 };

/** A result shaped as the library's rewritten document returns it: metadata fields last. */
const executed = () => ({
  posts: [
    {
      id: 'p1',
      title: 'One',
      tags: ['a'],
      author: { id: 'u1', name: 'Ada', __responseCacheTypeName: 'User' },
      metrics: { reactions: 2, __responseCacheTypeName: 'Metrics' },
      related: [],
      __responseCacheTypeName: 'Post',
    },
    {
      title: 'Two',
      tags: [],
      author: { id: 'u1', name: 'Ada', __responseCacheTypeName: 'User' },
      metrics: null,
      related: [],
      __responseCacheTypeName: 'Post',
      __responseCacheId: 'p2',
    },
  ],
  __responseCacheTypeName: 'Query',
});

describe('collecting the entities of an executed result', () => {
  it('strips the metadata fields in place and lists each entity once', () => {
    const data = executed();
    expect(carriesCacheMetadata(data)).toBe(true);
    const { entities } = collectResultEntities(data, fieldTypes, ttlByType);
    expect(JSON.stringify(data)).not.toContain('__responseCache');
    expect(data.posts[1]).not.toHaveProperty('id');
    expect(entities).toEqual(
      expect.arrayContaining([
        { typename: 'Post', id: 'p1' },
        { typename: 'Post', id: 'p2' },
        { typename: 'User', id: 'u1' },
      ]),
    );
    expect(entities.filter((e) => e.typename === 'User')).toHaveLength(1);
    expect(carriesCacheMetadata(data)).toBe(false);
  });

  it('tags null and empty fields with the object types they would hold, never with scalars', () => {
    const { entities } = collectResultEntities(executed(), fieldTypes, ttlByType);
    const bare = entities.filter((e) => e.id === undefined).map((e) => e.typename);
    // `related: []` waits for posts and `metrics: null` for metrics; an empty `tags` list holds only strings.
    expect(bare.sort()).toEqual(['Metrics', 'Post']);
  });

  it('takes the shortest TTL among the types it meets, or none', () => {
    expect(collectResultEntities(executed(), fieldTypes, ttlByType).ttlMs).toBe(30_000);
    expect(
      collectResultEntities({ post: { id: 'p', title: 'x', __responseCacheTypeName: 'Post' }, __responseCacheTypeName: 'Query' }, fieldTypes, ttlByType).ttlMs,
    ).toBe(300_000);
    expect(collectResultEntities({ __responseCacheTypeName: 'Query' }, fieldTypes, {}).ttlMs).toBeUndefined();
  });

  it('hands the library data that serialises the same but that its walk leaves alone', () => {
    const data = executed();
    collectResultEntities(data, fieldTypes, ttlByType);
    const handed = withoutLibraryWalk(data);
    expect(Object.getPrototypeOf(handed)).not.toBe(Object.prototype);
    expect(JSON.stringify(handed)).toBe(JSON.stringify(data));
  });
});
