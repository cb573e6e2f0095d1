import { type Client, createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CreatePostDocument } from '../generated/graphql.js';
import { markPublished } from '../helpers/publish.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let wsUrl: string;
const clients: Client[] = [];

beforeAll(async () => {
  t = await createTestApp();
  wsUrl = `${(await t.listen()).replace('http', 'ws')}/graphql`;
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await t?.close();
});

function connect(token?: string) {
  const client = createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
  });
  clients.push(client);
  return client;
}

/** Publishes until the subscriber has its event: the server subscribes asynchronously after the client asks. */
async function untilDelivered<T>(next: Promise<T>, publish: () => void): Promise<T> {
  let delivered = false;
  const result = next.finally(() => (delivered = true));
  while (!delivered) {
    publish();
    await Promise.race([result, new Promise((resolve) => setTimeout(resolve, 100))]);
  }
  return result;
}

const SUBSCRIPTION = 'subscription ($id: ID!) { postMetricsUpdated(postId: $id) { impressions reactions engagementRate } }';

describe('GraphQL over WebSocket (graphql-transport-ws)', () => {
  it('delivers events to an authorised subscriber', async () => {
    const author = await t.signUp();
    const { data } = await t.gql(CreatePostDocument, { input: { content: 'Live numbers' } }, { token: author.token });
    const id = data!.createPost.id;
    const rawId = Buffer.from(id, 'base64').toString().split(':')[1]!;

    const iterator = connect(author.token).iterate<{ postMetricsUpdated: Record<string, number> }>({ query: SUBSCRIPTION, variables: { id } });
    const event = await untilDelivered(iterator.next(), () =>
      t.app.services.pubsub.publish('post:metrics', rawId, { impressions: 10, reactions: 2, comments: 0, reposts: 0, clicks: 0 }),
    );
    expect(event.value?.data?.postMetricsUpdated).toEqual({ impressions: 10, reactions: 2, engagementRate: 0.2 });
    await iterator.return?.();
  });

  it("refuses another user's unpublished post and an anonymous subscriber with typed errors", async () => {
    const author = await t.signUp();
    const other = await t.signUp();
    const { data } = await t.gql(CreatePostDocument, { input: { content: 'Private numbers' } }, { token: author.token });
    const id = data!.createPost.id;
    for (const [token, code] of [
      [other.token, 'FORBIDDEN'],
      [undefined, 'UNAUTHENTICATED'],
    ] as const) {
      const result = await connect(token).iterate({ query: SUBSCRIPTION, variables: { id } }).next();
      expect(result.value).toMatchObject({ errors: [{ extensions: { code } }] });
    }
    const malformed = await connect(author.token)
      .iterate({ query: SUBSCRIPTION, variables: { id: 'UG9zdDoxMjM=' } })
      .next();
    expect(malformed.value).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] });
    await markPublished(t, id);
    const iterator = connect().iterate({ query: SUBSCRIPTION, variables: { id } });
    const event = await untilDelivered(iterator.next(), () =>
      t.app.services.pubsub.publish('post:metrics', Buffer.from(id, 'base64').toString().split(':')[1]!, {
        impressions: 1,
        reactions: 0,
        comments: 0,
        reposts: 0,
        clicks: 0,
      }),
    );
    expect(event.value).toMatchObject({ data: { postMetricsUpdated: { impressions: 1 } } });
    await iterator.return?.();
  });

  it('rejects an invalid token at subscribe time with UNAUTHENTICATED', async () => {
    const client = connect('not.a.token');
    await expect(client.iterate({ query: '{ __typename }' }).next()).rejects.toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) }),
    ]);
  });
});
