import { createClient } from 'graphql-sse';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markPublished } from '../helpers/publish.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/** GraphQL over Server-Sent Events with graphql-sse's own client, in both of its modes. */
let t: TestApp;
let token: string;
let postId: string;
let rawPostId: string;

beforeAll(async () => {
  t = await createTestApp();
  ({ token } = await t.signUp('Streamer'));
  const created = await t.gql<{ createPost: { id: string } }>('mutation { createPost(input: { content: "Followed over SSE" }) { id } }', {}, { token });
  postId = created.data!.createPost.id;
  rawPostId = Buffer.from(postId, 'base64').toString().split(':')[1]!;
  await markPublished(t, postId);
});
afterAll(() => t.close());

const SUBSCRIPTION = 'subscription ($id: ID!) { postMetricsUpdated(postId: $id) { impressions } }';

function sseClient(singleConnection: boolean, authorization = `Bearer ${token}`) {
  return createClient({ url: `${t.url}/graphql`, singleConnection, retryAttempts: 0, headers: { authorization, 'x-graphql-csrf': '1' } });
}

async function firstEvent(singleConnection: boolean) {
  const client = sseClient(singleConnection);
  const events = client.iterate<{ postMetricsUpdated: { impressions: number } }>({ query: SUBSCRIPTION, variables: { id: postId } });
  const next = events.next();
  try {
    for (let i = 1; i < 100; i++) {
      t.app.services.pubsub.publish('post:metrics', rawPostId, { impressions: i, reactions: 0, comments: 0, reposts: 0, clicks: 0 });
      const settled = await Promise.race([next, new Promise((resolve) => setTimeout(resolve, 50, undefined))]);
      if (settled) return settled as IteratorResult<{ data?: { postMetricsUpdated: { impressions: number } } }>;
    }
    throw new Error('no event arrived');
  } finally {
    await events.return?.();
    client.dispose();
  }
}

describe('GraphQL over SSE (graphql-sse)', () => {
  it.each([
    ['distinct connections', false],
    ['a single connection', true],
  ])('delivers subscription events over %s', async (_mode, single) => {
    const { value } = await firstEvent(single);
    expect(value?.data?.postMetricsUpdated.impressions).toBeGreaterThan(0);
  });

  it.each([
    ['distinct connections', false],
    ['a single connection', true],
  ])('runs queries over %s', async (_mode, single) => {
    const client = sseClient(single);
    try {
      const results = client.iterate({ query: '{ me { id } }' });
      const { value } = await results.next();
      expect(value).toMatchObject({ data: { me: { id: expect.any(String) } } });
    } finally {
      client.dispose();
    }
  });

  it('shows an expired token as the GraphQL error a client can act on, not a network error', async () => {
    const expired = await new SignJWT({ scope: '' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject('user:00000000-0000-4000-8000-000000000000')
      .setIssuer('linkedin-posts-api')
      .setAudience('linkedin-posts-api')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 120)
      .sign(new TextEncoder().encode('dev-secret-key-change-me-in-production-0123456789'));
    const client = sseClient(false, `Bearer ${expired}`);
    try {
      const { value } = await client.iterate({ query: 'mutation { createPost(input: { content: "x" }) { id } }' }).next();
      const error = (value as { errors: { message: string; extensions: Record<string, unknown> }[] }).errors[0]!;
      expect(error.extensions).toEqual({ code: 'UNAUTHENTICATED', requestId: expect.any(String) });
      expect(error.message).toMatch(/log in again/);
    } finally {
      client.dispose();
    }
  });
});
