import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port.js';
import { backend, createTestApp } from '../helpers/test-app.js';
import { postGraphQL, scrapeUntil, slowRequest, value, wsClient } from './helpers.js';
import { startServerProcess } from './server-process.js';

// Drafts: the caller's own are counted, nobody else's.
const QUERY = JSON.stringify({ query: 'query Slow { posts(first: 5, filter: { status: DRAFT }) { totalCount } }' });

describe('readiness and draining', () => {
  it('is not ready until started, drains in-flight requests and answers "draining" while it does', async () => {
    // A generous timeout: a drain that hangs fails the test instead of being cut short.
    const t = await createTestApp({ env: { SHUTDOWN_TIMEOUT_MS: '600000' }, start: false });
    try {
      expect((await t.app.readiness()).status).toBe('starting');
      const base = await t.listen();
      const ready = await fetch(`${base}/health/ready`);
      expect(ready.status).toBe(200);
      expect(((await ready.json()) as { checks: object }).checks).toHaveProperty('database.status', 'ok');

      const slow = slowRequest(base, QUERY);
      await scrapeUntil(base, (s) => value(s, 'lpa_http_requests_in_flight') === 2);
      const stopping = t.app.stop();
      let stopped = false;
      void stopping.then(() => (stopped = true));
      expect(await t.app.readiness()).toEqual({ status: 'draining', checks: {} });
      await expect(fetch(`${base}/health/live`)).rejects.toThrow();
      expect(stopped).toBe(false);

      slow.finish();
      const answer = await slow.response;
      expect(answer.status).toBe(200);
      expect(answer.body.data.posts.totalCount).toBe(0);
      expect(answer.headers.connection).toBe('close');
      await stopping;
    } finally {
      await t.close();
    }
  }, 180_000);
});

// The process under test runs the embedded backend in its own data dir, whichever project runs.
describe.skipIf(backend !== 'embedded')('SIGTERM on the real server', () => {
  it('finishes the in-flight request, closes WebSockets with 1001 and exits 0', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'lpa-shutdown-'));
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    // Production serves /metrics on its own port only.
    const metricsPort = await freePort();
    const metricsBase = `http://127.0.0.1:${metricsPort}`;
    const server = startServerProcess({
      METRICS_PORT: String(metricsPort),
      NODE_ENV: 'production',
      SECRET_KEY: 'a-production-secret-that-is-long-enough-0123',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      SHUTDOWN_TIMEOUT_MS: '20000',
    });
    try {
      await server.waitForLine((l) => /ready at/.test(String(l.msg)));
      const signUp = await postGraphQL(base, {
        query: 'mutation ($input: SignUpInput!) { signUp(input: $input) { token } }',
        variables: { input: { email: 'drain@example.com', password: 'correct horse battery', name: 'Drain' } },
      });
      const authorization = `Bearer ${signUp.body.data.signUp.token}`;
      const post = await postGraphQL(base, { query: 'mutation { createPost(input: { content: "Still here" }) { id } }' }, { authorization });

      const client = wsClient(base, { authorization });
      const closed = new Promise<number>((resolve) => client.on('closed', (event) => resolve((event as { code: number }).code)));
      client.subscribe(
        { query: 'subscription ($id: ID!) { postMetricsUpdated(postId: $id) { impressions } }', variables: { id: post.body.data.createPost.id } },
        { next: () => {}, error: () => {}, complete: () => {} },
      );
      await scrapeUntil(metricsBase, (s) => value(s, 'lpa_graphql_subscriptions_active', { field: 'postMetricsUpdated' }) === 1);
      const slow = slowRequest(base, QUERY, { authorization });
      // The slow request alone: scrapes of METRICS_PORT are not requests to the API.
      await scrapeUntil(metricsBase, (s) => value(s, 'lpa_http_requests_in_flight') === 1);

      server.kill('SIGTERM');
      expect(await closed).toBe(1001);
      slow.finish();
      const answer = await slow.response;
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ data: { posts: { totalCount: 1 } } });
      expect(await server.exited).toEqual({ code: 0, signal: null });
      expect(server.lines.some((l) => l.msg === 'shutting down' && l.signal === 'SIGTERM')).toBe(true);
      expect(server.lines.filter((l) => l.level === 'warn' || l.level === 'error')).toEqual([]);
      expect(server.lines.every((l) => typeof l.level === 'string' && typeof l.time === 'string')).toBe(true);
      await client.dispose();
    } finally {
      server.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});
