import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTICLE_DESCRIPTION, ARTICLE_TITLE, type ArticlePages, COVER_PNG, startArticlePages } from '../fakes/article-pages.js';
import { connectedAuthor, DEFAULT_OWNER_URN, publishCarrying, requestLine } from './publish-carrying.js';
import { createPublishingTestApp, type PublishingTestApp } from './publishing-app.js';

/** Posts with an article or a poll, published to the fake LinkedIn through the queue worker, over real HTTP. */
let p: PublishingTestApp;
let pages: ArticlePages;
let author: { token: string; id: string };

beforeAll(async () => {
  pages = await startArticlePages();
  p = await createPublishingTestApp({ ARTICLE_PREVIEW_ALLOWED_CIDRS: '127.0.0.1/32' });
  author = await connectedAuthor(p, 'Rich poster');
});
afterAll(async () => {
  await p?.close();
  await pages?.close();
});

const publish = (input: Record<string, unknown>) => publishCarrying(p, author.token, input, 'Rich post');
const owner = DEFAULT_OWNER_URN;

describe('publishing posts that carry an article or a poll', () => {
  it('a poll goes out as content.poll with LinkedIn duration names, and nothing is uploaded', async () => {
    const { post, requests } = await publish({ poll: { question: 'Friday deploys?', options: ['Yes', 'Never'], durationDays: 3 } });
    expect(requests.map(requestLine)).toEqual(['POST /rest/posts']);
    const body = JSON.parse(requests[0]!.body);
    expect(body.content).toEqual({
      poll: { question: 'Friday deploys?', options: [{ text: 'Yes' }, { text: 'Never' }], settings: { duration: 'THREE_DAYS' } },
    });
    expect(body.author).toBe(owner);
    expect(post).toMatchObject({ status: 'PUBLISHED', publishAttempts: [{ outcome: 'PUBLISHED', uploadSteps: [] }] });
  });

  it('an article uploads its thumbnail through the Images API first, then goes out as content.article naming it', async () => {
    const { post, requests } = await publish({ article: { url: pages.url('/article') } });
    const image = p.fake.assets.at(-1)!;
    const id = image.urn.split(':').at(-1);
    expect(requests.map(requestLine)).toEqual([
      'POST /rest/images?action=initializeUpload',
      `PUT /upload/images/${id}`,
      `GET /rest/images/${encodeURIComponent(image.urn)}`,
      'POST /rest/posts',
    ]);
    expect(JSON.parse(requests[0]!.body)).toEqual({ initializeUploadRequest: { owner } });
    expect(image).toMatchObject({ owner, status: 'AVAILABLE', contentType: 'image/png', bytes: COVER_PNG });
    expect(JSON.parse(requests[3]!.body).content).toEqual({
      article: { source: pages.url('/article'), title: ARTICLE_TITLE, description: ARTICLE_DESCRIPTION, thumbnail: image.urn },
    });
    expect(post.publishAttempts).toEqual([
      {
        number: 1,
        outcome: 'PUBLISHED',
        error: null,
        uploadSteps: [
          { asset: 'image', step: 'initializeUpload', urn: image.urn, polls: null },
          { asset: 'image', step: 'upload', urn: image.urn, polls: null },
          { asset: 'image', step: 'available', urn: image.urn, polls: 1 },
        ],
      },
    ]);
  });

  it('a PUT of the bytes that fails is retried from the start, and LinkedIn gets exactly one post', async () => {
    p.fake.enqueue({ kind: 'server_error', status: 500 }, 'upload');
    const postsBefore = p.fake.posts.length;
    const { post, requests } = await publish({ article: { url: pages.url('/article') } });
    const lines = requests.map(requestLine);
    expect(lines.filter((l) => l === 'POST /rest/images?action=initializeUpload')).toHaveLength(2);
    expect(lines.filter((l) => l.startsWith('PUT /upload/images/'))).toHaveLength(2);
    expect(lines.filter((l) => l === 'POST /rest/posts')).toHaveLength(1);
    expect(lines.at(-1)).toBe('POST /rest/posts');
    expect(p.fake.posts.length).toBe(postsBefore + 1);
    const [first, second] = post.publishAttempts;
    expect(first).toMatchObject({ number: 1, outcome: 'RETRY', uploadSteps: [{ step: 'initializeUpload' }] });
    expect(second).toMatchObject({ number: 2, outcome: 'PUBLISHED', uploadSteps: [{ step: 'initializeUpload' }, { step: 'upload' }, { step: 'available' }] });
    expect(JSON.parse(requests.at(-1)!.body).content.article.thumbnail).toBe(second.uploadSteps[0].urn);
    expect(post.linkedInUrn).toBe(p.fake.posts.at(-1)!.urn);
  });

  it('an asset still PROCESSING is waited for before the post is created', async () => {
    p.fake.enqueue({ kind: 'processing', reads: 1 }, 'upload');
    const { post, requests } = await publish({ article: { url: pages.url('/article') } });
    expect(requests.map(requestLine).filter((l) => l.startsWith('GET /rest/images/'))).toHaveLength(2);
    expect(post.publishAttempts[0].uploadSteps.at(-1)).toMatchObject({ step: 'available', polls: 2 });
  });

  it('an article whose preview failed goes out titled by its URL, without a thumbnail', async () => {
    const { post, requests } = await publish({ article: { url: pages.url('/json') } });
    expect(requests.map(requestLine)).toEqual(['POST /rest/posts']);
    expect(JSON.parse(requests[0]!.body).content).toEqual({ article: { source: pages.url('/json'), title: pages.url('/json') } });
    expect(post.status).toBe('PUBLISHED');
  });
});
