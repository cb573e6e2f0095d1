import { once } from 'node:events';
import { type Client, createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * Operations over a WebSocket spend the same budgets as HTTP requests, keyed by the socket's real
 * client address (here behind a trusted proxy) and viewer: once per connection_init, once per
 * operation, and the per-field budgets (logIn, signUp, search) across both transports.
 */
const LIMITS = { RATE_LIMIT_ANONYMOUS: '6', RATE_LIMIT_AUTH: '3', TRUST_PROXY: 'true' };

let t: TestApp;
let wsUrl: string;
const clients: Client[] = [];

beforeAll(async () => {
  t = await createTestApp({ env: LIMITS });
  wsUrl = `${t.url.replace('http', 'ws')}/graphql`;
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await t?.close();
});

/** A WebSocket that arrives through the proxy as `ip`. */
const socketFrom = (ip: string) =>
  class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { 'x-forwarded-for': ip } });
    }
  };

function connectFrom(ip: string) {
  const client = createClient({ url: wsUrl, webSocketImpl: socketFrom(ip), retryAttempts: 0, lazy: false });
  clients.push(client);
  return client;
}

type Result = { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };

/** One operation over the client's socket: its single result, or the errors it was refused with. */
function run(client: Client, query: string, variables: Record<string, unknown> = {}): Promise<Result> {
  return new Promise((resolve) => {
    let result: Result = {};
    client.subscribe(
      { query, variables },
      {
        next: (value) => void (result = value as Result),
        error: (errors) => resolve({ errors: Array.isArray(errors) ? (errors as Result['errors']) : [{ message: String(errors) }] }),
        complete: () => resolve(result),
      },
    );
  });
}

const httpPost = (ip: string, query: string, variables: Record<string, unknown> = {}) =>
  fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', 'x-forwarded-for': ip },
    body: JSON.stringify({ query, variables }),
  });

const LOG_IN = 'mutation ($input: LogInInput!) { logIn(input: $input) { token } }';
const wrongPassword = { input: { email: 'nobody@example.com', password: 'not the password' } };
const codeOf = (result: Result) => result.errors?.[0]?.extensions?.code;

describe('WebSocket operations and the rate limits', () => {
  it('limits anonymous operations over one socket like HTTP requests, and keeps the socket for later ones', async () => {
    const client = connectFrom('198.51.100.1');
    const codes: unknown[] = [];
    // connection_init spent one of six.
    for (let i = 0; i < 7; i++) codes.push(codeOf(await run(client, '{ __typename }')));
    expect(codes).toEqual([undefined, undefined, undefined, undefined, undefined, 'RATE_LIMITED', 'RATE_LIMITED']);
    const refused = await run(client, '{ __typename }');
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: expect.any(Number) });
  });

  it('gives sockets from different client addresses their own budgets', async () => {
    const spent = connectFrom('198.51.100.2');
    for (let i = 0; i < 5; i++) await run(spent, '{ __typename }');
    expect(codeOf(await run(spent, '{ __typename }'))).toBe('RATE_LIMITED');
    const other = connectFrom('198.51.100.3');
    expect(await run(other, '{ __typename }')).toEqual({ data: { __typename: 'Query' } });
  });

  it('closes a new socket with 4429 when its address has spent its budget over HTTP', async () => {
    for (let i = 0; i < 6; i++) await httpPost('198.51.100.4', '{ __typename }');
    expect((await httpPost('198.51.100.4', '{ __typename }')).status).toBe(429);
    const socket = new (socketFrom('198.51.100.4'))(wsUrl, 'graphql-transport-ws');
    await once(socket, 'open');
    socket.send(JSON.stringify({ type: 'connection_init' }));
    const [code] = (await once(socket, 'close')) as [number];
    expect(code).toBe(4429);
  });

  it('refuses logIn over a WebSocket once the address spent its logIn budget over HTTP', async () => {
    for (let i = 0; i < 3; i++)
      expect(((await (await httpPost('198.51.100.5', LOG_IN, wrongPassword)).json()) as Result).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const client = connectFrom('198.51.100.5');
    const guess = await run(client, LOG_IN, wrongPassword);
    expect(codeOf(guess)).toBe('RATE_LIMITED');
  });

  it('refuses logIn over HTTP once the address spent its logIn budget over a WebSocket', async () => {
    const client = connectFrom('198.51.100.6');
    for (let i = 0; i < 3; i++) expect(codeOf(await run(client, LOG_IN, wrongPassword))).toBe('UNAUTHENTICATED');
    expect(codeOf(await run(client, LOG_IN, wrongPassword))).toBe('RATE_LIMITED');
    const overHttp = await httpPost('198.51.100.6', LOG_IN, wrongPassword);
    expect(((await overHttp.json()) as Result).errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });
});
