import { createClient, type ExecutionResult } from 'graphql-sse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markPublished } from '../helpers/publish.js';
import { type ClientServer, refusedTokens, startClientServer } from './client-server.js';

/** graphql-sse's client, in its distinct-connections and single-connection modes, with its defaults. */
let s: ClientServer;
let tokens: { expired: string; forged: string };

beforeAll(async () => {
  s = await startClientServer({ posts: 1 });
  await markPublished(s.t, s.postIds[0]!);
  tokens = await refusedTokens(s.authorId);
});
afterAll(() => s.t.close());

const MODES = [
  ['distinct connections', false],
  ['a single connection', true],
] as const;

const clientFor = (singleConnection: boolean, token: string) =>
  createClient({ url: s.http, singleConnection, retryAttempts: 0, headers: { authorization: `Bearer ${token}` } });

type Result = ExecutionResult<Record<string, any>, unknown>;

describe.each(MODES)('graphql-sse over %s', (_mode, singleConnection) => {
  it('answers a query', async () => {
    const client = clientFor(singleConnection, s.token);
    try {
      const { value } = await client.iterate({ query: '{ me { id } }' }).next();
      expect(value).toEqual({ data: { me: { id: s.authorId } } });
    } finally {
      client.dispose();
    }
  });

  it('follows a subscription while engagement is recorded, then ends it when the client stops', async () => {
    const client = clientFor(singleConnection, s.token);
    const events = client.iterate<{ postMetricsUpdated: { impressions: number } }>({
      query: 'subscription ($id: ID!) { postMetricsUpdated(postId: $id) { impressions } }',
      variables: { id: s.postIds[0] },
    });
    const first = events.next();
    try {
      // The subscription is live once the server has registered it: record until an event arrives.
      let arrived: IteratorResult<Result> | undefined;
      for (let i = 0; i < 100 && !arrived; i++) {
        await s.t.gql('mutation ($id: ID!) { recordEngagement(postId: $id, type: IMPRESSION) { impressions } }', { id: s.postIds[0] }, { token: s.token });
        arrived = await Promise.race([first, new Promise<undefined>((resolve) => setTimeout(resolve, 50))]);
      }
      expect(arrived?.value).toEqual({ data: { postMetricsUpdated: { impressions: expect.any(Number) } } });
    } finally {
      await events.return?.();
      client.dispose();
    }
  });

  it.each(['expired', 'forged'] as const)('shows an %s token as the GraphQL error (code), not a network error', async (kind) => {
    const client = clientFor(singleConnection, tokens[kind]);
    try {
      const { value } = await client.iterate({ query: 'mutation { createPost(input: { content: "never stored" }) { id } }' }).next();
      const errors = (value as Result).errors ?? [];
      expect(errors).toHaveLength(1);
      expect(errors[0]!.extensions).toEqual({ code: 'UNAUTHENTICATED', requestId: expect.any(String) });
      expect(errors[0]!.message).toMatch(/log in again/);
      // A public read with the same stale token still works.
      const { value: read } = await client.iterate({ query: '{ posts(first: 1) { totalCount } }' }).next();
      expect(read).toEqual({ data: { posts: { totalCount: expect.any(Number) } } });
    } finally {
      client.dispose();
    }
  });
});
