import { afterAll, beforeAll } from 'vitest';
import { type App, createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { markPublished } from '../helpers/publish.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/** One app for the test file, listening on a port (the fast path only sees real HTTP); read it inside tests. */
export function listeningTestApp(): { t: TestApp; url: string } {
  const app = { t: undefined as unknown as TestApp, url: '' };
  beforeAll(async () => {
    app.t = await createTestApp();
    app.url = await app.t.listen();
  });
  afterAll(() => app.t?.close());
  return app;
}

export const POST_QUERY = `query CachedPost($id: ID!) {
  post(id: $id) { id content status author { id name } metrics { impressions engagementRate } }
}`;

export const ME_QUERY = 'query Me { me { id name email } }';

/** A raw HTTP GraphQL request, as a client sends it (the fast path only sees real HTTP). */
export async function post(
  baseUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
  options: { token?: string; accept?: string; operationName?: string } = {},
) {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.accept ? { accept: options.accept } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: JSON.stringify({ query, variables, operationName: options.operationName }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: JSON.parse(text) as { data?: any; errors?: any[] } };
}

/** A published post by a new author; returns its global id and the author's token. */
export async function publishedPost(t: TestApp, content = 'Caching makes reads nearly free #performance') {
  const author = await t.signUp('Cache Author');
  const created = await t.gql<{ createPost: { id: string } }>(
    'mutation ($input: CreatePostInput!) { createPost(input: $input) { id } }',
    { input: { content } },
    { token: author.token },
  );
  const id = created.data!.createPost.id;
  await markPublished(t, id);
  return { id, author };
}

/** Response-cache look-ups with this result, of every operation or of the named one. */
export async function counter(t: TestApp, result: 'hit' | 'miss', operation?: string): Promise<number> {
  const metric = await t.app.metrics.cacheRequests.get();
  return metric.values
    .filter((v) => v.labels.cache === 'response' && v.labels.result === result && (operation === undefined || v.labels.operation === operation))
    .reduce((sum, v) => sum + v.value, 0);
}

export interface TwoInstances {
  t: TestApp;
  second: App;
  urlA: string;
  urlB: string;
}

/** Two API instances on one database and Redis (the second from the first's environment), listening for the tests of the calling block. */
export function twoInstances(): TwoInstances {
  const pair = {} as TwoInstances;
  beforeAll(async () => {
    pair.t = await createTestApp();
    pair.urlA = await pair.t.listen();
    pair.second = await createApp(loadConfig(pair.t.env));
    pair.urlB = (await pair.second.start(0)).url;
  });
  afterAll(async () => {
    await pair.second?.stop();
    await pair.t?.close();
  });
  return pair;
}
