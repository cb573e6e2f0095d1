import { decodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

type Caller = Awaited<ReturnType<TestApp['signUp']>>;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { RATE_LIMIT_AUTH: '100000' } });
});
afterAll(() => t?.close());

const rawId = (id: string) => decodeGlobalID(id).id;

async function createWorkspace(owner: Caller, name = 'Agency') {
  const res = await t.gql<{ createWorkspace: { id: string } }>(
    'mutation ($name: String!) { createWorkspace(input: { name: $name }) { id } }',
    { name },
    { token: owner.token },
  );
  return res.data!.createWorkspace.id;
}

/** Until invitations land, members join in the database. */
async function join(workspace: string, user: Caller, role: 'ADMIN' | 'EDITOR' | 'VIEWER') {
  await t.app.db.prisma.workspaceMember.create({ data: { workspaceId: rawId(workspace), userId: rawId(user.id), role } });
}

async function draft(caller: Caller, content: string, workspaceId?: string) {
  const res = await t.gql<{ createPost: { id: string; workspace: { id: string; personal: boolean } } }>(
    'mutation ($content: String!, $w: ID) { createPost(input: { content: $content, workspaceId: $w }) { id workspace { id personal } } }',
    { content, w: workspaceId },
    { token: caller.token },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.createPost;
}

const FEED = `query ($id: ID!, $first: Int) {
  workspace(id: $id) { name viewerRole posts(first: $first) { totalCount edges { node { id content author { name } workspace { id } } } } }
}`;

describe('workspaces', () => {
  it('gives every new account a personal workspace it owns, where posts go by default', async () => {
    const writer = await t.signUp('Writer');
    const res = await t.gql<any>(
      '{ me { workspaces { totalCount edges { node { id name personal requiresApproval viewerRole members { totalCount } } } } } }',
      {},
      { token: writer.token },
    );
    expect(res.errors).toBeUndefined();
    const data = res.data;
    expect(data.me.workspaces.totalCount).toBe(1);
    const [personal] = data.me.workspaces.edges;
    expect(personal.node).toMatchObject({ name: 'Personal', personal: true, requiresApproval: false, viewerRole: 'OWNER', members: { totalCount: 1 } });
    const post = await draft(writer, 'Mine');
    expect(post.workspace).toEqual({ id: personal.node.id, personal: true });
  });

  it('creates shared workspaces owned by their creator, and lets OWNERs and ADMINs change their settings', async () => {
    const owner = await t.signUp('Owner');
    const admin = await t.signUp('Admin');
    const editor = await t.signUp('Editor');
    const created = await t.gql<any>(
      'mutation { createWorkspace(input: { name: "  Acme Social  ", requiresApproval: true }) { id name personal requiresApproval viewerRole } }',
      {},
      { token: owner.token },
    );
    expect(created.data.createWorkspace).toMatchObject({ name: 'Acme Social', personal: false, requiresApproval: true, viewerRole: 'OWNER' });
    const id = created.data.createWorkspace.id;
    await join(id, admin, 'ADMIN');
    await join(id, editor, 'EDITOR');
    const rename = 'mutation ($id: ID!, $name: String) { updateWorkspace(id: $id, input: { name: $name, requiresApproval: false }) { name requiresApproval } }';
    expect((await t.gql<any>(rename, { id, name: 'Acme' }, { token: admin.token })).data.updateWorkspace).toEqual({ name: 'Acme', requiresApproval: false });
    expect((await t.gql(rename, { id, name: 'Mine now' }, { token: editor.token })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const blank = await t.gql(rename, { id, name: '   ' }, { token: owner.token });
    expect(blank.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.name', message: 'must not be empty' }] });
    expect((await t.gql<any>('query ($id: ID!) { workspace(id: $id) { name } }', { id }, { token: owner.token })).data.workspace.name).toBe('Acme');
  });

  it('shows members every post of the workspace, and nobody else its drafts or the workspace itself', async () => {
    const owner = await t.signUp('Lead');
    const viewer = await t.signUp('Reader');
    const stranger = await t.signUp('Stranger');
    const workspace = await createWorkspace(owner);
    await join(workspace, viewer, 'VIEWER');
    const post = await draft(owner, 'Team draft', workspace);
    const seen = await t.gql<any>(FEED, { id: workspace }, { token: viewer.token });
    expect(seen.data.workspace.viewerRole).toBe('VIEWER');
    expect(seen.data.workspace.posts.edges.map((e: any) => e.node)).toEqual([
      { id: post.id, content: 'Team draft', author: { name: 'Lead' }, workspace: { id: workspace } },
    ]);
    expect((await t.gql<any>('query ($id: ID!) { post(id: $id) { content } }', { id: post.id }, { token: viewer.token })).data.post.content).toBe('Team draft');
    for (const token of [stranger.token, undefined]) {
      const look = await t.gql<any>(
        'query ($w: ID!, $p: ID!) { workspace(id: $w) { id } node(id: $w) { id } nodes(ids: [$w, $p]) { id } post(id: $p) { id } }',
        { w: workspace, p: post.id },
        { token },
      );
      expect(look.errors).toBeUndefined();
      expect(look.data).toEqual({ workspace: null, node: null, nodes: [null, null], post: null });
    }
    // A VIEWER reads only.
    const refused = await t.gql(
      'mutation ($w: ID!) { createPost(input: { content: "x", workspaceId: $w }) { id } }',
      { w: workspace },
      { token: viewer.token },
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await t.app.db.prisma.post.count({ where: { workspaceId: rawId(workspace) } })).toBe(1);
  });

  it('reads a page of the feed of a workspace with its authors in at most 2 statements, whatever its size', async () => {
    const owner = await t.signUp('Big');
    const workspace = await createWorkspace(owner, 'Big team');
    const members = [];
    for (let i = 0; i < 5; i++) {
      const member = await t.signUp(`Member ${i}`);
      await join(workspace, member, 'EDITOR');
      members.push(member);
    }
    for (let i = 0; i < 30; i++)
      await t.app.services.posts.create({ userId: rawId(members[i % 5]!.id), requestId: null }, { content: `Post ${i}`, workspaceId: rawId(workspace) });
    // A new operation name each time, so the response cache never answers instead.
    let run = 0;
    const page = 'query ($id: ID!, $first: Int) { workspace(id: $id) { name posts(first: $first) { edges { node { id content author { name } } } } } }';
    const feed = (first: number, query = page) => t.gql<any>(query.replace('query', `query Feed${++run}`), { id: workspace, first }, { token: owner.token });
    const one = await t.countStatements(() => feed(1), { tries: 3 });
    const many = await t.countStatements(
      async () => {
        const { data } = await feed(25);
        expect(data.workspace.posts.edges).toHaveLength(25);
        expect(new Set(data.workspace.posts.edges.map((e: any) => e.node.author.name)).size).toBe(5);
      },
      { tries: 3 },
    );
    expect(many.count).toBe(one.count);
    expect(many.count).toBeLessThanOrEqual(2);
    // totalCount and the caller's roles (viewerRole, Post.workspace) cost one statement each, whatever the page's size.
    const fullOne = await t.countStatements(() => feed(1, FEED), { tries: 3 });
    const fullMany = await t.countStatements(() => feed(25, FEED), { tries: 3 });
    expect(fullMany.count).toBe(fullOne.count);
    expect(fullMany.count).toBeLessThanOrEqual(4);
    expect((await feed(1, FEED)).data.workspace.posts.totalCount).toBe(30);
  });

  it("refuses to delete the account of a shared workspace's only owner, naming the workspace, and deletes the rest with a lone member", async () => {
    const owner = await t.signUp('Founder');
    const member = await t.signUp('Member');
    const shared = await createWorkspace(owner, 'Founders Inc');
    const alone = await createWorkspace(owner, 'Side project');
    await join(shared, member, 'EDITOR');
    const del = 'mutation { deleteAccount(password: "correct horse battery") }';
    const refused = await t.gql(del, {}, { token: owner.token });
    expect(refused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(refused.errors?.[0]?.message).toContain('"Founders Inc"');
    expect(refused.errors?.[0]?.message).not.toContain('Side project');
    await t.app.db.prisma.workspaceMember.update({
      where: { workspaceId_userId: { workspaceId: rawId(shared), userId: rawId(member.id) } },
      data: { role: 'OWNER' },
    });
    expect((await t.gql(del, {}, { token: owner.token })).errors).toBeUndefined();
    const left = await t.app.db.prisma.workspace.findMany({ where: { id: { in: [rawId(shared), rawId(alone)] } }, select: { name: true } });
    expect(left).toEqual([{ name: 'Founders Inc' }]);
    expect(await t.app.db.prisma.workspace.count({ where: { members: { none: {} } } })).toBe(0);
  });

  it("evicts a member's cached feed when another member writes in the workspace, and leaves other workspaces' answers cached", async () => {
    const owner = await t.signUp('Cache owner');
    const editor = await t.signUp('Cache editor');
    const workspace = await createWorkspace(owner, 'Cached');
    const elsewhere = await createWorkspace(owner, 'Elsewhere');
    await join(workspace, editor, 'EDITOR');
    await draft(owner, 'First');
    const read = (id: string) => t.gql<any>(FEED, { id, first: 10 }, { token: owner.token });
    const count = async (id: string) => (await read(id)).data.workspace.posts.totalCount;
    expect(await count(workspace)).toBe(0);
    expect(await count(elsewhere)).toBe(0);
    const hits = async (id: string) => (await t.countStatements(() => read(id))).count;
    expect(await hits(workspace)).toBe(0);
    expect(await hits(elsewhere)).toBe(0);
    await draft(editor, 'Written by the editor', workspace);
    expect(await count(workspace)).toBe(1);
    // The other workspace was not touched: still answered from the cache.
    expect(await hits(elsewhere)).toBe(0);
  });
});

describe('invitations and membership', () => {
  const INVITE =
    'mutation ($w: ID!, $email: String!, $role: WorkspaceRole!) { inviteMember(input: { workspaceId: $w, email: $email, role: $role }) { id email role token expiresAt } }';
  const ACCEPT = 'mutation ($token: String!) { acceptInvitation(token: $token) { id viewerRole } }';
  const code = (res: { errors?: { extensions?: Record<string, any> }[] }) => res.errors?.[0]?.extensions?.code;

  it('lets the invited user join once with the role given, shows the token to the inviter only, and refuses it to anyone else', async () => {
    const owner = await t.signUp('Inviter');
    const invitee = await t.signUp('Invitee');
    const intruder = await t.signUp('Intruder');
    const workspace = await createWorkspace(owner, 'Invites');
    const look = 'query ($id: ID!) { workspace(id: $id) { id viewerRole } }';
    // Cached as the invitee's own null before they join; joining must evict it.
    expect((await t.gql<any>(look, { id: workspace }, { token: invitee.token })).data.workspace).toBeNull();
    const sent = await t.gql<any>(INVITE, { w: workspace, email: ` ${invitee.email.toUpperCase()} `, role: 'EDITOR' }, { token: owner.token });
    const { token, email } = sent.data.inviteMember;
    expect(email).toBe(invitee.email);
    expect(token).toMatch(/^lpa_inv_/);
    const stored = await t.app.db.prisma.workspaceInvitation.findFirstOrThrow({ where: { email: invitee.email } });
    expect(stored.tokenHash).not.toContain(token);
    const listed = await t.gql<any>(
      'query ($id: ID!) { workspace(id: $id) { invitations { edges { node { email token } } } } }',
      { id: workspace },
      { token: owner.token },
    );
    expect(listed.data.workspace.invitations.edges).toEqual([{ node: { email: invitee.email, token: null } }]);

    expect(code(await t.gql(ACCEPT, { token }, { token: intruder.token }))).toBe('FORBIDDEN');
    const joined = await t.gql<any>(ACCEPT, { token }, { token: invitee.token });
    expect(joined.data.acceptInvitation).toEqual({ id: workspace, viewerRole: 'EDITOR' });
    expect((await t.gql<any>(look, { id: workspace }, { token: invitee.token })).data.workspace).toEqual({ id: workspace, viewerRole: 'EDITOR' });
    const again = await t.gql(ACCEPT, { token }, { token: invitee.token });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'token' }] });
  });

  it('refuses revoked, expired and unknown tokens alike, invitations to a personal workspace, and OWNER invitations from ADMINs', async () => {
    const owner = await t.signUp('Strict owner');
    const admin = await t.signUp('Strict admin');
    const invitee = await t.signUp('Late invitee');
    const workspace = await createWorkspace(owner, 'Strict');
    await join(workspace, admin, 'ADMIN');
    const invite = async () => (await t.gql<any>(INVITE, { w: workspace, email: invitee.email, role: 'VIEWER' }, { token: admin.token })).data.inviteMember;
    const revoked = await invite();
    expect(
      (await t.gql<any>('mutation ($id: ID!) { revokeInvitation(id: $id) { revokedAt } }', { id: revoked.id }, { token: admin.token })).data.revokeInvitation
        .revokedAt,
    ).not.toBeNull();
    const expired = await invite();
    await t.app.db.prisma.workspaceInvitation.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    for (const token of [revoked.token, expired.token, 'lpa_inv_made_up']) {
      expect(code(await t.gql(ACCEPT, { token }, { token: invitee.token }))).toBe('BAD_USER_INPUT');
    }
    expect(await t.app.db.prisma.workspaceMember.count({ where: { workspaceId: rawId(workspace) } })).toBe(2);
    expect(code(await t.gql(INVITE, { w: workspace, email: 'boss@example.com', role: 'OWNER' }, { token: admin.token }))).toBe('FORBIDDEN');
    const personal = (await t.gql<any>('{ me { workspaces { edges { node { id personal } } } } }', {}, { token: owner.token })).data.me.workspaces.edges.find(
      (e: any) => e.node.personal,
    ).node.id;
    expect(code(await t.gql(INVITE, { w: personal, email: 'friend@example.com', role: 'EDITOR' }, { token: owner.token }))).toBe('CONFLICT');
  });

  it('always keeps an OWNER: role changes, removal and leaving', async () => {
    const owner = await t.signUp('Only owner');
    const admin = await t.signUp('Helper');
    const workspace = await createWorkspace(owner, 'Owned');
    await join(workspace, admin, 'ADMIN');
    const CHANGE = 'mutation ($w: ID!, $u: ID!, $role: WorkspaceRole!) { changeMemberRole(workspaceId: $w, userId: $u, role: $role) }';
    const LEAVE = 'mutation ($w: ID!) { leaveWorkspace(workspaceId: $w) }';
    expect(code(await t.gql(CHANGE, { w: workspace, u: owner.id, role: 'ADMIN' }, { token: owner.token }))).toBe('CONFLICT');
    expect(code(await t.gql(CHANGE, { w: workspace, u: owner.id, role: 'VIEWER' }, { token: admin.token }))).toBe('FORBIDDEN');
    expect(code(await t.gql(CHANGE, { w: workspace, u: admin.id, role: 'OWNER' }, { token: admin.token }))).toBe('FORBIDDEN');
    expect(code(await t.gql(LEAVE, { w: workspace }, { token: owner.token }))).toBe('CONFLICT');
    expect((await t.gql<any>(CHANGE, { w: workspace, u: admin.id, role: 'OWNER' }, { token: owner.token })).data.changeMemberRole).toBe(true);
    expect((await t.gql<any>(LEAVE, { w: workspace }, { token: owner.token })).data.leaveWorkspace).toBe(true);
    expect((await t.gql<any>('query ($id: ID!) { workspace(id: $id) { id } }', { id: workspace }, { token: owner.token })).data.workspace).toBeNull();
    const REMOVE = 'mutation ($w: ID!, $u: ID!) { removeMember(workspaceId: $w, userId: $u) }';
    expect(code(await t.gql(REMOVE, { w: workspace, u: admin.id }, { token: admin.token }))).toBe('CONFLICT');
    const roles = await t.app.db.prisma.workspaceMember.findMany({ where: { workspaceId: rawId(workspace) }, select: { role: true } });
    expect(roles).toEqual([{ role: 'OWNER' }]);
  });
});
