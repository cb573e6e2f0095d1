import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * Clients that send slowly cannot take the server's attention from others: a request takes a place
 * among those served only once its body has arrived, bodies and headers have deadlines, and one
 * address may send only so many bodies at once.
 */
const LIMITS = {
  MAX_IN_FLIGHT_REQUESTS: '4',
  HTTP_BODY_TIMEOUT_MS: '1500',
  HTTP_HEADERS_TIMEOUT_MS: '1500',
  HTTP_BODY_READS_PER_CLIENT: '10',
  TRUST_PROXY: 'true',
};

let t: TestApp;
const sockets: Socket[] = [];

beforeAll(async () => {
  t = await createTestApp({ env: LIMITS });
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await t.close();
});

/** A raw connection that sends `head` and keeps the rest back; resolves with the status line once the server answers. */
function trickle(head: string): { status: Promise<string>; socket: Socket } {
  const { port } = new URL(t.url);
  const socket = connect(Number(port), '127.0.0.1');
  sockets.push(socket);
  socket.on('error', () => undefined);
  let received = '';
  const status = new Promise<string>((resolve) => {
    socket.on('data', (chunk) => {
      received += chunk.toString();
      if (received.includes('\r\n')) resolve(received.slice(0, received.indexOf('\r\n')));
    });
    socket.on('close', () => resolve(received.split('\r\n')[0] ?? ''));
  });
  socket.write(head);
  return { status, socket };
}

const slowBody = (ip: string) =>
  trickle(`POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100000\r\nX-Forwarded-For: ${ip}\r\n\r\n{`);

const rejected = async (reason: string) => {
  const text = await t.app.metrics.registry.getSingleMetricAsString('lpa_http_requests_rejected_total');
  return Number(new RegExp(`reason="${reason}"} (\\d+)`).exec(text)?.[1] ?? 0);
};

const ask = (ip: string) =>
  fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify({ query: '{ __typename }' }),
  });

describe('slow clients', () => {
  it('hold no place among the requests served while their bodies trickle, and are cut off at the deadline', async () => {
    const attacker = Array.from({ length: 30 }, () => slowBody('203.0.113.5'));
    // Ten of them are read; the other twenty are refused at once, unread.
    const refused = (await Promise.all(attacker.slice(10).map((a) => a.status))).filter((line) => line.includes(' 429 '));
    expect(refused).toHaveLength(20);
    expect(await rejected('slow_client')).toBeGreaterThanOrEqual(20);

    // Meanwhile everyone else is served, far more requests than MAX_IN_FLIGHT_REQUESTS (4).
    const others = await Promise.all(Array.from({ length: 12 }, (_, i) => ask(`198.51.100.${i + 1}`)));
    expect(others.map((r) => r.status)).toEqual(Array(12).fill(200));
    expect((await fetch(`${t.url}/health/ready`)).status).toBe(200);

    // At the body deadline the ten still trickling are answered 408.
    const cut = await Promise.all(attacker.slice(0, 10).map((a) => a.status));
    expect(cut.every((line) => line.includes(' 408 '))).toBe(true);
    expect(await rejected('slow_body')).toBeGreaterThanOrEqual(10);
  });

  it('are cut off when their headers do not arrive in time', async () => {
    const started = Date.now();
    const { status } = trickle('POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-');
    expect(await status).toContain(' 408 ');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await rejected('slow_headers')).toBeGreaterThanOrEqual(1);
  });
});
