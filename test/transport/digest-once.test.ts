import { randomUUID } from 'node:crypto';
import { createClient } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/** The edge digests a request once: its body is parsed once and its token verified once, cache miss or not. */
let t: TestApp;
let token: string;

beforeAll(async () => {
  t = await createTestApp();
  ({ token } = await t.signUp('Digested'));
});
afterAll(() => t.close());
afterEach(() => vi.restoreAllMocks());

describe('a request digested once', () => {
  it('parses the body once and verifies the token once on a cache miss', async () => {
    const verify = vi.spyOn(t.app.services.tokens, 'verify');
    const parse = vi.spyOn(JSON, 'parse');
    // Unique, so neither the cache nor the edge's memory of request texts has seen it.
    const body = JSON.stringify({ query: `{ me { id } posts(first: 1, filter: { hashtag: "h${randomUUID().slice(0, 8)}" }) { totalCount } }` });
    const response = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
    });
    expect(response.headers.get('x-cache')).toBe('MISS');
    expect(((await response.json()) as { data: { me: { id: string } } }).data.me.id).toBeTruthy();
    expect(parse.mock.calls.filter(([text]) => text === body)).toHaveLength(1);
    expect(verify).toHaveBeenCalledTimes(1);
  });

  it("verifies a WebSocket's token once for all the operations sent over it", async () => {
    const verify = vi.spyOn(t.app.services.tokens, 'verify');
    const client = createClient({
      url: `${t.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
      lazy: false,
    });
    try {
      for (let i = 0; i < 3; i++) {
        const result = await new Promise<unknown>((resolve, reject) => {
          let value: unknown;
          client.subscribe({ query: '{ me { id } }' }, { next: (v) => (value = v), error: reject, complete: () => resolve(value) });
        });
        expect(result).toMatchObject({ data: { me: { id: expect.any(String) } } });
      }
    } finally {
      await client.dispose();
    }
    expect(verify).toHaveBeenCalledTimes(1);
  });
});
