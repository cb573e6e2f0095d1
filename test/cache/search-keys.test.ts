import { describe, expect, it } from 'vitest';
import { listeningTestApp, post, publishedPost } from './helpers.js';

const app = listeningTestApp();
const SEARCH = 'query WordSearch($q: String!) { searchPosts(query: $q, first: 5) { totalCount edges { node { id content } } } }';

describe('searches sharing one cached answer', () => {
  it('serves a search of the same words in another order from the cache, with the bytes executing it gives', async () => {
    await publishedPost(app.t, 'Mentoring juniors made our hiring better #mentoring');
    await publishedPost(app.t, 'Hiring for attitude, mentoring for skill');
    await publishedPost(app.t, 'Hiring in a downturn');
    const first = await post(app.url, SEARCH, { q: 'mentoring hiring' });
    expect(first.json.data.searchPosts.totalCount).toBe(2);
    const reordered = await post(app.url, SEARCH, { q: 'Hiring mentoring' });
    expect(reordered.headers.get('x-cache')).toBe('HIT');
    expect(reordered.text).toBe(first.text);
    // The same request executed by Yoga itself, past the cache's key: the shared answer is its answer.
    const executed = await app.t.gql(SEARCH.replace('WordSearch', 'Uncached'), { q: 'Hiring mentoring' });
    expect(executed.errors).toBeUndefined();
    expect(first.json).toEqual({ data: executed.data });
  });
});
