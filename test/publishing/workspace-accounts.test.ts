import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/test-app.js';
import { createPublishingTestApp, type PublishingTestApp, rawId } from './publishing-app.js';

type Caller = Awaited<ReturnType<TestApp['signUp']>>;

let p: PublishingTestApp;
beforeAll(async () => {
  p = await createPublishingTestApp({ RATE_LIMIT_AUTH: '100000' });
  await p.t.listen();
});
afterAll(() => p?.close());

const CONNECT = 'mutation ($w: ID) { connectLinkedIn(workspaceId: $w) { url } }';
const ACCOUNTS = 'query ($w: ID!) { workspace(id: $w) { linkedInAccounts { id urn name } } }';
const PUBLISH = 'mutation ($id: ID!, $accountId: ID) { publishPost(id: $id, accountId: $accountId) { status linkedInAccount { id } } }';
const cookieOf = (response: { headers: Headers }) => response.headers.getSetCookie()[0]!.split(';')[0]!;
const accountGid = (id: string) => encodeGlobalID('LinkedInAccount', id);

/** A shared workspace of `owner` with one member of each other role. */
async function team(names: string) {
  const [owner, admin, editor, viewer] = await Promise.all(['Owner', 'Admin', 'Editor', 'Viewer'].map((role) => p.t.signUp(`${names} ${role}`)));
  const created = await p.t.gql<{ createWorkspace: { id: string } }>(
    'mutation { createWorkspace(input: { name: "Team" }) { id } }',
    {},
    { token: owner!.token },
  );
  const workspace = created.data!.createWorkspace.id;
  const members = [
    [admin!, 'ADMIN'],
    [editor!, 'EDITOR'],
    [viewer!, 'VIEWER'],
  ] as const;
  for (const [user, role] of members) {
    await p.t.app.db.prisma.workspaceMember.create({ data: { workspaceId: rawId(workspace), userId: rawId(user.id), role } });
  }
  return { workspace, owner: owner!, admin: admin!, editor: editor!, viewer: viewer! };
}

async function draftIn(caller: Caller, workspace: string) {
  const res = await p.t.gql<{ createPost: { id: string } }>(
    'mutation ($content: String!, $w: ID) { createPost(input: { content: $content, workspaceId: $w }) { id } }',
    { content: `Team post ${Math.random().toString(36).slice(2)}`, w: workspace },
    { token: caller.token },
  );
  return res.data!.createPost.id;
}

async function accountsOf(workspace: string, caller: Caller) {
  const res = await p.t.gql<{ workspace: { linkedInAccounts: { id: string; urn: string }[] } | null }>(ACCOUNTS, { w: workspace }, { token: caller.token });
  expect(res.errors).toBeUndefined();
  return res.data!.workspace?.linkedInAccounts ?? null;
}

describe('LinkedIn accounts belong to a workspace', () => {
  it('an ADMIN connects one into the workspace through OAuth; every member sees it and an EDITOR publishes with it', async () => {
    const { workspace, admin, editor, viewer } = await team('Oauth');
    const started = await p.t.gql(CONNECT, { w: workspace }, { token: admin.token });
    expect(started.errors).toBeUndefined();
    const callback = await p.consentAndReturn(started.data!.connectLinkedIn.url, cookieOf(started));
    expect(callback.status).toBe(200);
    const { linkedInAccount } = (await callback.json()) as { linkedInAccount: { id: string } };

    expect(await accountsOf(workspace, viewer)).toEqual([expect.objectContaining({ id: linkedInAccount.id, name: 'Ada Lovelace' })]);
    const row = await p.t.app.db.prisma.linkedInAccount.findUniqueOrThrow({ where: { id: rawId(linkedInAccount.id) } });
    expect(row).toMatchObject({ workspaceId: rawId(workspace), userId: rawId(admin.id) });
    // Not in the ADMIN's personal workspace.
    const personal = await p.t.gql('{ me { workspaces { edges { node { personal linkedInAccounts { id } } } } } }', {}, { token: admin.token });
    const personalAccounts = personal.data!.me.workspaces.edges.find((e: { node: { personal: boolean } }) => e.node.personal).node.linkedInAccounts;
    expect(personalAccounts).toEqual([]);

    // The EDITOR connected nothing: the workspace's account is their post's default.
    const postId = await draftIn(editor, workspace);
    const sent = await p.t.gql(PUBLISH, { id: postId }, { token: editor.token });
    expect(sent.errors).toBeUndefined();
    expect(sent.data!.publishPost).toEqual({ status: 'PUBLISHING', linkedInAccount: { id: linkedInAccount.id } });
    expect((await p.settle(postId)).status).toBe('PUBLISHED');
  });

  it('the same LinkedIn member connected to two workspaces is two accounts, each refreshed on reconnecting', async () => {
    const { workspace, owner } = await team('Twice');
    const personal = await p.connect(owner.id);
    const shared = await p.connect(owner.id, { workspaceId: workspace });
    const again = await p.connect(owner.id, { workspaceId: workspace });
    expect(shared).not.toBe(personal);
    expect(again).toBe(shared);
    expect(await accountsOf(workspace, owner)).toEqual([expect.objectContaining({ id: accountGid(shared) })]);
  });

  it('EDITORs and VIEWERs may not connect one; nothing is started', async () => {
    const { workspace, editor, viewer } = await team('Refused');
    for (const caller of [editor, viewer]) {
      const res = await p.t.gql(CONNECT, { w: workspace }, { token: caller.token });
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(res.data?.connectLinkedIn ?? null).toBeNull();
    }
    // Without a workspace: the caller's personal one, which they own.
    expect((await p.t.gql(CONNECT, {}, { token: editor.token })).errors).toBeUndefined();
  });

  it('a member demoted while consenting on LinkedIn is refused at the callback and nothing is stored', async () => {
    const { workspace, admin } = await team('Demoted');
    const started = await p.t.gql(CONNECT, { w: workspace }, { token: admin.token });
    await p.t.app.db.prisma.workspaceMember.update({
      where: { workspaceId_userId: { workspaceId: rawId(workspace), userId: rawId(admin.id) } },
      data: { role: 'EDITOR' },
    });
    const exchanges = p.fake.requests.filter((r) => r.path === '/oauth/v2/accessToken').length;
    const callback = await p.consentAndReturn(started.data!.connectLinkedIn.url, cookieOf(started));
    expect(callback.status).toBe(403);
    expect(await callback.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(p.fake.requests.filter((r) => r.path === '/oauth/v2/accessToken')).toHaveLength(exchanges);
    expect(await p.t.app.db.prisma.linkedInAccount.count({ where: { workspaceId: rawId(workspace) } })).toBe(0);
  });

  it("publishes with the workspace's most recently connected account by default, and only with the workspace's own", async () => {
    const { workspace, owner, editor } = await team('Choice');
    const older = await p.connect(owner.id, { workspaceId: workspace, member: { sub: 'old-one', givenName: 'Old', familyName: 'One', email: 'o@x.io' } });
    const newer = await p.connect(owner.id, { workspaceId: workspace, member: { sub: 'new-one', givenName: 'New', familyName: 'One', email: 'n@x.io' } });
    const elsewhere = await p.connect(editor.id);

    const foreign = await draftIn(editor, workspace);
    const refused = await p.t.gql(PUBLISH, { id: foreign, accountId: accountGid(elsewhere) }, { token: editor.token });
    expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const scheduled = await p.t.gql(
      'mutation ($id: ID!, $at: DateTime!, $a: ID) { schedulePost(id: $id, at: $at, accountId: $a) { id } }',
      { id: foreign, at: new Date(Date.now() + 3600_000).toISOString(), a: accountGid(elsewhere) },
      { token: editor.token },
    );
    expect(scheduled.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await p.t.app.db.prisma.post.findUniqueOrThrow({ where: { id: rawId(foreign) }, select: { status: true, linkedInAccountId: true } })).toEqual({
      status: 'DRAFT',
      linkedInAccountId: null,
    });

    const byDefault = await p.t.gql(PUBLISH, { id: foreign }, { token: editor.token });
    expect(byDefault.data!.publishPost.linkedInAccount).toEqual({ id: accountGid(newer) });
    const chosen = await draftIn(editor, workspace);
    const withOlder = await p.t.gql(PUBLISH, { id: chosen, accountId: accountGid(older) }, { token: editor.token });
    expect(withOlder.data!.publishPost.linkedInAccount).toEqual({ id: accountGid(older) });
  });

  it('only OWNERs and ADMINs disconnect one; outside the workspace it does not exist', async () => {
    const { workspace, owner, admin, viewer } = await team('Disconnect');
    const outsider = await p.t.signUp('Outsider');
    const account = accountGid(await p.connect(owner.id, { workspaceId: workspace }));
    const DISCONNECT = 'mutation ($id: ID!) { disconnectLinkedIn(id: $id) }';
    expect((await p.t.gql(DISCONNECT, { id: account }, { token: outsider.token })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await p.t.gql('query ($id: ID!) { node(id: $id) { id } }', { id: account }, { token: outsider.token })).data!.node).toBeNull();
    expect((await p.t.gql('query ($id: ID!) { node(id: $id) { id } }', { id: account }, { token: viewer.token })).data!.node).toEqual({ id: account });
    expect((await p.t.gql(DISCONNECT, { id: account }, { token: viewer.token })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await accountsOf(workspace, owner)).toHaveLength(1);
    expect((await p.t.gql(DISCONNECT, { id: account }, { token: admin.token })).data!.disconnectLinkedIn).toBe(account);
    expect(await accountsOf(workspace, owner)).toEqual([]);
  });
});
