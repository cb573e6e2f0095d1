import { decodeGlobalID } from '@pothos/plugin-relay';
import { describe, expect, it } from 'vitest';
import { METRICS_LAG_MS } from '../../src/modules/analytics/metrics-cache.rules.js';
import { markPublished } from '../helpers/publish.js';
import { listeningTestApp, POST_QUERY, post } from './helpers.js';

const app = listeningTestApp();

const CREATE = 'mutation ($input: CreatePostInput!) { createPost(input: $input) { id } }';
const ENGAGE = 'mutation ($postId: ID!, $count: Int) { recordEngagement(postId: $postId, type: IMPRESSION, count: $count) { impressions } }';

/**
 * A post published to CONNECTIONS (visible to everyone, its analytics not) in a shared workspace of
 * `author`, with an EDITOR `member`; `another` writes one more such post there.
 */
async function teamPostWithMember(content: string) {
  const author = await app.t.signUp('Team Lead');
  const member = await app.t.signUp('Team Editor');
  const created = await app.t.gql<{ createWorkspace: { id: string } }>(
    'mutation { createWorkspace(input: { name: "Team" }) { id } }',
    {},
    { token: author.token },
  );
  const workspace = created.data!.createWorkspace.id;
  await app.t.app.db.prisma.workspaceMember.create({
    data: { workspaceId: decodeGlobalID(workspace).id, userId: decodeGlobalID(member.id).id, role: 'EDITOR' },
  });
  const another = async (text: string) => {
    const draft = await app.t.gql<{ createPost: { id: string } }>(
      CREATE,
      { input: { content: text, workspaceId: workspace, visibility: 'CONNECTIONS' } },
      { token: author.token },
    );
    const id = draft.data!.createPost.id;
    await markPublished(app.t, id);
    return id;
  };
  return { author, member, id: await another(content), workspace, another };
}

describe("a workspace's analytics in the response cache", () => {
  it("keeps a member's answer with a colleague's analytics from outsiders, and outsiders' zeros from members, whoever asks first", async () => {
    const { author, member, id, another } = await teamPostWithMember('Team analytics');
    const outsider = await app.t.signUp('Team Outsider');
    await app.t.gql(ENGAGE, { postId: id, count: 6 }, { token: author.token });
    const impressions = async (postId: string, token?: string) =>
      (await post(app.url, POST_QUERY, { id: postId }, { token })).json.data.post.metrics.impressions;
    expect(await impressions(id, member.token)).toBe(6);
    for (const token of [outsider.token, undefined]) expect(await impressions(id, token)).toBe(0);
    const second = await another('Outsiders ask first');
    await app.t.gql(ENGAGE, { postId: second, count: 4 }, { token: author.token });
    for (const token of [outsider.token, undefined]) expect(await impressions(second, token)).toBe(0);
    expect(await impressions(second, member.token)).toBe(4);
    expect(await impressions(second, author.token)).toBe(4);
  });

  it("refreshes a member's cached analytics within the lag when engagement is recorded, and at once when they leave", async () => {
    const { author, member, id, workspace } = await teamPostWithMember('Recorded by the team');
    const read = () => post(app.url, POST_QUERY, { id }, { token: member.token });
    expect((await read()).json.data.post.metrics.impressions).toBe(0);
    expect((await read()).headers.get('x-cache')).toBe('HIT');
    await app.t.gql(ENGAGE, { postId: id, count: 5 }, { token: member.token });
    await expect.poll(async () => (await read()).json.data.post.metrics.impressions, { timeout: METRICS_LAG_MS, interval: 20 }).toBe(5);
    await app.t.gql('mutation ($w: ID!, $u: ID!) { removeMember(workspaceId: $w, userId: $u) }', { w: workspace, u: member.id }, { token: author.token });
    expect((await read()).json.data.post.metrics.impressions).toBe(0);
  });

  it("forgets a removed member's cached look-up of a workspace draft at once", async () => {
    const { author, member, workspace } = await teamPostWithMember('Published to the team');
    const draft = await app.t.gql<{ createPost: { id: string } }>(
      CREATE,
      { input: { content: 'Team draft', workspaceId: workspace } },
      { token: author.token },
    );
    const id = draft.data!.createPost.id;
    const read = () => post(app.url, 'query ($id: ID!) { post(id: $id) { id content } }', { id }, { token: member.token });
    expect((await read()).json.data.post.content).toBe('Team draft');
    expect((await read()).headers.get('x-cache')).toBe('HIT');
    await app.t.gql('mutation ($w: ID!, $u: ID!) { removeMember(workspaceId: $w, userId: $u) }', { w: workspace, u: member.id }, { token: author.token });
    expect((await read()).json.data.post).toBeNull();
  });
});
