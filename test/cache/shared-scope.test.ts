import { describe, expect, it } from 'vitest';
import { METRICS_LAG_MS } from '../../src/modules/analytics/metrics-cache.rules.js';
import { markPublished } from '../helpers/publish.js';
import { counter, listeningTestApp, POST_QUERY, post, publishedPost } from './helpers.js';

const app = listeningTestApp();

const CREATE = 'mutation ($input: CreatePostInput!) { createPost(input: $input) { id } }';
const ENGAGE = 'mutation ($postId: ID!, $count: Int) { recordEngagement(postId: $postId, type: IMPRESSION, count: $count) { impressions } }';
const FEED = 'query SharedFeed($first: Int) { posts(first: $first) { edges { node { id content } } } }';
const BY_AUTHOR = 'query ByAuthor($authorId: ID!) { posts(first: 10, filter: { authorId: $authorId }) { totalCount edges { node { id status } } } }';
const EMAIL = 'query Email($id: ID!) { node(id: $id) { ... on User { name email } } }';
const SUMMARY =
  'query Summary($authorId: ID!, $from: DateTime!, $to: DateTime!) { analyticsSummary(authorId: $authorId, from: $from, to: $to) { posts totals { impressions } } }';
const DAY_MS = 86_400_000;
const tomorrow = Math.ceil(Date.now() / DAY_MS) * DAY_MS;
const lastMonth = { from: new Date(tomorrow - 30 * DAY_MS).toISOString(), to: new Date(tomorrow).toISOString() };

async function draftBy(token: string, content: string, visibility?: 'PUBLIC' | 'CONNECTIONS') {
  const created = await app.t.gql<{ createPost: { id: string } }>(CREATE, { input: { content, ...(visibility ? { visibility } : {}) } }, { token });
  return created.data!.createPost.id;
}

describe('one shared entry for public reads', () => {
  it('serves a published post cached for one user to another user and to anonymous callers', async () => {
    const { id } = await publishedPost(app.t, 'Shared by everyone');
    const [a, b] = [await app.t.signUp('Reader A'), await app.t.signUp('Reader B')];
    expect((await post(app.url, POST_QUERY, { id }, { token: a.token })).headers.get('x-cache')).toBe('MISS');
    const forB = await post(app.url, POST_QUERY, { id }, { token: b.token });
    expect(forB.headers.get('x-cache')).toBe('HIT');
    expect(forB.json.data.post.content).toBe('Shared by everyone');
    expect((await post(app.url, POST_QUERY, { id })).headers.get('x-cache')).toBe('HIT');
    // Through Yoga as well (the GraphQL plugin looks up the same shared key).
    const before = await counter(app.t, 'hit');
    await app.t.gql(POST_QUERY, { id }, { token: (await app.t.signUp('Reader C')).token });
    expect(await counter(app.t, 'hit')).toBe(before + 1);
  });

  it('shares the feed between signed-in users, who see their own drafts only when they ask for their posts', async () => {
    const [a, b] = [await app.t.signUp('Feed A'), await app.t.signUp('Feed B')];
    const draft = await draftBy(a.token, 'A draft of A');
    const forA = await post(app.url, FEED, { first: 50 }, { token: a.token });
    expect(forA.json.data.posts.edges.some((e: { node: { id: string } }) => e.node.id === draft)).toBe(false);
    expect((await post(app.url, FEED, { first: 50 }, { token: b.token })).headers.get('x-cache')).toBe('HIT');
    const own = await post(app.url, BY_AUTHOR, { authorId: a.id }, { token: a.token });
    expect(own.json.data.posts.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([draft]);
  });
});

describe('nothing private reaches another caller, whoever asks first', () => {
  it("keeps a draft its author read to the author, and others' null away from the author", async () => {
    const author = await app.t.signUp('Drafter');
    const other = await app.t.signUp('Nosy');
    const first = await draftBy(author.token, 'Author reads first');
    expect((await post(app.url, POST_QUERY, { id: first }, { token: author.token })).json.data.post.content).toBe('Author reads first');
    for (const token of [other.token, undefined]) expect((await post(app.url, POST_QUERY, { id: first }, { token })).json.data.post).toBeNull();
    const second = await draftBy(author.token, 'Others read first');
    for (const token of [other.token, undefined]) expect((await post(app.url, POST_QUERY, { id: second }, { token })).json.data.post).toBeNull();
    expect((await post(app.url, POST_QUERY, { id: second }, { token: author.token })).json.data.post.content).toBe('Others read first');
  });

  it("keeps an author's listing with drafts to the author, and others' listing without them away from the author", async () => {
    const author = await app.t.signUp('Lister');
    const other = await app.t.signUp('Browser');
    await draftBy(author.token, 'Unlisted draft');
    expect((await post(app.url, BY_AUTHOR, { authorId: author.id }, { token: other.token })).json.data.posts.totalCount).toBe(0);
    expect((await post(app.url, BY_AUTHOR, { authorId: author.id })).json.data.posts.totalCount).toBe(0);
    expect((await post(app.url, BY_AUTHOR, { authorId: author.id }, { token: author.token })).json.data.posts.totalCount).toBe(1);
    expect((await post(app.url, BY_AUTHOR, { authorId: author.id }, { token: other.token })).json.data.posts.totalCount).toBe(0);
  });

  it('shows an email to its owner only', async () => {
    const owner = await app.t.signUp('Mail Owner');
    const other = await app.t.signUp('Mail Reader');
    expect((await post(app.url, EMAIL, { id: owner.id }, { token: other.token })).json.data.node.email).toBeNull();
    expect((await post(app.url, EMAIL, { id: owner.id }, { token: owner.token })).json.data.node.email).toBe(owner.email);
    expect((await post(app.url, EMAIL, { id: owner.id }, { token: other.token })).json.data.node.email).toBeNull();
    expect((await post(app.url, EMAIL, { id: owner.id })).json.data.node.email).toBeNull();
  });

  it('shows the analytics of a post that is not public to its author only', async () => {
    const author = await app.t.signUp('Connections Author');
    const other = await app.t.signUp('Stranger');
    const id = await draftBy(author.token, 'For my connections', 'CONNECTIONS');
    await markPublished(app.t, id);
    await app.t.gql(ENGAGE, { postId: id, count: 7 }, { token: author.token });
    expect((await post(app.url, POST_QUERY, { id }, { token: other.token })).json.data.post.metrics.impressions).toBe(0);
    expect((await post(app.url, POST_QUERY, { id }, { token: author.token })).json.data.post.metrics.impressions).toBe(7);
    expect((await post(app.url, POST_QUERY, { id }, { token: other.token })).json.data.post.metrics.impressions).toBe(0);
    expect((await post(app.url, POST_QUERY, { id })).json.data.post.metrics.impressions).toBe(0);
  });

  it("keeps an author's own summary, with unpublished posts, to the author", async () => {
    const author = await app.t.signUp('Summarised');
    const other = await app.t.signUp('Analyst');
    const draft = await draftBy(author.token, 'Engaged draft');
    await app.t.gql(ENGAGE, { postId: draft, count: 3 }, { token: author.token });
    expect((await post(app.url, SUMMARY, { authorId: author.id, ...lastMonth }, { token: other.token })).json.data.analyticsSummary.totals.impressions).toBe(0);
    expect((await post(app.url, SUMMARY, { authorId: author.id, ...lastMonth }, { token: author.token })).json.data.analyticsSummary.totals.impressions).toBe(
      3,
    );
    expect((await post(app.url, SUMMARY, { authorId: author.id, ...lastMonth }, { token: other.token })).json.data.analyticsSummary.totals.impressions).toBe(0);
  });
});

describe('precise invalidation', () => {
  it("keeps everyone's cached feed when someone writes a draft, and refreshes the author's own listing", async () => {
    const author = await app.t.signUp('Busy Drafter');
    const reader = await app.t.signUp('Feed Reader');
    await post(app.url, FEED, { first: 7 }, { token: reader.token });
    await post(app.url, BY_AUTHOR, { authorId: author.id }, { token: author.token });
    await draftBy(author.token, 'Nobody else can see this yet');
    expect((await post(app.url, FEED, { first: 7 }, { token: reader.token })).headers.get('x-cache')).toBe('HIT');
    const own = await post(app.url, BY_AUTHOR, { authorId: author.id }, { token: author.token });
    expect(own.headers.get('x-cache')).toBe('MISS');
    expect(own.json.data.posts.totalCount).toBe(1);
  });

  it("serves the engaged post's metrics stale within the lag until the first reader has them recomputed, and nothing else", async () => {
    const { id, author } = await publishedPost(app.t, 'Engagement target');
    const { id: otherId } = await publishedPost(app.t, 'Untouched post');
    const contentOnly = 'query ContentOnly($id: ID!) { post(id: $id) { id content } }';
    for (const [query, postId] of [
      [POST_QUERY, id],
      [contentOnly, id],
      [POST_QUERY, otherId],
    ] as const)
      await post(app.url, query, { id: postId });
    await app.t.gql(ENGAGE, { postId: id, count: 2 }, { token: author.token });
    const stale = await post(app.url, POST_QUERY, { id });
    expect(stale.headers.get('x-cache')).toBe('HIT');
    expect(stale.json.data.post.metrics.impressions).toBe(0);
    const impressions = async () => (await post(app.url, POST_QUERY, { id })).json.data.post.metrics.impressions;
    await expect.poll(impressions, { timeout: METRICS_LAG_MS, interval: 20 }).toBe(2);
    expect((await post(app.url, POST_QUERY, { id })).headers.get('x-cache')).toBe('HIT');
    expect((await post(app.url, contentOnly, { id })).headers.get('x-cache')).toBe('HIT');
    expect((await post(app.url, POST_QUERY, { id: otherId })).headers.get('x-cache')).toBe('HIT');
  });

  it("recomputes an author's own summary for the reader after the one who got it stale, within the lag", async () => {
    const author = await app.t.signUp('Dashboard Reader');
    const id = await draftBy(author.token, 'Counted on the dashboard');
    const read = () => post(app.url, SUMMARY, { authorId: author.id, ...lastMonth }, { token: author.token });
    expect((await read()).json.data.analyticsSummary.totals.impressions).toBe(0);
    await app.t.gql(ENGAGE, { postId: id, count: 4 }, { token: author.token });
    const stale = await read();
    expect(stale.headers.get('x-cache')).toBe('HIT');
    await expect.poll(async () => (await read()).json.data.analyticsSummary.totals.impressions, { timeout: METRICS_LAG_MS, interval: 20 }).toBe(4);
    // Recomputed as its author: the draft's engagement stays out of everyone else's answer.
    const other = await app.t.signUp('Dashboard Neighbour');
    const theirs = await post(app.url, SUMMARY, { authorId: author.id, ...lastMonth }, { token: other.token });
    expect(theirs.json.data.analyticsSummary.totals.impressions).toBe(0);
  });

  it("counts a new draft on its author's summary within the lag, and drops a deleted post from it at once", async () => {
    const author = await app.t.signUp('Prolific Drafter');
    const read = () => post(app.url, SUMMARY, { authorId: author.id, ...lastMonth }, { token: author.token });
    await draftBy(author.token, 'First draft');
    expect((await read()).json.data.analyticsSummary.posts).toBe(1);
    const second = await draftBy(author.token, 'Second draft');
    await expect.poll(async () => (await read()).json.data.analyticsSummary.posts, { timeout: METRICS_LAG_MS, interval: 20 }).toBe(2);
    await app.t.gql('mutation ($id: ID!) { deletePost(id: $id) }', { id: second }, { token: author.token });
    const afterDelete = await read();
    expect(afterDelete.headers.get('x-cache')).toBe('MISS');
    expect(afterDelete.json.data.analyticsSummary.posts).toBe(1);
  });

  it("drops a post made non-public from everyone's summary of its author at once", async () => {
    const { id, author } = await publishedPost(app.t, 'Public for now');
    const reader = await app.t.signUp('Summary Watcher');
    await app.t.gql(ENGAGE, { postId: id, count: 3 }, { token: author.token });
    const read = () => post(app.url, SUMMARY, { authorId: author.id, ...lastMonth }, { token: reader.token });
    expect((await read()).json.data.analyticsSummary.totals.impressions).toBe(3);
    await app.t.gql('mutation ($id: ID!) { updatePost(id: $id, input: { visibility: CONNECTIONS }) { id } }', { id }, { token: author.token });
    const after = await read();
    expect(after.headers.get('x-cache')).toBe('MISS');
    expect(after.json.data.analyticsSummary.totals.impressions).toBe(0);
  });

  it('evicts every listing when a post is published', async () => {
    const author = await app.t.signUp('Publisher');
    const id = await draftBy(author.token, 'Going public');
    const before = await post(app.url, FEED, { first: 3 });
    expect(before.json.data.posts.edges.some((e: { node: { id: string } }) => e.node.id === id)).toBe(false);
    await markPublished(app.t, id);
    expect((await post(app.url, FEED, { first: 3 }, { token: author.token })).json.data.posts.edges[0].node.id).toBe(id);
  });
});
