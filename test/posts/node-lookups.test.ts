import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturedLogger } from '../helpers/log-lines.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/** node(id:) and nodes(ids:) answer null for what is missing or not the caller's to see, with no error and no ERROR log line. */
const { logger, lines } = capturedLogger('warn');

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ app: { logger } });
});
afterAll(() => t.close());

const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');
const MISSING = '00000000-0000-4000-8000-000000000000';
const NODE = 'query ($id: ID!) { node(id: $id) { id } }';

describe('node and nodes', () => {
  it('answer null for missing, deleted and invisible objects of every type, entry by entry', async () => {
    const author = await t.signUp('Author');
    const other = await t.signUp('Other');
    const create = (content: string) =>
      t.gql<{ createPost: { id: string } }>('mutation ($c: String!) { createPost(input: { content: $c }) { id } }', { c: content }, { token: author.token });
    const draft = (await create('A draft only its author sees')).data!.createPost.id;
    const deleted = (await create('Deleted in a moment')).data!.createPost.id;
    await t.gql('mutation ($id: ID!) { deletePost(id: $id) }', { id: deleted }, { token: author.token });

    for (const id of [
      globalId('Post', MISSING),
      draft,
      deleted,
      globalId('User', MISSING),
      globalId('GenerationJob', MISSING),
      globalId('PublishAttempt', MISSING),
    ]) {
      const answer = await t.gql(NODE, { id }, { token: other.token });
      expect(answer, id).toEqual(expect.objectContaining({ status: 200, data: { node: null } }));
      expect(answer.errors).toBeUndefined();
    }
    const mixed = await t.gql('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [draft, author.id, deleted] }, { token: other.token });
    expect(mixed.errors).toBeUndefined();
    expect(mixed.data).toEqual({ nodes: [null, { id: author.id }, null] });
    // The author still gets their own draft.
    expect((await t.gql(NODE, { id: draft }, { token: author.token })).data).toEqual({ node: { id: draft } });
    expect(lines.filter((l) => l.level === 'error' || l.level === 'fatal')).toEqual([]);
  });
});
