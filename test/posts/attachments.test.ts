import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTICLE_DESCRIPTION, ARTICLE_TITLE, type ArticlePages, startArticlePages } from '../fakes/article-pages.js';
import { markPublished } from '../helpers/publish.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const ATTACHMENT = `attachment {
  __typename
  ... on ArticleAttachment { url title description thumbnailUrl previewStatus }
  ... on PollAttachment { question options durationDays }
}`;
const CREATE = `mutation ($input: CreatePostInput!) { createPost(input: $input) { id version ${ATTACHMENT} } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdatePostInput!) { updatePost(id: $id, input: $input) { id version ${ATTACHMENT} } }`;
const READ = `query ($id: ID!) { post(id: $id) { version ${ATTACHMENT} } }`;

const POLL = { question: 'Which do you ship on Fridays?', options: ['Features', 'Fixes', 'Nothing'], durationDays: 7 };

let t: TestApp;
let author: { token: string };
let pages: ArticlePages;
let pageUrl: string;
const PREVIEW_TIMEOUT_MS = 1000;

beforeAll(async () => {
  pages = await startArticlePages();
  pageUrl = pages.url('/article');
  t = await createTestApp({ env: { ARTICLE_PREVIEW_ALLOWED_CIDRS: '127.0.0.1/32', ARTICLE_PREVIEW_TIMEOUT_MS: String(PREVIEW_TIMEOUT_MS) } });
  author = await t.signUp('Attacher');
});
afterAll(async () => {
  await t?.close();
  await pages?.close();
});

const create = (input: Record<string, unknown>) =>
  t.gql<{ createPost: any }>(CREATE, { input: { content: 'A post with something', ...input } }, { token: author.token });
const update = (id: string, input: Record<string, unknown>) => t.gql<{ updatePost: any }>(UPDATE, { id, input }, { token: author.token });
const read = async (id: string) => (await t.gql<{ post: any }>(READ, { id }, { token: author.token })).data?.post;

describe('post attachments', () => {
  it('a poll is stored as given (trimmed) and read back as a PollAttachment', async () => {
    const { data, errors } = await create({ poll: { ...POLL, question: `  ${POLL.question} ` } });
    expect(errors).toBeUndefined();
    expect(data?.createPost.attachment).toEqual({ __typename: 'PollAttachment', ...POLL });
    expect((await read(data!.createPost.id)).attachment).toEqual({ __typename: 'PollAttachment', ...POLL });
  });

  it('an article gets its preview from the page at the URL given, when the address is allowed', async () => {
    const { data, errors } = await create({ article: { url: pageUrl } });
    expect(errors).toBeUndefined();
    expect(data?.createPost.attachment).toEqual({
      __typename: 'ArticleAttachment',
      url: pageUrl,
      title: ARTICLE_TITLE,
      description: ARTICLE_DESCRIPTION,
      thumbnailUrl: pages.url('/cover.png'),
      previewStatus: 'OK',
    });
  });

  it('an article whose preview is refused is saved with its URL, no preview, and the reason', async () => {
    const { data, errors } = await create({ article: { url: 'http://169.254.169.254/latest/meta-data/' } });
    expect(errors).toBeUndefined();
    expect(data?.createPost.attachment).toMatchObject({ url: 'http://169.254.169.254/latest/meta-data/', title: null, previewStatus: 'BLOCKED_ADDRESS' });
  });

  it('a page slower than ARTICLE_PREVIEW_TIMEOUT_MS is saved without preview, as TIMEOUT, and the write does not wait longer', async () => {
    const started = Date.now();
    const { data, errors } = await create({ article: { url: pages.url('/slow') } });
    expect(errors).toBeUndefined();
    expect(data?.createPost.attachment).toMatchObject({ title: null, previewStatus: 'TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(PREVIEW_TIMEOUT_MS + 1500);
  });

  it('a redirect to an address outside the allowlist is refused after the first hop', async () => {
    const { data } = await create({ article: { url: pages.url('/to-private') } });
    expect(data?.createPost.attachment).toMatchObject({ url: pages.url('/to-private'), previewStatus: 'BLOCKED_ADDRESS' });
  });

  it.each([
    [{ poll: POLL, article: { url: 'https://example.com/' } }, 'at most one of article, poll, media or multiImage'],
    [{ poll: { ...POLL, options: ['Only one'] } }, 'input.poll.options: a poll has 2 to 4 options'],
    [{ poll: { ...POLL, options: ['a', 'b', 'c', 'd', 'e'] } }, 'a poll has 2 to 4 options'],
    [{ poll: { ...POLL, options: ['Same', 'same '] } }, 'options must differ'],
    [{ poll: { ...POLL, options: ['x'.repeat(31), 'b'] } }, 'at most 30 characters'],
    [{ poll: { ...POLL, question: 'q'.repeat(141) } }, 'at most 140 characters'],
    [{ poll: { ...POLL, question: '   ' } }, 'must not be empty'],
    [{ poll: { ...POLL, durationDays: 5 } }, 'must be one of 1, 3, 7, 14'],
    [{ article: { url: 'ftp://example.com/a' } }, 'must be an http or https URL'],
    [{ article: { url: 'javascript:alert(1)' } }, 'must be an http or https URL'],
    [{ article: { url: 'not a url' } }, 'must be an absolute http or https URL'],
    [{ article: { url: 'https://user:pw@example.com/' } }, 'must not contain a user name or password'],
    [{ article: { url: `https://example.com/${'a'.repeat(2000)}` } }, 'at most 2000 characters'],
  ])('bad input %j is BAD_USER_INPUT and creates nothing', async (input, message) => {
    const before = await t.app.db.prisma.post.count();
    const { errors } = await create(input);
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.message).toContain(message);
    expect(await t.app.db.prisma.post.count()).toBe(before);
  });

  it('update replaces one kind with another, null removes it, omitted keeps it; each change is a new version', async () => {
    const { data } = await create({ poll: POLL });
    const { id, version } = data!.createPost;
    const requestsBefore = pages.requests.length;
    const article = await update(id, { article: { url: pageUrl } });
    expect(article.data?.updatePost).toMatchObject({ version: version + 1, attachment: { __typename: 'ArticleAttachment', previewStatus: 'OK' } });
    expect(pages.requests.slice(requestsBefore)).toEqual(['/article']);

    const kept = await update(id, { content: 'New words, same article' });
    expect(kept.data?.updatePost).toMatchObject({ version: version + 2, attachment: { __typename: 'ArticleAttachment', url: pageUrl } });

    const cleared = await update(id, { poll: null });
    expect(cleared.data?.updatePost).toEqual({ id, version: version + 3, attachment: null });
    expect(await t.app.db.prisma.postAttachment.count({ where: { post: { content: 'New words, same article' } } })).toBe(0);

    const both = await update(id, { poll: POLL, article: { url: pageUrl } });
    expect(both.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await read(id)).toEqual({ version: version + 3, attachment: null });
  });

  it("the analysis follows what the post carries: a poll's long option is warned about, and goes when the poll does", async () => {
    const WARNINGS = 'query ($id: ID!) { post(id: $id) { analysis { warnings } } }';
    const warnings = async (id: string) => (await t.gql<{ post: any }>(WARNINGS, { id }, { token: author.token })).data?.post.analysis.warnings;
    const { data } = await create({
      content: 'We cut our support queue by 40% without hiring anyone.',
      poll: { ...POLL, options: ['Yes', 'Only after a long review'] },
    });
    const id = data!.createPost.id;
    expect(await warnings(id)).toEqual([expect.stringMatching(/poll option is longer/)]);
    await update(id, { poll: null });
    expect(await warnings(id)).toEqual([]);
    await update(id, { article: { url: pageUrl } });
    await update(id, { content: 'Shipping on Fridays' });
    expect(await warnings(id)).toEqual([expect.stringMatching(/only repeats the article's title/)]);
  });

  it('a published post cannot change its attachment (CONFLICT, nothing changes)', async () => {
    const { data } = await create({ poll: POLL });
    await markPublished(t, data!.createPost.id);
    const before = await read(data!.createPost.id);
    const { errors } = await update(data!.createPost.id, { poll: null });
    expect(errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await read(data!.createPost.id)).toEqual(before);
  });
});
