import { type Client, createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { markPublished } from '../helpers/publish.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * One client cannot hold an instance's memory with subscriptions: each socket runs a bounded number
 * of operations, each caller holds a bounded number of subscriptions over all its sockets, and a bad
 * operation fails alone.
 */
const LIMITS = { MAX_SUBSCRIPTIONS_PER_SOCKET: '5', MAX_SUBSCRIPTIONS_PER_CALLER: '8' };
const SUBSCRIPTION = 'subscription ($id: ID!) { postMetricsUpdated(postId: $id) { impressions } }';

let t: TestApp;
let token: string;
let postId: string;
let rawPostId: string;
const clients: Client[] = [];

beforeAll(async () => {
  t = await createTestApp({ env: LIMITS });
  const author = await t.signUp('Flooder');
  token = author.token;
  const created = await t.gql<{ createPost: { id: string } }>('mutation { createPost(input: { content: "Watched by many" }) { id } }', {}, { token });
  postId = created.data!.createPost.id;
  rawPostId = Buffer.from(postId, 'base64').toString().split(':')[1]!;
  await markPublished(t, postId);
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await t.close();
});

function connect() {
  const client = createClient({
    url: `${t.url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: false,
  });
  clients.push(client);
  return client;
}

interface Watcher {
  events: unknown[];
  errors: { message: string; extensions?: Record<string, unknown> }[];
}

function watch(client: Client, query = SUBSCRIPTION): Watcher {
  const watcher: Watcher = { events: [], errors: [] };
  client.subscribe(
    { query, variables: { id: postId } },
    {
      // A refusal by the GraphQL layer arrives as a result with errors; one by the socket, as an error message.
      next: (value) => void (value.errors ? watcher.errors.push(...(value.errors as Watcher['errors'])) : watcher.events.push(value)),
      error: (errors) => void watcher.errors.push(...(Array.isArray(errors) ? errors : [{ message: String(errors) }])),
      complete: () => undefined,
    },
  );
  return watcher;
}

/** Publishes until every watcher that was accepted has an event (subscriptions are set up asynchronously). */
async function publishUntilDelivered(accepted: Watcher[]) {
  for (let i = 0; i < 100 && accepted.some((w) => w.events.length === 0); i++) {
    t.app.services.pubsub.publish('post:metrics', rawPostId, { impressions: i, reactions: 0, comments: 0, reposts: 0, clicks: 0 });
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const codeOf = (w: Watcher) => w.errors[0]?.extensions?.code;

describe('subscription floods', () => {
  it('caps operations per socket and subscriptions per caller, and a syntax error fails only its operation', async () => {
    const first = connect();
    const onFirst = Array.from({ length: 6 }, () => watch(first));
    await expect.poll(() => onFirst.filter((w) => w.errors.length).length).toBe(1);
    const refusedOnSocket = onFirst.find((w) => w.errors.length)!;
    expect(codeOf(refusedOnSocket)).toBe('TOO_MANY_SUBSCRIPTIONS');

    const second = connect();
    const broken = watch(second, 'subscription { postMetricsUpdated(postId: ');
    await expect.poll(() => broken.errors.length).toBe(1);
    expect(broken.errors[0]!.message).toMatch(/Syntax Error/);

    const onSecond = Array.from({ length: 4 }, () => watch(second));
    await expect.poll(() => onSecond.filter((w) => w.errors.length).length).toBe(1);
    expect(codeOf(onSecond.find((w) => w.errors.length)!)).toBe('TOO_MANY_SUBSCRIPTIONS');

    // The eight accepted (five on one socket, three on the other) still get every event: nothing was closed.
    const accepted = [...onFirst, ...onSecond].filter((w) => !w.errors.length);
    expect(accepted).toHaveLength(8);
    await publishUntilDelivered(accepted);
    expect(accepted.every((w) => w.events.length > 0)).toBe(true);
    expect(await t.app.metrics.registry.getSingleMetricAsString('lpa_graphql_subscriptions_active')).toMatch(/field="postMetricsUpdated"} 8$/m);
    const refused = await t.app.metrics.registry.getSingleMetricAsString('lpa_subscriptions_refused_total');
    expect(refused).toMatch(/limit="socket"} 1/);
    expect(refused).toMatch(/limit="caller"} 1/);
  });

  it('gives a caller their places back when their subscriptions end', async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
    await expect
      .poll(async () => await t.app.metrics.registry.getSingleMetricAsString('lpa_graphql_subscriptions_active'))
      .toMatch(/field="postMetricsUpdated"} 0$/m);
    const again = Array.from({ length: 5 }, () => watch(connect()));
    await publishUntilDelivered(again);
    expect(again.every((w) => w.errors.length === 0 && w.events.length > 0)).toBe(true);
  });
});
