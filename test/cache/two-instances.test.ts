import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { backend, createTestApp, type TestApp } from '../helpers/test-app.js';
import { POST_QUERY, post, publishedPost } from './helpers.js';

describe.skipIf(backend === 'embedded')('two instances sharing Redis', () => {
  let t: TestApp;
  let second: App;
  let urlA: string;
  let urlB: string;

  beforeAll(async () => {
    t = await createTestApp();
    urlA = await t.listen();
    second = await createApp(loadConfig(t.env));
    urlB = (await second.start(0)).url;
  });
  afterAll(async () => {
    await second?.stop();
    await t?.close();
  });

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
});
