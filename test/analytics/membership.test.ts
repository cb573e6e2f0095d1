import { decodeGlobalID } from '@pothos/plugin-relay';
import { type Client, createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { markPublished } from '../helpers/publish.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { analyticsTableState } from './fixtures.js';

type Caller = Awaited<ReturnType<TestApp['signUp']>>;
const MEMBER_ROLES = ['VIEWER', 'EDITOR', 'ADMIN'] as const;

const ENGAGE = 'mutation ($postId: ID!, $count: Int) { recordEngagement(postId: $postId, type: IMPRESSION, count: $count) { impressions } }';
const ENGAGE_MANY = 'mutation ($events: [EngagementInput!]!) { recordEngagements(events: $events) }';
const ANALYTICS = 'query ($id: ID!) { post(id: $id) { analyticsVisible metrics { impressions } } }';
const SUMMARY =
  'query ($authorId: ID!, $from: DateTime!, $to: DateTime!) { analyticsSummary(authorId: $authorId, from: $from, to: $to) { posts totals { impressions } } }';
const TOP = 'query ($from: DateTime!, $to: DateTime!) { topPosts(metric: IMPRESSION, from: $from, to: $to, first: 100) { id } }';
const HOUR_MS = 3600_000;
const range = () => ({ from: new Date(Date.now() - HOUR_MS).toISOString(), to: new Date(Date.now() + HOUR_MS).toISOString() });

let t: TestApp;
let owner: Caller;
let outsider: Caller;
const members = {} as Record<(typeof MEMBER_ROLES)[number], Caller>;
let workspace: string;

beforeAll(async () => {
  t = await createTestApp({ env: { RATE_LIMIT_AUTH: '100000', RATE_LIMIT_ANONYMOUS: '100000' } });
  owner = await t.signUp('Team Owner');
  outsider = await t.signUp('Outsider');
  const created = await t.gql<{ createWorkspace: { id: string } }>('mutation { createWorkspace(input: { name: "Team" }) { id } }', {}, { token: owner.token });
  workspace = created.data!.createWorkspace.id;
  for (const role of MEMBER_ROLES) {
    members[role] = await t.signUp(role);
    await t.app.db.prisma.workspaceMember.create({ data: { workspaceId: decodeGlobalID(workspace).id, userId: decodeGlobalID(members[role].id).id, role } });
  }
});
afterAll(() => t?.close());

/** A post by the owner in the team workspace: a draft, or published only to their connections. */
async function teamPost(kind: 'draft' | 'connections', content = `Team post ${Math.random()}`): Promise<string> {
  const created = await t.gql<{ createPost: { id: string } }>(
    'mutation ($input: CreatePostInput!) { createPost(input: $input) { id } }',
    { input: { content, workspaceId: workspace, visibility: kind === 'connections' ? 'CONNECTIONS' : 'PUBLIC' } },
    { token: owner.token },
  );
  const id = created.data!.createPost.id;
  if (kind === 'connections') await markPublished(t, id);
  return id;
}

describe("a team sees its workspace's analytics", () => {
  it("shows every member, whatever their role, a colleague's draft analytics, and outsiders nothing of a non-public post", async () => {
    const draft = await teamPost('draft');
    const shared = await teamPost('connections');
    for (const id of [draft, shared]) expect((await t.gql(ENGAGE, { postId: id, count: 5 }, { token: owner.token })).errors).toBeUndefined();
    for (const role of MEMBER_ROLES) {
      for (const id of [draft, shared]) {
        const res = await t.gql(ANALYTICS, { id }, { token: members[role].token });
        expect(res.data?.post, `${role} on ${id}`).toEqual({ analyticsVisible: true, metrics: { impressions: 5 } });
      }
    }
    for (const token of [outsider.token, undefined]) {
      expect((await t.gql(ANALYTICS, { id: draft }, { token })).data?.post).toBeNull();
      expect((await t.gql(ANALYTICS, { id: shared }, { token })).data?.post).toEqual({ analyticsVisible: false, metrics: { impressions: 0 } });
    }
  });

  it("covers a colleague's posts of the shared workspace in summaries and top posts for members only", async () => {
    const colleague = await t.signUp('Colleague Author');
    await t.app.db.prisma.workspaceMember.create({
      data: { workspaceId: decodeGlobalID(workspace).id, userId: decodeGlobalID(colleague.id).id, role: 'EDITOR' },
    });
    const created = await t.gql<{ createPost: { id: string } }>(
      'mutation ($input: CreatePostInput!) { createPost(input: $input) { id } }',
      { input: { content: 'Colleague draft', workspaceId: workspace } },
      { token: colleague.token },
    );
    const draft = created.data!.createPost.id;
    await t.gql(ENGAGE, { postId: draft, count: 9 }, { token: colleague.token });
    const summaryFor = async (token?: string) => (await t.gql(SUMMARY, { authorId: colleague.id, ...range() }, { token })).data?.analyticsSummary;
    const rankedFor = async (token?: string) =>
      (await t.gql<{ topPosts: { id: string }[] }>(TOP, range(), { token })).data!.topPosts.some((p) => p.id === draft);
    for (const role of MEMBER_ROLES) {
      expect(await summaryFor(members[role].token), role).toEqual({ posts: 1, totals: { impressions: 9 } });
      expect(await rankedFor(members[role].token), role).toBe(true);
    }
    for (const token of [outsider.token, undefined]) {
      expect(await summaryFor(token)).toEqual({ posts: 0, totals: { impressions: 0 } });
      expect(await rankedFor(token)).toBe(false);
    }
  });

  it("stops showing a removed member the workspace's analytics, even of their own post", async () => {
    const leaver = await t.signUp('Leaver');
    await t.app.db.prisma.workspaceMember.create({ data: { workspaceId: decodeGlobalID(workspace).id, userId: decodeGlobalID(leaver.id).id, role: 'EDITOR' } });
    const created = await t.gql<{ createPost: { id: string } }>(
      'mutation ($input: CreatePostInput!) { createPost(input: $input) { id } }',
      { input: { content: 'Written before leaving', workspaceId: workspace, visibility: 'CONNECTIONS' } },
      { token: leaver.token },
    );
    const id = created.data!.createPost.id;
    await markPublished(t, id);
    await t.gql(ENGAGE, { postId: id, count: 2 }, { token: leaver.token });
    expect((await t.gql(ANALYTICS, { id }, { token: leaver.token })).data?.post).toEqual({ analyticsVisible: true, metrics: { impressions: 2 } });
    const removed = await t.gql(
      'mutation ($w: ID!, $u: ID!) { removeMember(workspaceId: $w, userId: $u) }',
      { w: workspace, u: leaver.id },
      { token: owner.token },
    );
    expect(removed.errors).toBeUndefined();
    expect((await t.gql(ANALYTICS, { id }, { token: leaver.token })).data?.post).toEqual({ analyticsVisible: false, metrics: { impressions: 0 } });
    const refused = await t.gql(ENGAGE, { postId: id }, { token: leaver.token });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('members who write record engagement for the workspace', () => {
  it("lets EDITORs and ADMINs record engagement for a colleague's post, one event and in bulk", async () => {
    const draft = await teamPost('draft');
    expect((await t.gql(ENGAGE, { postId: draft, count: 2 }, { token: members.EDITOR.token })).data?.recordEngagement).toEqual({ impressions: 2 });
    expect((await t.gql(ENGAGE, { postId: draft, count: 3 }, { token: members.ADMIN.token })).data?.recordEngagement).toEqual({ impressions: 5 });
    const bulk = await t.gql(
      ENGAGE_MANY,
      {
        events: [
          { postId: draft, type: 'REACTION' },
          { postId: draft, type: 'IMPRESSION', count: 4 },
        ],
      },
      { token: members.EDITOR.token },
    );
    expect(bulk.errors).toBeUndefined();
    expect(bulk.data).toEqual({ recordEngagements: 2 });
    expect((await t.gql(ANALYTICS, { id: draft }, { token: owner.token })).data?.post.metrics).toEqual({ impressions: 9 });
  });

  it('refuses VIEWERs and outsiders with FORBIDDEN and stores nothing, not even the events for posts they may record', async () => {
    const team = await teamPost('connections');
    const ownCreated = await t.gql<{ createPost: { id: string } }>(
      'mutation { createPost(input: { content: "Mine" }) { id } }',
      {},
      { token: members.VIEWER.token },
    );
    const own = ownCreated.data!.createPost.id;
    const before = await analyticsTableState(t);
    for (const caller of [members.VIEWER, outsider]) {
      const one = await t.gql(ENGAGE, { postId: team }, { token: caller.token });
      expect(one.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(one.errors?.[0]?.message).toMatch(/OWNER, ADMIN or EDITOR/);
    }
    const mixed = await t.gql(
      ENGAGE_MANY,
      {
        events: [
          { postId: own, type: 'CLICK' },
          { postId: team, type: 'CLICK' },
        ],
      },
      { token: members.VIEWER.token },
    );
    expect(mixed.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await analyticsTableState(t)).toEqual(before);
    // Their own post, in their personal workspace, they may record.
    expect((await t.gql(ENGAGE_MANY, { events: [{ postId: own, type: 'CLICK' }] }, { token: members.VIEWER.token })).data?.recordEngagements).toBe(1);
  });
});

describe('postMetricsUpdated follows membership', () => {
  let client: Client;
  beforeAll(async () => {
    const url = (await t.listen()).replace(/^http/, 'ws');
    client = createClient({
      url: `${url}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: () => ({ authorization: `Bearer ${members.VIEWER.token}` }),
      lazy: true,
      retryAttempts: 0,
    });
  });
  afterAll(() => client?.dispose());

  const SUBSCRIBE = 'subscription ($postId: ID!) { postMetricsUpdated(postId: $postId) { impressions } }';

  it("streams a colleague's draft totals to a VIEWER, and refuses an outsider", async () => {
    const draft = await teamPost('draft');
    const first = new Promise<unknown>((resolve, reject) => {
      const stop = client.subscribe(
        { query: SUBSCRIBE, variables: { postId: draft } },
        { next: (value) => (resolve(value), stop()), error: reject, complete: () => undefined },
      );
    });
    // The subscription is set up before the engagement is recorded: retry until its first update arrives.
    const sender = setInterval(() => void t.gql(ENGAGE, { postId: draft }, { token: owner.token }), 100);
    try {
      expect(await first).toMatchObject({ data: { postMetricsUpdated: { impressions: expect.any(Number) } } });
    } finally {
      clearInterval(sender);
    }
    const outsiderClient = createClient({
      url: `${(await t.listen()).replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: () => ({ authorization: `Bearer ${outsider.token}` }),
      retryAttempts: 0,
    });
    try {
      const refused = await new Promise<unknown>((resolve) => {
        outsiderClient.subscribe({ query: SUBSCRIBE, variables: { postId: draft } }, { next: resolve, error: resolve, complete: () => resolve('complete') });
      });
      expect(JSON.stringify(refused)).toMatch(/FORBIDDEN/);
    } finally {
      await outsiderClient.dispose();
    }
  });
});
