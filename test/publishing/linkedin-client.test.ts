import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LinkedInApiError } from '../../src/modules/publishing/linkedin-api-error.js';
import { createLinkedInClient, postRequestBody } from '../../src/modules/publishing/linkedin-client.js';
import { DEFAULT_MEMBER, type FakeLinkedIn, startFakeLinkedIn } from '../fakes/linkedin-server.js';

const author = `urn:li:person:${DEFAULT_MEMBER.sub}`;
let fake: FakeLinkedIn;
let token: string;

beforeAll(async () => {
  fake = await startFakeLinkedIn();
  token = fake.issueAccessToken();
});
afterAll(() => fake.close());
afterEach(() => {
  fake.requests.length = 0;
});

const client = (overrides: { linkedInVersion?: string; timeoutMs?: number; fetch?: typeof fetch } = {}) =>
  createLinkedInClient({ apiBaseUrl: fake.url, linkedInVersion: '202511', timeoutMs: 5_000, ...overrides });

let counter = 0;
const post = (commentary = `Post number ${++counter}`) => ({
  accessToken: token,
  author,
  commentary,
  visibility: 'PUBLIC' as const,
});

async function failure(promise: Promise<unknown>): Promise<LinkedInApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LinkedInApiError);
  return error as LinkedInApiError;
}

describe('createPost', () => {
  it('creates the post and returns the URN from x-restli-id and its permalink', async () => {
    const created = await client().createPost(post('Hello LinkedIn'));
    expect(created.urn).toMatch(/^urn:li:share:\d+$/);
    expect(created.permalink).toBe(`https://www.linkedin.com/feed/update/${created.urn}/`);
    expect(fake.posts.find((p) => p.urn === created.urn)).toMatchObject({ author, commentary: 'Hello LinkedIn' });
  });

  it('sends exactly the documented headers and body', async () => {
    const input = post();
    await client().createPost(input);
    const [request] = fake.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/rest/posts' });
    expect(request!.headers).toMatchObject({
      authorization: `Bearer ${token}`,
      'linkedin-version': '202511',
      'x-restli-protocol-version': '2.0.0',
      'content-type': 'application/json',
    });
    expect(JSON.parse(request!.body)).toEqual({
      author,
      commentary: input.commentary,
      visibility: 'PUBLIC',
      distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
      lifecycleState: 'PUBLISHED',
      isReshareDisabledByAuthor: false,
    });
    expect(postRequestBody(input)).toEqual(JSON.parse(request!.body));
  });

  it('surfaces a header LinkedIn rejects as a clear, non-retryable client error', async () => {
    const error = await failure(client({ linkedInVersion: '201901' }).createPost(post()));
    expect(error).toMatchObject({ status: 426, category: 'client', retryable: false, code: 'NONEXISTENT_VERSION' });
    expect(error.message).toMatch(/201901 is not active/);
    expect(error.linkedInRequestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('surfaces a wrong protocol header from a caller-supplied fetch as a client error', async () => {
    const badFetch: typeof fetch = (url, init) =>
      fetch(url, { ...init, headers: { ...(init?.headers as Record<string, string>), 'X-Restli-Protocol-Version': '1.0.0' } });
    const error = await failure(client({ fetch: badFetch }).createPost(post()));
    expect(error).toMatchObject({ status: 400, category: 'client', retryable: false });
    expect(error.message).toMatch(/X-Restli-Protocol-Version/);
  });

  it('surfaces a body field LinkedIn rejects as a 422 client error', async () => {
    const error = await failure(client().createPost({ ...post(), visibility: 'LOGGED_IN' as 'PUBLIC' }));
    expect(error).toMatchObject({ status: 422, category: 'client', retryable: false, code: 'INVALID_ENUM_VALUE' });
  });

  it('refuses to post as someone else (403) without retrying', async () => {
    const error = await failure(client().createPost({ ...post(), author: 'urn:li:person:someoneElse' }));
    expect(error).toMatchObject({ status: 403, category: 'client', retryable: false, code: 'ACCESS_DENIED' });
  });

  it('classifies a rejected token as unauthorized: not retryable, reconnect', async () => {
    const error = await failure(client().createPost({ ...post(), accessToken: 'revoked' }));
    expect(error).toMatchObject({ status: 401, category: 'unauthorized', retryable: false, serviceErrorCode: 65600 });
    expect(error.message).toMatch(/reconnected/);
  });

  it('classifies a scripted 401 the same way', async () => {
    fake.enqueue({ kind: 'unauthorized' });
    const error = await failure(client().createPost(post()));
    expect(error).toMatchObject({ category: 'unauthorized', retryable: false });
  });

  it('classifies a real duplicate as duplicate and names the existing post', async () => {
    const first = await client().createPost(post('Same words twice'));
    const error = await failure(client().createPost(post('Same words twice')));
    expect(error).toMatchObject({ status: 422, category: 'duplicate', retryable: false, code: 'DUPLICATE_POST', duplicateOf: first.urn });
  });

  it('classifies 429 as rate_limited, retryable, with Retry-After', async () => {
    fake.enqueue({ kind: 'rate_limited', retryAfterSeconds: 42 });
    const error = await failure(client().createPost(post()));
    expect(error).toMatchObject({ status: 429, category: 'rate_limited', retryable: true, retryAfterSeconds: 42 });
  });

  it('classifies 5xx as server, retryable', async () => {
    fake.enqueue({ kind: 'server_error', status: 503 });
    const error = await failure(client().createPost(post()));
    expect(error).toMatchObject({ status: 503, category: 'server', retryable: true });
  });

  it('classifies a hung request as timeout, retryable', async () => {
    fake.enqueue({ kind: 'hang' });
    const error = await failure(client({ timeoutMs: 200 }).createPost(post()));
    expect(error).toMatchObject({ status: null, category: 'timeout', retryable: true });
  });

  it('classifies a dropped connection as network, retryable', async () => {
    fake.enqueue({ kind: 'lose_response' });
    const error = await failure(client().createPost(post()));
    expect(error).toMatchObject({ status: null, category: 'network', retryable: true });
  });

  it('classifies an unreachable server as network, retryable', async () => {
    const closed = await startFakeLinkedIn();
    await closed.close();
    const error = await failure(createLinkedInClient({ apiBaseUrl: closed.url, linkedInVersion: '202511', timeoutMs: 5_000 }).createPost(post()));
    expect(error).toMatchObject({ category: 'network', retryable: true });
  });

  it('rejects a malformed author or version before calling LinkedIn', async () => {
    const error = await failure(client().createPost({ ...post(), author: 'ada' }));
    expect(error).toMatchObject({ category: 'client', retryable: false });
    expect(fake.requests).toHaveLength(0);
    expect(() => client({ linkedInVersion: '2025-11' })).toThrow(/YYYYMM/);
  });
});
