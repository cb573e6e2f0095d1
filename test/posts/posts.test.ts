import { decodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAnalyzer } from '../../src/modules/analysis/analyzer.service.js';
import { createPostService } from '../../src/modules/posts/post.service.js';
import {
  CreatePostDocument,
  DeletePostDocument,
  FeedDocument,
  PostDocument,
  PublishPostDocument,
  SchedulePostDocument,
  SearchPostsDocument,
  UpdatePostDocument,
  UserPostsDocument,
} from '../generated/graphql.js';
import { markPublished as publish } from '../helpers/publish.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const rawId = (globalId: string) => decodeGlobalID(globalId).id;

let t: TestApp;
let alice: { token: string; id: string };
let bob: { token: string; id: string };

beforeAll(async () => {
  t = await createTestApp();
  alice = await t.signUp('Alice');
  bob = await t.signUp('Bob');
});
afterAll(() => t?.close());

async function createPost(token: string, content: string, extra: Record<string, unknown> = {}) {
  const { data, errors } = await t.gql(CreatePostDocument, { input: { content, ...extra } }, { token });
  expect(errors).toBeUndefined();
  return data!.createPost;
}

const postCount = () => t.app.db.prisma.post.count();

describe('createPost', () => {
  it('creates a draft by the caller with normalised hashtags from the list and the text', async () => {
    const post = await createPost(alice.token, 'Shipping our #AI roadmap today. #Remote_Work', {
      hashtags: ['#ai', 'Product-Management', 'growth'],
      tone: 'PROFESSIONAL',
    });
    expect(post).toMatchObject({
      status: 'DRAFT',
      tone: 'PROFESSIONAL',
      visibility: 'PUBLIC',
      author: { id: alice.id, name: 'Alice' },
      hashtags: ['ai', 'productmanagement', 'growth', 'remote_work'],
    });
  });

  it('requires a signed-in author', async () => {
    const before = await postCount();
    const { errors } = await t.gql(CreatePostDocument, { input: { content: 'anonymous' } });
    expect(errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await postCount()).toBe(before);
  });

  it("enforces LinkedIn's 3,000-character limit in characters, not bytes", async () => {
    const before = await postCount();
    const tooLong = await t.gql(CreatePostDocument, { input: { content: 'a'.repeat(3001) } }, { token: alice.token });
    expect(tooLong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.content' }] });
    expect(await postCount()).toBe(before);
    const emoji = await createPost(alice.token, '🚀'.repeat(3000));
    expect(emoji.content).toHaveLength(6000);
  });

  it('rejects empty content and unusable hashtags, naming each field', async () => {
    const { errors } = await t.gql(CreatePostDocument, { input: { content: '   ', hashtags: ['!!!'] } }, { token: alice.token });
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const paths = (errors![0]!.extensions!.fields as { path: string }[]).map((f) => f.path);
    expect(paths).toContain('input.content');
    expect(paths.some((p) => p.startsWith('input.hashtags'))).toBe(true);
  });

  it('stores the analysis with the post', async () => {
    const post = await createPost(alice.token, 'Three lessons from a year of remote work.\n\nFirst, write things down.');
    const row = await t.app.db.prisma.post.findFirstOrThrow({ where: { content: { startsWith: 'Three lessons' } } });
    expect(row.analysis).toMatchObject({ wordCount: 12, hook: expect.stringContaining('Three lessons') });
    expect(post.id).toBeTruthy();
  });
});

describe('author-only rules', () => {
  it('lets the author edit, and refuses another user with FORBIDDEN and no change', async () => {
    const post = await createPost(alice.token, 'Original text');
    const denied = await t.gql(UpdatePostDocument, { id: post.id, input: { content: 'Hijacked' } }, { token: bob.token });
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await t.gql(UpdatePostDocument, { id: post.id, input: { content: 'Hijacked' } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const edited = await t.gql(UpdatePostDocument, { id: post.id, input: { content: 'Edited #text' } }, { token: alice.token });
    expect(edited.data?.updatePost).toMatchObject({ content: 'Edited #text', hashtags: ['text'] });
    const row = await t.app.db.prisma.post.findFirstOrThrow({ where: { content: 'Edited #text' } });
    expect(row.contentVersion).toBe(2);
  });

  it('answers NOT_FOUND for a well-formed id of a missing post and BAD_USER_INPUT for a malformed one', async () => {
    const post = await createPost(alice.token, 'Soon deleted');
    await t.gql(DeletePostDocument, { id: post.id }, { token: alice.token });
    const missing = await t.gql(UpdatePostDocument, { id: post.id, input: { content: 'x' } }, { token: alice.token });
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const malformed = await t.gql(UpdatePostDocument, { id: 'not-an-id', input: { content: 'x' } }, { token: alice.token });
    expect(malformed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const wrongType = await t.gql(UpdatePostDocument, { id: alice.id, input: { content: 'x' } }, { token: alice.token });
    expect(wrongType.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it("deletes only the author's own post and returns its id", async () => {
    const post = await createPost(alice.token, 'Delete me');
    const denied = await t.gql(DeletePostDocument, { id: post.id }, { token: bob.token });
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const deleted = await t.gql(DeletePostDocument, { id: post.id }, { token: alice.token });
    expect(deleted.data?.deletePost).toBe(post.id);
    expect((await t.gql(PostDocument, { id: post.id }, { token: alice.token })).data?.post).toBeNull();
  });
});

const markPublished = (globalId: string) => publish(t, globalId);

describe('publishing and scheduling', () => {
  it('publishing needs a connected LinkedIn account (the full flow is in test/publishing)', async () => {
    const post = await createPost(alice.token, 'Going live');
    const refused = await t.gql(PublishPostDocument, { id: post.id }, { token: alice.token });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'accountId' }] });
    expect((await t.gql(PostDocument, { id: post.id }, { token: alice.token })).data?.post?.status).toBe('DRAFT');
  });

  it('schedules in the future, refuses the past and more than a year ahead', async () => {
    const post = await createPost(alice.token, 'Later');
    await t.app.services.linkedInAccounts.save({
      userId: Buffer.from(alice.id, 'base64').toString('utf8').split(':')[1]!,
      author: { urn: 'urn:li:person:alice', name: 'Alice' },
      tokens: { accessToken: 'not-used-before-the-post-is-due', expiresAt: new Date(Date.now() + 7 * 86400_000), scope: 'w_member_social' },
    });
    const at = new Date(Date.now() + 3600_000).toISOString();
    const scheduled = await t.gql(SchedulePostDocument, { id: post.id, at }, { token: alice.token });
    expect(scheduled.data?.schedulePost).toMatchObject({ status: 'SCHEDULED', scheduledAt: at });
    const past = await t.gql(SchedulePostDocument, { id: post.id, at: '2020-01-01T00:00:00Z' }, { token: alice.token });
    expect(past.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'at' }] });
    const far = await t.gql(SchedulePostDocument, { id: post.id, at: new Date(Date.now() + 400 * 86400_000).toISOString() }, { token: alice.token });
    expect(far.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const badDate = await t.gql(SchedulePostDocument, { id: post.id, at: 'tomorrow' }, { token: alice.token });
    expect(badDate.errors?.[0]?.message).toMatch(/ISO 8601/);
  });
});

describe('reading posts', () => {
  it('shows drafts only to their author; published posts to everyone', async () => {
    const draft = await createPost(alice.token, 'Secret draft');
    expect((await t.gql(PostDocument, { id: draft.id }, { token: bob.token })).data?.post).toBeNull();
    expect((await t.gql(PostDocument, { id: draft.id })).data?.post).toBeNull();
    expect((await t.gql(PostDocument, { id: draft.id }, { token: alice.token })).data?.post?.content).toBe('Secret draft');
    await markPublished(draft.id);
    expect((await t.gql(PostDocument, { id: draft.id })).data?.post?.content).toBe('Secret draft');
  });

  it('pages through the feed with cursors, newest first, and counts the total', async () => {
    const writer = await t.signUp('Writer');
    for (let i = 0; i < 5; i++) await createPost(writer.token, `Feed post ${i}`);
    const filter = { authorId: writer.id };
    const first = await t.gql(FeedDocument, { first: 2, filter }, { token: writer.token });
    expect(first.data?.posts.totalCount).toBe(5);
    expect(first.data?.posts.edges.map((e) => e.node.content)).toEqual(['Feed post 4', 'Feed post 3']);
    const second = await t.gql(FeedDocument, { first: 2, after: first.data?.posts.pageInfo.endCursor, filter }, { token: writer.token });
    expect(second.data?.posts.edges.map((e) => e.node.content)).toEqual(['Feed post 2', 'Feed post 1']);
    const oldest = await t.gql(FeedDocument, { first: 1, filter, orderBy: 'OLDEST' }, { token: writer.token });
    expect(oldest.data?.posts.edges[0]?.node.content).toBe('Feed post 0');
    const others = await t.gql(FeedDocument, { first: 10, filter }, { token: bob.token });
    expect(others.data?.posts.totalCount).toBe(0);
  });

  it('filters by hashtag, status and tone', async () => {
    const writer = await t.signUp('Tagger');
    await createPost(writer.token, 'About #Kubernetes', { tone: 'EDUCATIONAL' });
    await createPost(writer.token, 'About cooking', { tone: 'CASUAL' });
    const filter = { authorId: writer.id };
    const tagged = await t.gql(FeedDocument, { filter: { ...filter, hashtag: '#KUBERNETES' } }, { token: writer.token });
    expect(tagged.data?.posts.edges.map((e) => e.node.content)).toEqual(['About #Kubernetes']);
    const casual = await t.gql(FeedDocument, { filter: { ...filter, tone: 'CASUAL', status: 'DRAFT' } }, { token: writer.token });
    expect(casual.data?.posts.edges.map((e) => e.node.content)).toEqual(['About cooking']);
  });

  it('refuses a page larger than 100', async () => {
    const { errors } = await t.gql(FeedDocument, { first: 101 });
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it("lists a user's posts: all for themself, published ones for others", async () => {
    const writer = await t.signUp('Lister');
    const a = await createPost(writer.token, 'Listed draft');
    const b = await createPost(writer.token, 'Listed published');
    await markPublished(b.id);
    const own = await t.gql(UserPostsDocument, { id: writer.id }, { token: writer.token });
    expect(own.data?.node && 'posts' in own.data.node ? own.data.node.posts.totalCount : -1).toBe(2);
    const seen = await t.gql(UserPostsDocument, { id: writer.id }, { token: bob.token });
    const node = seen.data?.node as { posts: { totalCount: number; edges: { node: { id: string } }[] } };
    expect(node.posts.totalCount).toBe(1);
    expect(node.posts.edges.map((e) => e.node.id)).toEqual([b.id]);
    expect(a.id).not.toBe(b.id);
  });
});

describe('searchPosts', () => {
  it("ranks matches by relevance, stems English, and hides other people's drafts", async () => {
    const writer = await t.signUp('Searcher');
    const strong = await createPost(writer.token, 'Kubernetes operators: operating Kubernetes clusters the operator way #kubernetes');
    const weak = await createPost(writer.token, 'A long note about gardening, and once, briefly, kubernetes.');
    await createPost(writer.token, 'Nothing relevant here at all');
    for (const p of [strong, weak]) await markPublished(p.id);
    await createPost(writer.token, 'Unpublished kubernetes draft');

    const anonymous = await t.gql(SearchPostsDocument, { query: 'kubernetes' });
    const ids = anonymous.data?.searchPosts.edges.map((e) => e.node.id) ?? [];
    expect(ids.slice(0, 2)).toEqual([strong.id, weak.id]);
    expect(anonymous.data?.searchPosts.totalCount).toBe(ids.length);
    expect(anonymous.data?.searchPosts.edges.some((e) => e.node.content.includes('Unpublished'))).toBe(false);

    const stemmed = await t.gql(SearchPostsDocument, { query: 'operate' });
    expect(stemmed.data?.searchPosts.edges.map((e) => e.node.id)).toContain(strong.id);

    const own = await t.gql(SearchPostsDocument, { query: 'kubernetes draft' }, { token: writer.token });
    expect(own.data?.searchPosts.edges.some((e) => e.node.content.includes('Unpublished'))).toBe(true);
  });

  it('ranks only the newest matches of a common word, while totalCount counts them all', async () => {
    const writer = await t.signUp('Window');
    const best = await createPost(writer.token, 'Zeppelin zeppelin zeppelin: everything about zeppelins #zeppelin');
    await markPublished(best.id);
    const newer = [];
    for (const n of [1, 2, 3]) newer.push(await createPost(writer.token, `Note ${n} that mentions a zeppelin once, among other things.`));
    for (const p of newer) await markPublished(p.id);
    const posts = createPostService({ prisma: t.app.db.prisma, analyzer: loadAnalyzer, workspaces: t.app.services.workspaces, searchRankWindow: 3 });
    const page = { limit: 10, inverted: false };
    const anyone = { viewerId: undefined, includeArchived: false };
    const ids = (await posts.searchPage('zeppelin', anyone, page)).map((hit) => hit.id);
    expect(ids.sort()).toEqual(newer.map((p) => rawId(p.id)).sort());
    expect(await posts.searchCount('zeppelin', anyone)).toBe(4);
    const wide = createPostService({ prisma: t.app.db.prisma, analyzer: loadAnalyzer, workspaces: t.app.services.workspaces });
    expect((await wide.searchPage('zeppelin', anyone, page))[0]?.id).toBe(rawId(best.id));
  });

  it('pages search results and rejects an empty query', async () => {
    const page = await t.gql(SearchPostsDocument, { query: 'kubernetes', first: 1 });
    expect(page.data?.searchPosts.pageInfo.hasNextPage).toBe(true);
    const next = await t.gql(SearchPostsDocument, { query: 'kubernetes', first: 1, after: page.data?.searchPosts.pageInfo.endCursor });
    expect(next.data?.searchPosts.edges[0]?.node.id).not.toBe(page.data?.searchPosts.edges[0]?.node.id);
    const empty = await t.gql(SearchPostsDocument, { query: '  ' });
    expect(empty.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
