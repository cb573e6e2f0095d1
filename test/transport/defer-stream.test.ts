import { ApolloClient, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { Defer20220824Handler } from '@apollo/client/incremental';
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { markPublished } from '../helpers/publish.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/** Incremental delivery: a page renders its posts before their slower parts, over every transport. */
let t: TestApp;
let token: string;
const ids: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  ({ token } = await t.signUp('Deferrer'));
  for (const content of ['First deferred post #one', 'Second deferred post #two', 'Third deferred post #three']) {
    const created = await t.gql<{ createPost: { id: string } }>(
      'mutation ($c: String!) { createPost(input: { content: $c }) { id } }',
      { c: content },
      { token },
    );
    ids.push(created.data!.createPost.id);
    await markPublished(t, created.data!.createPost.id);
  }
});
afterAll(() => t.close());

const DEFERRED = `query Deferred($ids: [ID!]!) {
  nodes(ids: $ids) { id ... on Post { content ... @defer(label: "analysis") { analysis { wordCount } } } }
}`;
const STREAMED = 'query Streamed($ids: [ID!]!) { nodes(ids: $ids) @stream(initialCount: 1) { id } }';

type Part = { data?: unknown; hasNext?: boolean; incremental?: { data?: unknown; items?: unknown[]; path: unknown[]; label?: string }[]; errors?: unknown[] };

/** The JSON parts of a multipart/mixed answer, as an incremental-delivery client reads them. */
async function multipartParts(response: Response): Promise<Part[]> {
  const type = response.headers.get('content-type') ?? '';
  expect(type).toMatch(/^multipart\/mixed/);
  const boundary = /boundary="?([^";]+)"?/.exec(type)![1]!;
  const text = await response.text();
  return text
    .split(`--${boundary}`)
    .map((chunk) => chunk.split('\r\n\r\n').slice(1).join('\r\n\r\n').trim())
    .filter((body) => body.startsWith('{'))
    .map((body) => JSON.parse(body) as Part);
}

const post = (query: string, accept: string) =>
  t.fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept, authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables: { ids } }),
  });

describe('@defer and @stream', () => {
  it('are declared in schema.graphql for the clients that compile against it', async () => {
    const { readFile } = await import('node:fs/promises');
    const sdl = await readFile(new URL('../../schema.graphql', import.meta.url), 'utf8');
    expect(sdl).toMatch(/directive @defer\(/);
    expect(sdl).toMatch(/directive @stream\(/);
  });

  it('answer over HTTP as multipart/mixed: the posts first, their analysis after', async () => {
    const parts = await multipartParts(await post(DEFERRED, 'multipart/mixed'));
    expect(parts.length).toBeGreaterThan(1);
    const [first, ...rest] = parts;
    expect(first).toMatchObject({ hasNext: true, data: { nodes: ids.map((id) => ({ id })) } });
    for (const node of (first!.data as { nodes: Record<string, unknown>[] }).nodes) expect(node).not.toHaveProperty('analysis');
    const deferred = rest.flatMap((part) => part.incremental ?? []);
    expect(deferred).toHaveLength(ids.length);
    for (const item of deferred) expect(item).toMatchObject({ label: 'analysis', data: { analysis: { wordCount: expect.any(Number) } } });
    expect(parts.at(-1)!.hasNext).toBe(false);
  });

  it('stream a list after its first items', async () => {
    const parts = await multipartParts(await post(STREAMED, 'multipart/mixed'));
    expect(parts[0]).toMatchObject({ hasNext: true, data: { nodes: [{ id: ids[0] }] } });
    const streamed = parts
      .slice(1)
      .flatMap((part) => part.incremental ?? [])
      .flatMap((item) => item.items ?? []);
    expect(streamed).toEqual(ids.slice(1).map((id) => ({ id })));
  });

  it('reach Apollo Client 4 through its own incremental handler, as partial data and then the whole', async () => {
    const client = new ApolloClient({
      link: new HttpLink({ uri: `${t.url}/graphql`, headers: { authorization: `Bearer ${token}` } }),
      cache: new InMemoryCache(),
      incrementalHandler: new Defer20220824Handler(),
    });
    const seen: { posts: number; analysed: number; state: string }[] = [];
    await new Promise<void>((resolve, reject) => {
      const subscription = client.watchQuery({ query: gql(DEFERRED), variables: { ids } }).subscribe({
        next: (result) => {
          const nodes = ((result.data as { nodes?: { analysis?: unknown }[] } | undefined)?.nodes ?? []) as { analysis?: unknown }[];
          seen.push({ posts: nodes.length, analysed: nodes.filter((node) => node.analysis).length, state: result.dataState });
          if (result.dataState === 'complete') {
            subscription.unsubscribe();
            resolve();
          }
        },
        error: reject,
      });
    });
    client.stop();
    // The posts were on screen before their analysis arrived.
    expect(seen).toContainEqual({ posts: ids.length, analysed: 0, state: 'streaming' });
    expect(seen.at(-1)).toEqual({ posts: ids.length, analysed: ids.length, state: 'complete' });
  });

  it('arrive in parts over Server-Sent Events (graphql-sse) and over WebSocket (graphql-ws)', async () => {
    const sse = createSseClient({ url: `${t.url}/graphql`, retryAttempts: 0, headers: { authorization: `Bearer ${token}` } });
    const ws = createWsClient({
      url: `${t.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
    });
    try {
      for (const client of [sse, ws]) {
        const parts: Part[] = [];
        for await (const part of client.iterate({ query: DEFERRED, variables: { ids } })) parts.push(part as Part);
        expect(parts[0]).toMatchObject({ hasNext: true, data: { nodes: ids.map((id) => ({ id })) } });
        expect(parts.flatMap((part) => part.incremental ?? [])).toHaveLength(ids.length);
      }
    } finally {
      sse.dispose();
      await ws.dispose();
    }
  });

  it('are answered in parts every time (never stored whole by the response cache) while whole answers still are', async () => {
    for (let i = 0; i < 2; i++) {
      const response = await post(DEFERRED, 'multipart/mixed');
      expect(response.headers.get('x-cache')).not.toBe('HIT');
      expect((await multipartParts(response)).length).toBeGreaterThan(1);
    }
    const whole = 'query Whole($ids: [ID!]!) { nodes(ids: $ids) { id } }';
    await (await post(whole, 'application/json')).text();
    expect((await post(whole, 'application/json')).headers.get('x-cache')).toBe('HIT');
  });

  it('a client that cannot read parts is told so, not sent a broken answer', async () => {
    const response = await post(DEFERRED, 'application/graphql-response+json');
    expect(response.status).toBe(406);
  });
});
