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

  it('closes the socket with 4403 Forbidden at connection_init when the token is refused, for clients to refresh it', async () => {
    const client = connect('not.a.token');
    const closed = new Promise<number>((resolve) => client.on('closed', (event) => resolve((event as { code: number }).code)));
    await expect(client.iterate({ query: '{ __typename }' }).next()).rejects.toBeDefined();
    expect(await closed).toBe(4403);
  });

  it('sends errors with the same extensions as HTTP: a code and the request id, nothing internal', async () => {
    const client = connect();
    const iterator = client.iterate({ query: 'mutation { createPost(input: { content: "x" }) { id } }' });
    const { value } = await iterator.next();
    const [error] = (value as { errors: { extensions: Record<string, unknown> }[] }).errors;
    expect(error!.extensions).toEqual({ code: 'UNAUTHENTICATED', requestId: expect.any(String) });
  });
});
