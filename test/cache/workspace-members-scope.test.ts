import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEED } from '../../load/operations.js';
import { markPublished } from '../helpers/publish.js';
import { backend, createTestApp, type TestApp } from '../helpers/test-app.js';
import { POST_QUERY, post, twoInstances } from './helpers.js';

const CREATE_WORKSPACE = 'mutation ($name: String!) { createWorkspace(input: { name: $name }) { id } }';
const CREATE_POST = 'mutation ($input: CreatePostInput!) { createPost(input: $input) { id } }';
const ENGAGE = 'mutation ($postId: ID!, $count: Int) { recordEngagement(postId: $postId, type: IMPRESSION, count: $count) { impressions } }';
const INVITE = 'mutation ($w: ID!, $email: String!) { inviteMember(input: { workspaceId: $w, email: $email, role: VIEWER }) { token } }';
const ACCEPT = 'mutation ($token: String!) { acceptInvitation(token: $token) { id } }';
const REMOVE = 'mutation ($w: ID!, $u: ID!) { removeMember(workspaceId: $w, userId: $u) }';

type Caller = Awaited<ReturnType<TestApp['signUp']>>;

/** A shared workspace of a new owner with one post published to CONNECTIONS (its analytics are not public), engaged `impressions` times. */
async function teamWithConnectionsPost(t: TestApp, impressions: number) {
  const owner = await t.signUp('Team owner');
  const workspace = (await t.gql<{ createWorkspace: { id: string } }>(CREATE_WORKSPACE, { name: 'Team' }, { token: owner.token })).data!.createWorkspace.id;
  const input = { content: `For the team's connections ${Math.random()}`, workspaceId: workspace, visibility: 'CONNECTIONS' };
  const id = (await t.gql<{ createPost: { id: string } }>(CREATE_POST, { input }, { token: owner.token })).data!.createPost.id;
  await markPublished(t, id);
  expect((await t.gql(ENGAGE, { postId: id, count: impressions }, { token: owner.token })).errors).toBeUndefined();
  return { owner, workspace, id };
}

describe.skipIf(backend === 'embedded')("a non-public post's analytics across two instances", () => {
  const instances = twoInstances();
  let t: TestApp;
  let urlA: string;
  let urlB: string;
  beforeAll(() => ({ t, urlA, urlB } = instances));

  it("shares the outsiders' answer, keeps members' apart, and follows an invitation accepted and a removal made on the other instance", async () => {
    const { owner, workspace, id } = await teamWithConnectionsPost(t, 7);
    const [outsiderA, outsiderB, newcomer] = [await t.signUp('Outsider A'), await t.signUp('Outsider B'), await t.signUp('Newcomer')];
    const read = async (url: string, caller: Caller) => {
      const answer = await post(url, POST_QUERY, { id }, { token: caller.token });
      return { cache: answer.headers.get('x-cache'), impressions: answer.json.data.post.metrics.impressions as number };
    };
    expect(await read(urlA, outsiderA)).toEqual({ cache: 'MISS', impressions: 0 });
    // Another outsider, on the other instance: the shared entry, not an execution.
    expect(await read(urlB, outsiderB)).toEqual({ cache: 'HIT', impressions: 0 });
    expect(await read(urlA, newcomer)).toEqual({ cache: 'HIT', impressions: 0 });
    // A member is never served the outsiders' zeros: their own answer, on either instance.
    expect(await read(urlA, owner)).toEqual({ cache: 'MISS', impressions: 7 });
    expect(await read(urlB, owner)).toEqual({ cache: 'HIT', impressions: 7 });
    expect(await read(urlB, outsiderB)).toEqual({ cache: 'HIT', impressions: 0 });

    // The newcomer joins through instance B; instance A, which served them the shared zeros, must now give them the numbers.
    const token = (await post(urlA, INVITE, { w: workspace, email: newcomer.email }, { token: owner.token })).json.data.inviteMember.token;
    expect((await post(urlB, ACCEPT, { token }, { token: newcomer.token })).json.errors).toBeUndefined();
    await expect.poll(async () => (await read(urlA, newcomer)).impressions, { timeout: 1_000, interval: 20 }).toBe(7);
    expect((await read(urlA, newcomer)).impressions).toBe(7);
    expect(await read(urlA, outsiderA)).toEqual({ cache: 'HIT', impressions: 0 });

    // Removed through instance B: instance A serves them the outsiders' shared answer again.
    expect((await post(urlB, REMOVE, { w: workspace, u: newcomer.id }, { token: owner.token })).json.errors).toBeUndefined();
    await expect.poll(async () => (await read(urlA, newcomer)).impressions, { timeout: 1_000, interval: 20 }).toBe(0);
    expect(await read(urlA, newcomer)).toEqual({ cache: 'HIT', impressions: 0 });
    expect(await read(urlB, newcomer)).toEqual({ cache: 'HIT', impressions: 0 });
  });
});

describe("the feed page with non-public posts, as the bench's feed-500 readers load it", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { RATE_LIMIT_AUTH: '100000' } });
    await t.listen();
  });
  afterAll(() => t?.close());

  it('is served from the shared entry to signed-in non-members with no SQL once their memberships are known, and to members as their own', async () => {
    const { owner } = await teamWithConnectionsPost(t, 3);
    const [first, second] = [await t.signUp('Feed reader 1'), await t.signUp('Feed reader 2')];
    const page = async (caller: Caller) => {
      const answer = await post(t.url, FEED, { first: 20 }, { token: caller.token });
      const engaged = answer.json.data.posts.edges.map((edge: any) => edge.node.metrics.impressions as number);
      return { cache: answer.headers.get('x-cache'), engaged };
    };
    expect(await page(first)).toEqual({ cache: 'MISS', engaged: [0] });
    // The second reader's first hit reads their memberships once (the page excepts the team's members)…
    const firstHit = await t.countStatements(async () => expect(await page(second)).toEqual({ cache: 'HIT', engaged: [0] }));
    expect(firstHit.count).toBeLessThanOrEqual(1);
    // …and every later one costs no SQL at all.
    const later = await t.countStatements(async () => {
      for (let i = 0; i < 10; i++) expect(await page(second)).toEqual({ cache: 'HIT', engaged: [0] });
    });
    expect(later.statements).toEqual([]);
    expect(await page(owner)).toEqual({ cache: 'MISS', engaged: [3] });
    expect(await page(owner)).toEqual({ cache: 'HIT', engaged: [3] });
    expect(await page(first)).toEqual({ cache: 'HIT', engaged: [0] });
  });

  it('costs a reader of a page without non-public posts nothing for memberships', async () => {
    const reader = await t.signUp('Plain reader');
    const query = 'query PublicOnly { posts(first: 1, filter: { hashtag: "nothingnonpublic" }) { edges { node { id } } } }';
    await post(t.url, query, {}, { token: (await t.signUp('Warmer')).token });
    const read = await t.countStatements(async () => expect((await post(t.url, query, {}, { token: reader.token })).headers.get('x-cache')).toBe('HIT'));
    expect(read.statements).toEqual([]);
  });
});
