import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { recordAudit } from '../../src/modules/audit/audit.service.js';
import { createPublishingTestApp, type PublishingTestApp, rawId } from '../publishing/publishing-app.js';
import { type Caller, entriesOf, join, ok, withRequestId } from './audit-helpers.js';

const LOG = `query ($w: ID!, $first: Int, $after: String, $last: Int, $before: String, $filter: AuditLogFilter) {
  workspace(id: $w) {
    auditLog(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { id action actor { id name } systemActor targetType targetId requestId createdAt changes { field before after } } }
    }
  }
}`;

interface Entry {
  id: string;
  action: string;
  actor: { id: string; name: string } | null;
  systemActor: string | null;
  targetType: string;
  targetId: string;
  requestId: string | null;
  createdAt: string;
  changes: { field: string; before: string | null; after: string | null }[];
}
interface Log {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  edges: { cursor: string; node: Entry }[];
}

let p: PublishingTestApp;
const c = {} as Record<'owner' | 'admin' | 'editor' | 'viewer' | 'outsider', Caller>;
let workspace: string;

const gql = async <T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, token = c.owner.token) =>
  ok<T>(await p.t.gql<T>(query, variables, { token }));
const log = async (variables: Record<string, unknown> = {}, token = c.owner.token) =>
  (await gql<{ workspace: { auditLog: Log } }>(LOG, { w: workspace, ...variables }, token)).workspace.auditLog;
const draft = async (token = c.owner.token, content = `Audit log draft ${Math.random()}`) =>
  (
    await gql<{ createPost: { id: string } }>(
      'mutation ($w: ID!, $c: String!) { createPost(input: { workspaceId: $w, content: $c }) { id } }',
      { w: workspace, c: content },
      token,
    )
  ).createPost.id;

beforeAll(async () => {
  p = await createPublishingTestApp();
  for (const name of ['owner', 'admin', 'editor', 'viewer', 'outsider'] as const) c[name] = await p.t.signUp(name);
  workspace = (await gql<{ createWorkspace: { id: string } }>('mutation { createWorkspace(input: { name: "Logged" }) { id } }')).createWorkspace.id;
  await join(p.t, workspace, c.admin, 'ADMIN');
  await join(p.t, workspace, c.editor, 'EDITOR');
  await join(p.t, workspace, c.viewer, 'VIEWER');
  await p.connect(c.owner.id, { workspaceId: workspace });
}, 120_000);
afterAll(() => p?.close());

describe('Workspace.auditLog', () => {
  it('is for OWNERs and ADMINs: FORBIDDEN for EDITORs and VIEWERs, and no workspace at all for outsiders', async () => {
    expect((await log({}, c.admin.token)).totalCount).toBeGreaterThan(0);
    for (const member of [c.editor, c.viewer]) {
      const refused = await p.t.gql(LOG, { w: workspace }, { token: member.token });
      expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    }
    expect((await p.t.gql(LOG, { w: workspace }, { token: c.outsider.token })).data).toEqual({ workspace: null });
    expect((await p.t.gql(LOG, { w: workspace })).data).toEqual({ workspace: null });
  });

  it('lists each step of a post with its actor, newest first, down to the worker publishing it with the request id of publishPost', async () => {
    await p.connect(c.editor.id, { workspaceId: workspace });
    const id = await draft(c.editor.token, 'Launch day: the new editor ships #launch');
    await gql('mutation ($id: ID!) { submitForReview(id: $id) { id } }', { id }, c.editor.token);
    await gql('mutation ($id: ID!) { approvePost(id: $id) { id } }', { id }, c.admin.token);
    const published = await withRequestId(p.t, 'mutation ($id: ID!) { publishPost(id: $id) { id } }', { id }, c.editor.token);
    ok(published);
    await p.settle(id, ['PUBLISHED']);

    const steps = (await log({ filter: { targetId: id } })).edges.map(({ node }) => node);
    expect(steps.map((step) => [step.action, step.actor?.name ?? step.systemActor])).toEqual([
      ['POST_PUBLISHED', 'PUBLISHING_WORKER'],
      ['POST_PUBLISH_REQUESTED', 'editor'],
      ['POST_APPROVED', 'admin'],
      ['POST_SUBMITTED_FOR_REVIEW', 'editor'],
      ['POST_CREATED', 'editor'],
    ]);
    expect(steps.slice(0, 2).map((step) => step.requestId)).toEqual([published.requestId, published.requestId]);
    expect(steps.every((step) => step.targetType === 'POST' && step.targetId === id)).toBe(true);
    expect(steps[0]!.changes).toContainEqual({ field: 'status', before: 'PUBLISHING', after: 'PUBLISHED' });
    expect(steps[2]!.changes).toEqual([{ field: 'status', before: 'IN_REVIEW', after: 'APPROVED' }]);
    // The body is an excerpt at most, whatever its length.
    expect(steps[4]!.changes).toContainEqual({ field: 'content', before: null, after: 'Launch day: the new editor ships #launch' });
  });

  it('records a scheduled post picked up by the worker as PUBLISHING, then PUBLISHED', async () => {
    const id = await draft();
    const at = new Date(Date.now() + 1500).toISOString();
    const scheduled = await withRequestId(p.t, 'mutation ($id: ID!, $at: DateTime!) { schedulePost(id: $id, at: $at) { id } }', { id, at }, c.owner.token);
    ok(scheduled);
    await vi.waitFor(() => p.settle(id, ['PUBLISHED']), { timeout: 20_000 });
    const steps = (await log({ filter: { targetId: id, actions: ['POST_PUBLISHING', 'POST_PUBLISHED'] } })).edges.map(({ node }) => node);
    expect(steps.map((step) => [step.action, step.systemActor, step.actor, step.requestId])).toEqual([
      ['POST_PUBLISHED', 'PUBLISHING_WORKER', null, scheduled.requestId],
      ['POST_PUBLISHING', 'PUBLISHING_WORKER', null, scheduled.requestId],
    ]);
  });

  it('records a failed publish as the worker giving up', async () => {
    p.fake.enqueue({ kind: 'unauthorized' }, 'posts');
    const id = await draft();
    await gql('mutation ($id: ID!) { publishPost(id: $id) { id } }', { id });
    await p.settle(id, ['FAILED']);
    const [failed] = (await log({ filter: { targetId: id, actions: ['POST_PUBLISH_FAILED'] } })).edges;
    expect(failed!.node).toMatchObject({ systemActor: 'PUBLISHING_WORKER', changes: [{ field: 'status', before: 'PUBLISHING', after: 'FAILED' }] });
  });

  it('keeps a long body as an 80-character excerpt, cut between characters (emoji included)', async () => {
    const id = await draft(c.owner.token, `${'🚀'.repeat(150)} ${'word '.repeat(400)}`);
    const [created] = (await log({ filter: { targetId: id } })).edges;
    const content = created!.node.changes.find((change) => change.field === 'content')!.after!;
    expect(Array.from(content)).toHaveLength(80);
    expect(content).toBe(`${'🚀'.repeat(79)}…`);
  });

  it('filters by action, actor, target type and time, and counts what matches', async () => {
    const start = new Date(Date.now() - 1).toISOString();
    const byAdmin = await draft(c.admin.token);
    await draft(c.editor.token);
    const all = await log({ filter: { createdAfter: start } });
    expect(all.edges.map(({ node }) => node.action)).toEqual(['POST_CREATED', 'POST_CREATED']);
    const admins = await log({ filter: { actorId: c.admin.id, actions: ['POST_CREATED'], createdAfter: start } });
    expect(admins.edges.map(({ node }) => node.targetId)).toEqual([byAdmin]);
    expect(admins.totalCount).toBe(1);
    expect((await log({ filter: { createdBefore: start, targetTypes: ['WORKSPACE'] } })).edges.map(({ node }) => node.action)).toEqual(['WORKSPACE_CREATED']);
    expect((await log({ filter: { actions: ['MEMBER_REMOVED'] } })).totalCount).toBe(0);
  });

  it('pages newest first by keyset, forward and backward, with entries arriving meanwhile', async () => {
    for (let i = 0; i < 5; i++) await draft();
    const everything = (await log({ first: 100 })).edges.map(({ node }) => node.id);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Log = await log({ first: 3, after });
      seen.push(...page.edges.map(({ node }) => node.id));
      // A new entry while paging lands before the first page, never in the pages still to come.
      if (!after) await draft();
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(everything);
    const last = await log({ last: 2 });
    expect(last.edges.map(({ node }) => node.id)).toEqual(everything.slice(-2));
    const before = await log({ last: 2, before: last.edges[0]!.cursor });
    expect(before.edges.map(({ node }) => node.id)).toEqual(everything.slice(-4, -2));
  });

  it('refuses a cursor it did not hand out, an ID of something it does not record, and first with last, as BAD_USER_INPUT', async () => {
    for (const variables of [
      { after: 'bm90LWEtY3Vyc29y' },
      { before: Buffer.from('audit:12:not-a-uuid').toString('base64url') },
      { filter: { targetId: encodeGlobalID('ServiceToken', '00000000-0000-0000-0000-000000000000') } },
      { first: 1, last: 1 },
    ]) {
      const refused = await p.t.gql(LOG, { w: workspace, ...variables }, { token: c.owner.token });
      expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    }
  });

  it('loads a page of entries and their actors in a constant number of statements (no N+1)', async () => {
    for (const member of [c.admin, c.editor]) await draft(member.token);
    const query = 'query ($w: ID!, $first: Int) { workspace(id: $w) { auditLog(first: $first) { edges { node { action actor { name } } } } } }';
    const count = async (first: number) =>
      (await p.t.countStatements(() => p.t.gql(query, { w: workspace, first }, { token: c.owner.token }), { tries: 2 })).count;
    expect(await count(40)).toBe(await count(2));
  });
});

describe('queue entries', () => {
  const SET = `mutation ($w: ID!, $a: ID!, $zone: String!, $slots: [PostingSlotInput!]!) {
    setPostingSchedule(workspaceId: $w, accountId: $a, input: { timeZone: $zone, slots: $slots }) { timeZone }
  }`;

  it("record a posting schedule's zone and slots as they were and became, and how many posts a shuffle moved", async () => {
    const member = { sub: `queue-${Math.random()}`, givenName: 'Queue', familyName: 'Account', email: 'queue@example.com' };
    const a = encodeGlobalID('LinkedInAccount', await p.connect(c.owner.id, { member, workspaceId: workspace }));
    const set = async (zone: string, slots: { weekday: number; time: string }[]) => {
      const response = await withRequestId(p.t, SET, { w: workspace, a, zone, slots }, c.owner.token);
      ok(response);
      return (await entriesOf(p.t, response.requestId)).map((entry) => entry.changes);
    };
    const monday = [{ weekday: 1, time: '09:00' }];
    expect(await set('UTC', monday)).toEqual([
      [
        { field: 'timeZone', before: null, after: 'UTC' },
        { field: 'slots', before: null, after: '1 09:00' },
      ],
    ]);
    expect(await set('UTC', [...monday, { weekday: 3, time: '17:30' }])).toEqual([[{ field: 'slots', before: '1 09:00', after: '1 09:00, 3 17:30' }]]);
    expect(await set('UTC', [{ weekday: 3, time: '17:30' }, ...monday])).toEqual([]);

    const shuffle = await withRequestId(
      p.t,
      'mutation ($w: ID!, $a: ID!) { shuffleQueue(workspaceId: $w, accountId: $a) { id } }',
      { w: workspace, a },
      c.owner.token,
    );
    ok(shuffle);
    expect((await entriesOf(p.t, shuffle.requestId)).map((entry) => entry.changes)).toEqual([[{ field: 'movedPosts', before: null, after: '0' }]]);
  });
});

describe('what is not written', () => {
  it('a refused or conflicting mutation writes no entry', async () => {
    const id = await draft();
    const refused = [
      await withRequestId(p.t, 'mutation ($id: ID!) { updatePost(id: $id, input: { content: "late", expectedVersion: 99 }) { id } }', { id }, c.owner.token),
      await withRequestId(p.t, 'mutation ($id: ID!) { approvePost(id: $id) { id } }', { id }, c.owner.token),
      await withRequestId(p.t, 'mutation ($id: ID!) { updatePost(id: $id, input: { content: "" }) { id } }', { id }, c.owner.token),
      await withRequestId(p.t, 'mutation ($id: ID!) { deletePost(id: $id) }', { id }, c.viewer.token),
      await withRequestId(p.t, 'mutation ($w: ID!) { updateWorkspace(id: $w, input: { name: " " }) { id } }', { w: workspace }, c.admin.token),
      await withRequestId(p.t, 'mutation ($w: ID!, $u: ID!) { removeMember(workspaceId: $w, userId: $u) }', { w: workspace, u: c.owner.id }, c.admin.token),
    ];
    expect(refused.map((r) => r.errors?.[0]?.extensions?.code)).toEqual(['CONFLICT', 'CONFLICT', 'BAD_USER_INPUT', 'FORBIDDEN', 'BAD_USER_INPUT', 'FORBIDDEN']);
    for (const { requestId } of refused) expect(await entriesOf(p.t, requestId)).toEqual([]);
  });

  it('an entry written in a transaction that rolls back is gone with it', async () => {
    const prisma = p.t.app.db.prisma;
    const requestId = `rolled-back-${Date.now()}`;
    const failed = prisma.$transaction(async (tx) => {
      await tx.workspace.update({ where: { id: rawId(workspace) }, data: { name: 'Never committed' } });
      await recordAudit(
        tx,
        { userId: rawId(c.owner.id), requestId },
        { workspaceId: rawId(workspace), action: 'WORKSPACE_UPDATED', target: { type: 'WORKSPACE', id: rawId(workspace) } },
      );
      expect(await tx.auditEntry.count({ where: { requestId } })).toBe(1);
      throw new Error('the change failed after its entry was written');
    });
    await expect(failed).rejects.toThrow('the change failed');
    expect(await entriesOf(p.t, requestId)).toEqual([]);
    expect((await prisma.workspace.findUniqueOrThrow({ where: { id: rawId(workspace) } })).name).not.toBe('Never committed');
  });

  it('a change that changes nothing (the same settings again) writes no entry', async () => {
    const { name } = await p.t.app.db.prisma.workspace.findUniqueOrThrow({ where: { id: rawId(workspace) } });
    const same = await withRequestId(
      p.t,
      'mutation ($w: ID!, $n: String!) { updateWorkspace(id: $w, input: { name: $n }) { id } }',
      { w: workspace, n: name },
      c.owner.token,
    );
    ok(same);
    expect(await entriesOf(p.t, same.requestId)).toEqual([]);
  });
});
