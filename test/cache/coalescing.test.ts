import { describe, expect, it } from 'vitest';
import { counter, listeningTestApp, ME_QUERY, POST_QUERY, post, publishedPost } from './helpers.js';

const app = listeningTestApp();

describe('concurrent misses of one response', () => {
  it('execute once: the others wait for that answer and are served it from the cache', async () => {
    const { t, url } = app;
    const { id } = await publishedPost(t, 'Everyone opens this post at the same moment #launch');
    // Open the connections first, so the requests below arrive together rather than one handshake apart.
    // (On PGlite one execution completes before the next request is read: the check bites on PostgreSQL.)
    await Promise.all(Array.from({ length: 8 }, () => post(url, '{ __typename }')));
    const misses = await counter(t, 'miss');
    const hits = await counter(t, 'hit');
    const responses = await Promise.all(Array.from({ length: 8 }, () => post(url, POST_QUERY, { id })));
    expect(responses.every((r) => r.status === 200 && r.json.data.post.id === id)).toBe(true);
    expect(new Set(responses.map((r) => r.text)).size).toBe(1);
    expect((await counter(t, 'miss')) - misses).toBe(1);
    expect((await counter(t, 'hit')) - hits).toBe(7);
    expect(responses.filter((r) => r.headers.get('x-cache') === 'HIT')).toHaveLength(7);
  });

  it('never serve one caller the private answer of another they waited for', async () => {
    const { t, url } = app;
    const users = await Promise.all(['Ana', 'Ben', 'Cy', 'Dee'].map((name) => t.signUp(`Coalesce ${name}`)));
    const answers = await Promise.all(users.map((user) => post(url, ME_QUERY, {}, { token: user.token })));
    answers.forEach((answer, i) => {
      expect(answer.json.errors).toBeUndefined();
      expect(answer.json.data.me).toMatchObject({ id: users[i]!.id, email: users[i]!.email });
    });
  });
});
