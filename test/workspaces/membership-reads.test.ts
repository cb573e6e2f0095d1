import { decodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { RATE_LIMIT_AUTH: '100000' } });
});
afterAll(() => t?.close());

/** A statement that reads someone's role in a workspace (not the list of members a cache eviction needs). */
const readsRole = (sql: string) => /workspace_members/.test(sql) && /"role"/.test(sql);

describe('membership is read once per post mutation', () => {
  it("the auth scope's read of the caller's role is the one the workflow rules decide with", async () => {
    const owner = await t.signUp('Owner');
    const editor = await t.signUp('Editor');
    const created = await t.gql<{ createWorkspace: { id: string } }>(
      'mutation { createWorkspace(input: { name: "Once", requiresApproval: true }) { id } }',
      {},
      { token: owner.token },
    );
    const workspace = created.data!.createWorkspace.id;
    await t.app.db.prisma.workspaceMember.create({ data: { workspaceId: decodeGlobalID(workspace).id, userId: decodeGlobalID(editor.id).id, role: 'EDITOR' } });
    const draft = async () =>
      (
        await t.gql<{ createPost: { id: string } }>(
          'mutation ($w: ID!) { createPost(input: { content: "Once is enough", workspaceId: $w }) { id } }',
          { w: workspace },
          { token: editor.token },
        )
      ).data!.createPost.id;

    const mutations: [string, string][] = [
      ['updatePost', 'mutation ($id: ID!) { updatePost(id: $id, input: { content: "Edited once" }) { id } }'],
      ['submitForReview', 'mutation ($id: ID!) { submitForReview(id: $id) { status } }'],
      ['archivePost', 'mutation ($id: ID!) { archivePost(id: $id) { status } }'],
      ['deletePost', 'mutation ($id: ID!) { deletePost(id: $id) }'],
    ];
    for (const [name, mutation] of mutations) {
      const id = await draft();
      let answer: Awaited<ReturnType<TestApp['gql']>> | undefined;
      const { statements } = await t.countStatements(async () => {
        answer = await t.gql(mutation, { id }, { token: editor.token });
      });
      expect(answer?.errors, name).toBeUndefined();
      expect(statements.filter(readsRole), name).toHaveLength(1);
    }
    // The rules still see the approval setting from that one read: an EDITOR there cannot publish a draft.
    const id = await draft();
    const refused = await t.gql('mutation ($id: ID!) { publishPost(id: $id) { status } }', { id }, { token: editor.token });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
