import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/infra/metrics.js';
import { createLinkedInClient } from '../../src/modules/publishing/linkedin-client.js';
import { type PublishAttemptInput, publishAttempt } from '../../src/modules/publishing/publish-attempt.js';
import { DEFAULT_MEMBER, type FakeLinkedIn, startFakeLinkedIn } from '../fakes/linkedin-server.js';

const author = `urn:li:person:${DEFAULT_MEMBER.sub}`;
const policy = { maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 60_000 };
let fake: FakeLinkedIn;
let accessToken: string;
let counter = 0;

beforeAll(async () => {
  fake = await startFakeLinkedIn();
  accessToken = fake.issueAccessToken();
});
afterAll(() => fake.close());

function attempt(overrides: Partial<PublishAttemptInput> & { content?: string } = {}) {
  const { content, ...rest } = overrides;
  counter += 1;
  return publishAttempt({
    client: createLinkedInClient({ apiBaseUrl: fake.url, linkedInVersion: '202511', timeoutMs: 3000 }),
    accessToken,
    post: { author, content: content ?? `Attempt post ${counter} (with parens) #Launch`, hashtags: ['ai'], visibility: 'PUBLIC' },
    attemptNumber: 1,
    idempotencyKey: `post-${counter}:v1`,
    retryPolicy: policy,
    random: () => 0,
    ...rest,
  });
}

describe('publishAttempt', () => {
  it('publishes, recording URN, permalink, status and timing; LinkedIn shows the whole text', async () => {
    const record = await attempt({ content: 'Ship it (finally) — see https://example.com/a_b #Launch' });
    expect(record).toMatchObject({
      number: 1,
      httpStatus: 201,
      outcome: 'published',
      errorCategory: null,
      retryable: false,
      urn: expect.stringMatching(/^urn:li:share:\d+$/),
      requestId: `${record.idempotencyKey}:1`,
    });
    expect(record.permalink).toBe(`https://www.linkedin.com/feed/update/${record.urn}/`);
    expect(record.durationMs).toBeGreaterThanOrEqual(0);
    const stored = fake.posts.find((p) => p.urn === record.urn)!;
    expect(stored.rendered).toBe('Ship it (finally) — see https://example.com/a_b #Launch\n\n#ai');
  });

  it('records a retryable failure with the delay to wait, honouring Retry-After', async () => {
    fake.enqueue({ kind: 'rate_limited', retryAfterSeconds: 30 });
    expect(await attempt()).toMatchObject({
      httpStatus: 429,
      outcome: 'retry',
      errorCategory: 'rate_limited',
      retryable: true,
      retryAfterSeconds: 30,
      retryDelayMs: 30_000,
    });
    fake.enqueue({ kind: 'server_error' });
    expect(await attempt({ attemptNumber: 2 })).toMatchObject({ httpStatus: 500, outcome: 'retry', retryDelayMs: 1_000 });
  });

  it('fails once the attempts run out', async () => {
    fake.enqueue({ kind: 'hang' });
    const record = await attempt({ attemptNumber: 3 });
    expect(record).toMatchObject({ httpStatus: null, outcome: 'failed', errorCategory: 'timeout', retryable: true });
    expect(record.errorMessage).toMatch(/gave up after 3 of 3 attempts/);
  });

  it('fails for good on a revoked token, asking for reconnection', async () => {
    const record = await attempt({ accessToken: 'revoked' });
    expect(record).toMatchObject({ httpStatus: 401, outcome: 'failed', errorCategory: 'unauthorized', retryable: false });
    expect(record.errorMessage).toMatch(/reconnected/);
  });

  it('adopts the post an earlier attempt created when its answer was lost', async () => {
    const content = 'Lost answer post';
    fake.enqueue({ kind: 'lose_response' });
    const first = await attempt({ content, idempotencyKey: 'lost:v1' });
    expect(first).toMatchObject({ outcome: 'retry', errorCategory: 'network', httpStatus: null });
    const created = fake.posts.filter((p) => p.rendered.startsWith(content));
    expect(created).toHaveLength(1);

    const second = await attempt({ content, idempotencyKey: 'lost:v1', attemptNumber: 2 });
    expect(second).toMatchObject({
      outcome: 'published',
      httpStatus: 422,
      errorCategory: 'duplicate',
      errorCode: 'DUPLICATE_POST',
      urn: created[0]!.urn,
      permalink: `https://www.linkedin.com/feed/update/${created[0]!.urn}/`,
    });
    expect(fake.posts.filter((p) => p.rendered.startsWith(content))).toHaveLength(1);
  });

  it('fails a first attempt that duplicates an older post of the member, naming it', async () => {
    const content = 'Said this before';
    const earlier = await attempt({ content });
    const record = await attempt({ content });
    expect(record).toMatchObject({ outcome: 'failed', errorCategory: 'duplicate', retryable: false });
    expect(record.urn).toBeUndefined();
    expect(record.errorMessage).toContain(earlier.urn);
  });

  it('fails a duplicate whose URN LinkedIn did not give, with a clear reason', async () => {
    fake.enqueue({ kind: 'duplicate' });
    const record = await attempt({ attemptNumber: 2 });
    expect(record).toMatchObject({ outcome: 'failed', errorCategory: 'duplicate' });
    expect(record.urn).toBeUndefined();
    expect(record.errorMessage).toMatch(/did not say of which post/);
  });

  it('fails without calling LinkedIn when the commentary is too long once escaped', async () => {
    const before = fake.requests.length;
    const record = await attempt({ content: '('.repeat(1_600) });
    expect(record).toMatchObject({ outcome: 'failed', errorCategory: 'client', httpStatus: null, retryable: false });
    expect(record.errorMessage).toMatch(/3205 characters .* limit is 3000/);
    expect(fake.requests.length).toBe(before);
  });

  it('counts every attempt by outcome', async () => {
    const metrics = createMetrics(new Registry());
    await attempt({ metrics });
    fake.enqueue({ kind: 'server_error' });
    await attempt({ metrics });
    await attempt({ metrics, accessToken: 'revoked' });
    const values = (await metrics.publishAttempts.get()).values.map((v) => [v.labels.outcome, v.value]);
    expect(Object.fromEntries(values)).toEqual({ published: 1, retry: 1, failed: 1 });
  });

  it('never puts the access token in the record', async () => {
    const record = await attempt();
    expect(JSON.stringify(record)).not.toContain(accessToken);
  });
});
