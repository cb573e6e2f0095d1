import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalNginx } from '../deploy/local-nginx.js';
import { requireTool } from '../deploy/tools.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * Behind the nginx this repo ships, each client has its own anonymous budget: the API trusts
 * X-Forwarded-For from nginx's address only (as docker-compose.yml configures it), reads the address
 * nginx appended, and ignores what clients claim. Clients are told apart by their loopback source
 * address (127.0.0.2, 127.0.0.3, …), which nginx sees as $remote_addr.
 */
const nginx = requireTool('nginx');
const LIMITS = { RATE_LIMIT_ANONYMOUS: '3', TRUST_PROXY: '127.0.0.1' };

let t: TestApp;
let proxy: Awaited<ReturnType<typeof startLocalNginx>> | undefined;
const dir = mkdtempSync(path.join(tmpdir(), 'lpa-proxy-trust-'));

/** One anonymous GraphQL request through nginx (HTTPS, self-signed) from `source`, claiming `forwardedFor` if given. */
function throughNginx(source: string, forwardedFor?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ query: '{ __typename }' });
    const req = https.request(
      {
        host: '127.0.0.1',
        port: proxy!.ports.https,
        path: '/graphql',
        method: 'POST',
        localAddress: source,
        rejectUnauthorized: false,
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json',
          'content-length': Buffer.byteLength(body),
          ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** One anonymous GraphQL request straight to the API from `source`, claiming `forwardedFor`. */
function directFrom(source: string, forwardedFor: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ query: '{ __typename }' });
    const { port } = new URL(t.url);
    const req = http.request(
      {
        host: '127.0.0.1',
        port: Number(port),
        path: '/graphql',
        method: 'POST',
        localAddress: source,
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json',
          'content-length': Buffer.byteLength(body),
          'x-forwarded-for': forwardedFor,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

beforeAll(async () => {
  t = await createTestApp({ env: LIMITS });
  if (nginx.path) proxy = await startLocalNginx(nginx.path, dir, Number(new URL(t.url).port));
}, 30_000);
afterAll(async () => {
  await proxy?.stop();
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(nginx.skip)('the API behind the shipped nginx', () => {
  it('gives every client its own anonymous budget, whatever X-Forwarded-For they send', async () => {
    const first = [];
    for (let i = 0; i < 4; i++) first.push(await throughNginx('127.0.0.2', '198.51.100.99'));
    expect(first).toEqual([200, 200, 200, 429]);
    // Claiming another address does not escape the budget: nginx appends the real one, and that is the one read.
    expect(await throughNginx('127.0.0.2', '127.0.0.3')).toBe(429);
    // Another client, and the one it was impersonated as, are still served.
    expect(await throughNginx('127.0.0.3')).toBe(200);
    expect(await throughNginx('127.0.0.4', '127.0.0.2')).toBe(200);
  });

  it('ignores X-Forwarded-For from peers that are not the proxy', async () => {
    const statuses = [];
    // Straight to the API from 127.0.0.5, claiming a new address each time: all one client.
    for (let i = 0; i < 4; i++) statuses.push(await directFrom('127.0.0.5', `203.0.113.${i + 1}`));
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});
