import { request } from 'node:http';
import { describe, expect, it, onTestFinished } from 'vitest';
import { freePort } from '../helpers/free-port.js';
import { backend, isolatedBackendEnv } from '../helpers/test-app.js';
import { scrape } from './helpers.js';
import { startServerProcess } from './server-process.js';

/** One request on a connection of its own, so the cluster's round-robin hands each to the next process. */
function freshConnectionQuery(base: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ query: '{ __typename }' });
    const req = request(
      `${base}/graphql`,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode!));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe.skipIf(backend === 'embedded')('WEB_CONCURRENCY server processes on one port', () => {
  it('serve together, report metrics summed over all of them, and drain on SIGTERM', async () => {
    const isolated = await isolatedBackendEnv();
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    // Production serves /metrics on its own port only (shared by the processes like PORT).
    const metricsPort = await freePort();
    const metricsBase = `http://127.0.0.1:${metricsPort}`;
    const server = startServerProcess({
      ...isolated.env,
      METRICS_PORT: String(metricsPort),
      NODE_ENV: 'production',
      SECRET_KEY: 'a-production-secret-that-is-long-enough-0123',
      HOST: '127.0.0.1',
      PORT: String(port),
      WEB_CONCURRENCY: '2',
      FEATURE_RATE_LIMIT: 'false',
    });
    // Also when the test times out: a primary left running would keep replacing its processes.
    onTestFinished(async () => {
      server.kill('SIGKILL');
      await isolated.drop();
    });
    await server.waitForLine((l) => l.msg === 'all server processes ready');
    // Each process logs on its own, so its line may reach the pipe after the primary's.
    await expect.poll(() => server.lines.filter((l) => /ready at/.test(String(l.msg))).length).toBe(2);
    const before = await scrape(metricsBase);
    const served = (s: Awaited<ReturnType<typeof scrape>>) =>
      s.samples.filter((x) => x.name === 'lpa_http_request_duration_seconds_count' && x.labels.route === '/graphql').reduce((sum, x) => sum + x.value, 0);
    const statuses = await Promise.all(Array.from({ length: 30 }, () => freshConnectionQuery(base)));
    expect(statuses.every((status) => status === 200)).toBe(true);
    // Each process counts only what it served; a scrape landing on either must show all 30.
    for (let i = 0; i < 4; i++) expect(served(await scrape(metricsBase)) - served(before)).toBe(30);

    server.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.lines.filter((l) => l.msg === 'shutting down')).toHaveLength(2);
  });
});
