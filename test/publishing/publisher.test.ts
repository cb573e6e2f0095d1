import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublishingTestApp, PUBLISHING_FIELDS, type PublishingTestApp } from './publishing-app.js';

let p: PublishingTestApp;
beforeAll(async () => {
  p = await createPublishingTestApp();
});
afterAll(() => p?.close());

const PUBLISH = `mutation ($id: ID!) { publishPost(id: $id) { ${PUBLISHING_FIELDS} } }`;
const READ = `query ($id: ID!) { post(id: $id) { ${PUBLISHING_FIELDS} } }`;

async function publishedPost(token: string, postId: string) {
  await p.settle(postId);
  const read = await p.t.gql(READ, { id: postId }, { token });
  expect(read.errors).toBeUndefined();
  return read.data!.post;
}

describe('publishing to LinkedIn over real HTTP', () => {
  it('sends the post as LinkedIn documents it and stores the URN from x-restli-id', async () => {
    const author = await p.t.signUp('Ada');
    await p.connect(author.id);
    const postId = await p.draft(author.token, 'Publishing (for real) at 100% #LaunchDay');
    const before = p.postRequests().length;

    const started = await p.t.gql(PUBLISH, { id: postId }, { token: author.token });
    expect(started.errors).toBeUndefined();
    expect(started.data!.publishPost.status).toBe('PUBLISHING');

    const post = await publishedPost(author.token, postId);
    const sent = p.postRequests().slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.headers['linkedin-version']).toBe('202510');
    expect(sent[0]!.headers['x-restli-protocol-version']).toBe('2.0.0');
    const stored = p.fake.posts.at(-1)!;
    expect(stored.rendered).toBe('Publishing (for real) at 100% #LaunchDay');
    expect(post).toMatchObject({
      status: 'PUBLISHED',
      linkedInUrn: stored.urn,
      linkedInUrl: `https://www.linkedin.com/feed/update/${stored.urn}/`,
      publishError: null,
    });
    expect(post.publishedAt).not.toBeNull();
    expect(post.publishAttempts).toEqual([expect.objectContaining({ number: 1, outcome: 'PUBLISHED', httpStatus: 201, errorCategory: null, urn: stored.urn })]);
    expect(post.publishAttempts[0].requestId).toEqual(expect.any(String));

    const again = await p.t.gql(PUBLISH, { id: postId }, { token: author.token });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(p.postRequests().slice(before)).toHaveLength(1);
  });

  it('401: marks the account NEEDS_RECONNECT and fails the post with the reason', async () => {
    const author = await p.t.signUp('Bo');
    await p.connect(author.id);
    const postId = await p.draft(author.token);
    p.fake.enqueue({ kind: 'unauthorized' });
    await p.t.gql(PUBLISH, { id: postId }, { token: author.token });

    const post = await publishedPost(author.token, postId);
    expect(post.status).toBe('FAILED');
    expect(post.publishError).toMatch(/reconnected/);
    expect(post.publishAttempts).toEqual([expect.objectContaining({ outcome: 'FAILED', httpStatus: 401, errorCategory: 'unauthorized', retryable: false })]);
    const me = await p.t.gql('{ me { linkedInAccounts { status } } }', {}, { token: author.token });
    expect(me.data!.me.linkedInAccounts).toEqual([{ status: 'NEEDS_RECONNECT' }]);

    const retry = await p.t.gql(PUBLISH, { id: postId }, { token: author.token });
    expect(retry.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'accountId' }] });
  });

  it('429 with Retry-After: records the attempt and retries no sooner than LinkedIn asked', async () => {
    const author = await p.t.signUp('Cy');
    await p.connect(author.id);
    const postId = await p.draft(author.token);
    p.fake.enqueue({ kind: 'rate_limited', retryAfterSeconds: 1 });
    await p.t.gql(PUBLISH, { id: postId }, { token: author.token });

    const post = await publishedPost(author.token, postId);
    expect(post.status).toBe('PUBLISHED');
    expect(post.publishAttempts.map((a: { outcome: string }) => a.outcome)).toEqual(['RETRY', 'PUBLISHED']);
    expect(post.publishAttempts[0]).toMatchObject({ httpStatus: 429, errorCategory: 'rate_limited', retryable: true });
    expect(post.publishAttempts[0].retryDelayMs).toBeGreaterThanOrEqual(1000);
  });

  it('500: retries with backoff and publishes once', async () => {
    const author = await p.t.signUp('Di');
    await p.connect(author.id);
    const postId = await p.draft(author.token);
    const before = p.postRequests().length;
    p.fake.enqueue({ kind: 'server_error' });
    p.fake.enqueue({ kind: 'server_error', status: 503 });
    await p.t.gql(PUBLISH, { id: postId }, { token: author.token });

    const post = await publishedPost(author.token, postId);
    expect(post.status).toBe('PUBLISHED');
    expect(post.publishAttempts.map((a: { httpStatus: number }) => a.httpStatus)).toEqual([500, 503, 201]);
    expect(p.postRequests().length - before).toBe(3);
    expect(p.fake.posts.filter((s) => s.urn === post.linkedInUrn)).toHaveLength(1);
  });

  it('gives up after PUBLISH_MAX_ATTEMPTS failures', async () => {
    const author = await p.t.signUp('Ed');
    await p.connect(author.id);
    const postId = await p.draft(author.token);
    for (let i = 0; i < 5; i++) p.fake.enqueue({ kind: 'server_error' });
    await p.t.gql(PUBLISH, { id: postId }, { token: author.token });

    const post = await publishedPost(author.token, postId);
    expect(post.status).toBe('FAILED');
    expect(post.publishAttempts.map((a: { outcome: string }) => a.outcome)).toEqual(['RETRY', 'RETRY', 'RETRY', 'RETRY', 'FAILED']);
    expect(post.publishError).toMatch(/gave up after 5 of 5 attempts/);
  });

  it("422 DUPLICATE_POST on the first attempt: the author's own earlier post, so it fails with that reason", async () => {
    const author = await p.t.signUp('Fa');
    await p.connect(author.id);
    const postId = await p.draft(author.token);
    p.fake.enqueue({ kind: 'duplicate', urn: 'urn:li:share:6900000000000000001' });
    await p.t.gql(PUBLISH, { id: postId }, { token: author.token });

    const post = await publishedPost(author.token, postId);
    expect(post).toMatchObject({ status: 'FAILED', linkedInUrn: null });
    expect(post.publishError).toMatch(/already has an identical post.*urn:li:share:6900000000000000001/);
    expect(post.publishAttempts).toEqual([expect.objectContaining({ httpStatus: 422, errorCategory: 'duplicate' })]);
  });

  it('422 DUPLICATE_POST after a lost answer: adopts the post the earlier attempt created', async () => {
    const author = await p.t.signUp('Gu');
    await p.connect(author.id);
    const postId = await p.draft(author.token);
    const before = p.fake.posts.length;
    p.fake.enqueue({ kind: 'lose_response' });
    await p.t.gql(PUBLISH, { id: postId }, { token: author.token });

    const post = await publishedPost(author.token, postId);
    const created = p.fake.posts.slice(before);
    expect(created).toHaveLength(1);
    expect(post).toMatchObject({ status: 'PUBLISHED', linkedInUrn: created[0]!.urn });
    expect(post.publishAttempts).toEqual([
      expect.objectContaining({ outcome: 'RETRY', httpStatus: null, errorCategory: 'network' }),
      expect.objectContaining({ outcome: 'PUBLISHED', httpStatus: 422, errorCategory: 'duplicate', urn: created[0]!.urn }),
    ]);
  });

  it('shows attempts, the account and errors to the author only', async () => {
    const author = await p.t.signUp('Ha');
    const reader = await p.t.signUp('Io');
    await p.connect(author.id);
    const postId = await p.draft(author.token);
    await p.t.gql(PUBLISH, { id: postId }, { token: author.token });
    await p.settle(postId);

    const seen = await p.t.gql(READ, { id: postId }, { token: reader.token });
    expect(seen.errors).toBeUndefined();
    expect(seen.data!.post).toMatchObject({ status: 'PUBLISHED', publishAttempts: [], linkedInAccount: null, publishError: null });
    expect(seen.data!.post.linkedInUrn).toMatch(/^urn:li:share:/);
    const accounts = await p.t.gql(
      `query ($id: ID!) { node(id: $id) { ... on User { linkedInAccounts { id } } } }`,
      { id: author.id },
      { token: reader.token },
    );
    expect(accounts.data!.node.linkedInAccounts).toEqual([]);
  });
});
