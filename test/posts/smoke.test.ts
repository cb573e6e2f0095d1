import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

describe('smoke', () => {
  it('creates and lists posts', async () => {
    const author = await t.signUp('Ann');
    const created = await t.gql('mutation { createPost(input: { content: "Hello #World from tests" }) { id hashtags status author { name email } } }', {}, { token: author.token });
    expect(created.errors).toBeUndefined();
    expect(created.data?.createPost).toMatchObject({ hashtags: ['world'], status: 'DRAFT', author: { name: 'Ann', email: author.email } });
    const counted = await t.countStatements(() => t.gql('{ posts(first: 10) { totalCount edges { node { id author { name } metrics { impressions } } } } }', {}, { token: author.token }));
    expect(counted.count).toBeGreaterThan(0);
    console.log(counted.statements);
  });
});
