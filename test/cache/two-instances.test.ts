import { beforeAll, describe, expect, it } from 'vitest';
import { backend, type TestApp } from '../helpers/test-app.js';
import { POST_QUERY, post, publishedPost, twoInstances } from './helpers.js';

describe.skipIf(backend === 'embedded')('two instances sharing Redis', () => {
  const instances = twoInstances();
  let t: TestApp;
  let urlA: string;
  let urlB: string;
  beforeAll(() => ({ t, urlA, urlB } = instances));

  it('shares hits: a response cached by one instance is a hit on the other', async () => {
    const { id } = await publishedPost(t);
    expect((await post(urlA, POST_QUERY, { id })).headers.get('x-cache')).toBe('MISS');
    const onB = await post(urlB, POST_QUERY, { id });
    expect(onB.headers.get('x-cache')).toBe('HIT');
    expect(onB.json.data.post.id).toBe(id);
  });

  it('a mutation on instance B evicts the response instance A holds in memory', async () => {
    const { id, author } = await publishedPost(t, 'Before the edit');
    await post(urlA, POST_QUERY, { id });
    expect((await post(urlA, POST_QUERY, { id })).headers.get('x-cache')).toBe('HIT');
    const edit = await post(
      urlB,
      'mutation ($id: ID!, $input: UpdatePostInput!) { updatePost(id: $id, input: $input) { content } }',
      { id, input: { content: 'After the edit' } },
      { token: author.token },
    );
    expect(edit.json.data.updatePost.content).toBe('After the edit');
    // The pub/sub message reaches A a moment after B answers; A must drop its entry by itself.
    let read = await post(urlA, POST_QUERY, { id });
    for (let i = 0; i < 50 && read.json.data.post.content !== 'After the edit'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      read = await post(urlA, POST_QUERY, { id });
    }
    expect(read.json.data.post.content).toBe('After the edit');
  });

  it('evicts a response shared by different users from both instances when one of them writes', async () => {
    const { id, author } = await publishedPost(t, 'Shared before the edit');
    const [x, y, z] = [await t.signUp('X'), await t.signUp('Y'), await t.signUp('Z')];
    await post(urlA, POST_QUERY, { id }, { token: x.token });
    expect((await post(urlB, POST_QUERY, { id }, { token: y.token })).headers.get('x-cache')).toBe('HIT');
    expect((await post(urlA, POST_QUERY, { id }, { token: z.token })).headers.get('x-cache')).toBe('HIT');
    await post(
      urlB,
      'mutation ($id: ID!, $input: UpdatePostInput!) { updatePost(id: $id, input: $input) { id } }',
      { id, input: { content: 'Shared after the edit' } },
      { token: author.token },
    );
    for (const [url, token] of [
      [urlA, z.token],
      [urlB, y.token],
    ] as const) {
      let read = await post(url, POST_QUERY, { id }, { token });
      for (let i = 0; i < 50 && read.json.data.post.content !== 'Shared after the edit'; i++) {
        await new Promise((r) => setTimeout(r, 20));
        read = await post(url, POST_QUERY, { id }, { token });
      }
      expect(read.json.data.post.content).toBe('Shared after the edit');
    }
  });
  it('evicts exactly the answers holding a workspace, on both instances, when a member writes in it or joins it', async () => {
    const [owner, editor, newcomer] = [await t.signUp('Team owner'), await t.signUp('Team editor'), await t.signUp('Newcomer')];
    const create = async (name: string) =>
      (await post(urlA, 'mutation ($name: String!) { createWorkspace(input: { name: $name }) { id } }', { name }, { token: owner.token })).json.data
        .createWorkspace.id as string;
    const [team, other] = [await create('Team'), await create('Other team')];
    const invite = async (email: string, role: string) =>
      (
        await post(
          urlA,
          'mutation ($w: ID!, $email: String!, $role: WorkspaceRole!) { inviteMember(input: { workspaceId: $w, email: $email, role: $role }) { token } }',
          { w: team, email, role },
          { token: owner.token },
        )
      ).json.data.inviteMember.token as string;
    const ACCEPT = 'mutation ($token: String!) { acceptInvitation(token: $token) { id } }';
    await post(urlB, ACCEPT, { token: await invite(editor.email, 'EDITOR') }, { token: editor.token });
    const FEED = 'query ($id: ID!) { workspace(id: $id) { posts { totalCount edges { node { content } } } } }';
    const read = (url: string, id: string, token = owner.token) => post(url, FEED, { id }, { token });
    for (const id of [team, other]) {
      await read(urlA, id);
      expect((await read(urlB, id)).headers.get('x-cache')).toBe('HIT');
    }
    // The newcomer's own null answer is cached on both instances.
    await read(urlA, team, newcomer.token);
    expect((await read(urlB, team, newcomer.token)).json.data.workspace).toBeNull();

    await post(
      urlB,
      'mutation ($w: ID!) { createPost(input: { content: "Written in the team", workspaceId: $w }) { id } }',
      { w: team },
      { token: editor.token },
    );
    await post(urlB, ACCEPT, { token: await invite(newcomer.email, 'VIEWER') }, { token: newcomer.token });
    const settled = async (url: string, id: string, token: string, done: (json: any) => boolean) => {
      let answer = await read(url, id, token);
      for (let i = 0; i < 50 && !done(answer.json); i++) {
        await new Promise((r) => setTimeout(r, 20));
        answer = await read(url, id, token);
      }
      return answer;
    };
    for (const url of [urlA, urlB]) {
      expect((await settled(url, team, owner.token, (json) => json.data.workspace.posts.totalCount === 1)).json.data.workspace.posts.totalCount).toBe(1);
      expect((await settled(url, team, newcomer.token, (json) => json.data.workspace !== null)).json.data.workspace.posts.totalCount).toBe(1);
      // The other workspace's answer did not hold the team: still a hit.
      expect((await read(url, other)).headers.get('x-cache')).toBe('HIT');
    }
  });
});
