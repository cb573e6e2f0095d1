import { decodeGlobalID } from '@pothos/plugin-relay';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancelGenerationDocument } from '../generated/graphql.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { finished, followOverWebSocket, GENERATE, generate, input, jobOf } from './jobs-helpers.js';

type Caller = Awaited<ReturnType<TestApp['signUp']>>;

const LIMIT = 4;
let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await createTestApp({ env: { GENERATION_RATE_LIMIT_PER_MINUTE: String(LIMIT), GENERATION_LOCAL_CHUNK_DELAY_MS: '2', RATE_LIMIT_AUTH: '100000' } });
  base = await t.listen();
});
afterAll(() => t?.close());

const rawId = (id: string) => decodeGlobalID(id).id;

async function team() {
  const [owner, admin, editor, other, viewer] = await Promise.all(['Owner', 'Admin', 'Editor', 'Other editor', 'Viewer'].map((name) => t.signUp(name)));
  const created = await t.gql<{ createWorkspace: { id: string } }>(
    'mutation { createWorkspace(input: { name: "Studio" }) { id } }',
    {},
    { token: owner!.token },
  );
  const workspace = created.data!.createWorkspace.id;
  const roles = [
    [admin!, 'ADMIN'],
    [editor!, 'EDITOR'],
    [other!, 'EDITOR'],
    [viewer!, 'VIEWER'],
  ] as const;
  for (const [user, role] of roles) await t.app.db.prisma.workspaceMember.create({ data: { workspaceId: rawId(workspace), userId: rawId(user.id), role } });
  return { workspace, owner: owner!, admin: admin!, editor: editor!, other: other!, viewer: viewer! };
}

const cancel = (caller: Caller, id: string) => t.gql(print(CancelGenerationDocument), { id }, { token: caller.token });

describe('generation jobs belong to a workspace', () => {
  it("an EDITOR's job and its post are the workspace's: every member sees and follows it, nobody else", async () => {
    const { workspace, editor, viewer } = await team();
    const outsider = await t.signUp('Outsider');
    const job = await generate(t, editor.token, { topic: 'Studio launch', workspaceId: workspace });
    const row = await t.app.db.prisma.generationJob.findUniqueOrThrow({ where: { id: rawId(job.id) }, select: { workspaceId: true, userId: true } });
    expect(row).toEqual({ workspaceId: rawId(workspace), userId: rawId(editor.id) });

    const followed = followOverWebSocket(base, viewer.token, job.id);
    const done = await finished(t, viewer.token, job.id);
    expect(done.status).toBe('SUCCEEDED');
    const { events, errors } = await followed.done;
    expect(errors).toBeUndefined();
    expect(events.at(-1)?.job.status).toBe('SUCCEEDED');

    const post = await t.gql(
      'query ($id: ID!) { post(id: $id) { workspace { id } author { id } generatedBy { id } } }',
      { id: done.post!.id },
      { token: viewer.token },
    );
    expect(post.data!.post).toEqual({ workspace: { id: workspace }, author: { id: editor.id }, generatedBy: { id: job.id } });

    expect(await jobOf(t, outsider.token, job.id)).toBeNull();
    expect((await t.gql('query ($id: ID!) { node(id: $id) { id } }', { id: job.id }, { token: outsider.token })).data!.node).toBeNull();
    const refused = await followOverWebSocket(base, outsider.token, job.id).done;
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('VIEWERs and outsiders may not generate into it, and nothing is created', async () => {
    const { workspace, viewer } = await team();
    const outsider = await t.signUp('Outsider');
    const before = await t.app.db.prisma.generationJob.count({ where: { workspaceId: rawId(workspace) } });
    for (const caller of [viewer, outsider]) {
      const res = await t.gql(GENERATE, { input: input({ topic: 'Not mine to write', workspaceId: workspace }) }, { token: caller.token });
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await t.app.db.prisma.generationJob.count({ where: { workspaceId: rawId(workspace) } })).toBe(before);
  });

  it("another EDITOR may not cancel someone's job; its creator and an ADMIN may", async () => {
    const { workspace, admin, editor, other } = await team();
    const first = await generate(t, editor.token, { topic: 'Cancel by admin', workspaceId: workspace });
    expect((await cancel(other, first.id)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await cancel(admin, first.id)).data?.cancelGeneration).toMatchObject({ status: 'CANCELLED' });
    const second = await generate(t, editor.token, { topic: 'Cancel by creator', workspaceId: workspace });
    expect((await cancel(editor, second.id)).data?.cancelGeneration).toMatchObject({ status: 'CANCELLED' });
  });

  it('the rate limit stays per user across workspaces', async () => {
    const { workspace, editor, other } = await team();
    for (let i = 0; i < LIMIT; i++) await generate(t, editor.token, { topic: `Limit ${i} ${editor.id}`, ...(i % 2 ? { workspaceId: workspace } : {}) });
    const over = await t.gql(GENERATE, { input: input({ topic: `One more ${editor.id}`, workspaceId: workspace }) }, { token: editor.token });
    expect(over.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    // The workspace has no budget of its own: another member still generates into it.
    await generate(t, other.token, { topic: `Other ${other.id}`, workspaceId: workspace });
  });
});
