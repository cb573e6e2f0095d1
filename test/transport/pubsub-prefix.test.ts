import { type Client, createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type App, createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { CreatePostDocument } from '../generated/graphql.js';
import { backend, createTestApp, type TestApp } from '../helpers/test-app.js';

const SUBSCRIPTION = 'subscription ($id: ID!) { postMetricsUpdated(postId: $id) { impressions } }';
type Update = { postMetricsUpdated: { impressions: number } };

describe.skipIf(backend === 'embedded')('pub/sub channels under REDIS_PREFIX, on one Redis', () => {
  let t: TestApp;
  let samePrefix: App;
  let otherPrefix: App;
  const clients: Client[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    samePrefix = await createApp(loadConfig(t.env));
    otherPrefix = await createApp(loadConfig({ ...t.env, REDIS_PREFIX: `${t.env.REDIS_PREFIX}other-deployment:` }));
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await otherPrefix?.stop();
    await samePrefix?.stop();
    await t?.close();
  });

  async function subscribe(app: App, token: string, id: string) {
    const url = `${(await app.start(0)).url.replace('http', 'ws')}/graphql`;
    const client = createClient({ url, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
    clients.push(client);
    return client.iterate<Update>({ query: SUBSCRIPTION, variables: { id } });
  }

  /** Publishes `impressions` from `app` until the subscriber has it; returns every value it received up to it. */
  async function publishUntilReceived(app: App, rawId: string, impressions: number, iterator: AsyncIterator<{ data?: Update | null }>) {
    const seen: number[] = [];
    let received = false;
    const reading = (async () => {
      for (;;) {
        const { value } = await iterator.next();
        seen.push(value!.data!.postMetricsUpdated.impressions);
        if (seen.at(-1) === impressions) return (received = true);
      }
    })();
    // The protocol has no "subscribed" acknowledgement, so the first event may need a few publishes.
    while (!received) {
      app.services.pubsub.publish('post:metrics', rawId, { impressions, reactions: 0, comments: 0, reposts: 0, clicks: 0 });
      await Promise.race([reading, new Promise((resolve) => setTimeout(resolve, 100))]);
    }
    return seen;
  }

  it('an app with the same prefix sees the events, an app with another prefix never does', async () => {
    const author = await t.signUp();
    const { data } = await t.gql(CreatePostDocument, { input: { content: 'Shared Redis' } }, { token: author.token });
    const id = data!.createPost.id;
    const rawId = Buffer.from(id, 'base64').toString().split(':')[1]!;
    const onSamePrefix = await subscribe(samePrefix, author.token, id);
    const onOtherPrefix = await subscribe(otherPrefix, author.token, id);

    expect(await publishUntilReceived(otherPrefix, rawId, 1, onOtherPrefix)).toEqual([1]);
    // Redis delivers in publish order: had one deployment been on the other's channels, the other's
    // events (published and received before) would reach it ahead of its own next one.
    expect(await publishUntilReceived(t.app, rawId, 2, onSamePrefix)).not.toContain(1);
    expect(await publishUntilReceived(otherPrefix, rawId, 3, onOtherPrefix)).not.toContain(2);
    const onSame = await publishUntilReceived(t.app, rawId, 4, onSamePrefix);
    expect(onSame).not.toContain(1);
    expect(onSame).not.toContain(3);
  });
});
